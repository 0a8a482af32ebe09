DROP VIEW big_open_loans;
DROP VIEW open_loans;
CREATE VIEW open_loans AS SELECT id, borrower, amount, amount * 2 AS exposure FROM loans WHERE closed = 0;
CREATE VIEW big_open_loans AS SELECT id, exposure FROM open_loans WHERE exposure > 1000;
-- Already there: a no-op, even though the definition differs.
CREATE VIEW IF NOT EXISTS loan_count AS SELECT COUNT(id) AS total FROM loans;
