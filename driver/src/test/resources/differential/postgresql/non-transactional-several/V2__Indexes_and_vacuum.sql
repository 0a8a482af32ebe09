-- Several statements that cannot run in a transaction block, in one script.
CREATE INDEX CONCURRENTLY loans_borrower_idx ON loans (borrower_id);
CREATE INDEX CONCURRENTLY loans_status_idx ON loans (status);
CREATE INDEX CONCURRENTLY loans_tmp_idx ON loans (amount);
DROP INDEX CONCURRENTLY loans_tmp_idx;
VACUUM ANALYZE loans;
CREATE INDEX CONCURRENTLY loans_tmp_idx ON loans (created_at);
