CREATE INDEX loans_borrower_idx ON loans (borrower_id, status);
