-- Built without locking writes; a unique one and a partial one.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS loans_id_status_key ON loans (id, status);
