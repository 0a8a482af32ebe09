DROP INDEX CONCURRENTLY loans_due_idx;
ALTER TABLE loans RENAME COLUMN due_on TO due_date;
CREATE INDEX CONCURRENTLY loans_due_idx ON loans (due_date, status);
INSERT INTO repayments (loan_id, paid) VALUES (1, 5.00);
