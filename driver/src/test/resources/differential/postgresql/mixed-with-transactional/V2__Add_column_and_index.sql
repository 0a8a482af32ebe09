-- Flyway's mixed=true: transactional and non-transactional statements in one script.
ALTER TABLE loans ADD COLUMN due_on DATE;
UPDATE loans SET due_on = DATE '2025-01-01' + (id::int % 30);
CREATE INDEX CONCURRENTLY loans_due_idx ON loans (due_on);
CREATE TABLE repayments (id BIGSERIAL PRIMARY KEY, loan_id BIGINT NOT NULL REFERENCES loans (id), paid NUMERIC(12, 2));
CREATE INDEX CONCURRENTLY repayments_loan_idx ON repayments (loan_id);
VACUUM ANALYZE loans;
