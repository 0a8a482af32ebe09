ALTER TABLE loans RENAME COLUMN note TO remark;
DROP INDEX loans_borrower_idx;
CREATE INDEX loans_borrower_idx ON loans (borrower_id, amount);
DROP VIEW loan_view;
CREATE VIEW loan_view AS SELECT id, amount, currency FROM loans;
DROP TRIGGER loans_guard;
ALTER TABLE loans DROP COLUMN remark;
ALTER TABLE borrowers RENAME TO customers;
