CREATE INDEX CONCURRENTLY loans_borrower_idx ON loans (borrower_id);
