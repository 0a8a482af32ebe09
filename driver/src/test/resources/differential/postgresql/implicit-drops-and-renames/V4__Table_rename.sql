-- The indexes move with the table, under their old names.
ALTER TABLE payments RENAME TO loan_payments;
CREATE TABLE payments (id BIGINT PRIMARY KEY, reference TEXT);
CREATE INDEX payments_reference_idx ON payments (reference);
ALTER INDEX payments_loan_idx RENAME TO loan_payments_loan_idx;
CREATE INDEX payments_loan_idx ON payments (id, reference);
ALTER TABLE loan_payments RENAME CONSTRAINT payments_pkey TO loan_payments_pkey;
