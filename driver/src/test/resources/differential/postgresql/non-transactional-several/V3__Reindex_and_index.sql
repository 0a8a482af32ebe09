REINDEX INDEX CONCURRENTLY loans_status_idx;
CREATE INDEX CONCURRENTLY loans_amount_idx ON loans (amount);
DROP INDEX CONCURRENTLY IF EXISTS loans_tmp_idx;
