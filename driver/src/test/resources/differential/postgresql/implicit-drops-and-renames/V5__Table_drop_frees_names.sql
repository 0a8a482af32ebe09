-- Dropping a table drops its indexes and constraints; the names are free again.
DROP TABLE loan_payments;
CREATE INDEX loan_payments_loan_idx ON loans (borrower_id, code);
ALTER TABLE payments ADD COLUMN loan_id BIGINT;
ALTER TABLE payments ADD CONSTRAINT loan_payments_pkey UNIQUE (loan_id, id);
