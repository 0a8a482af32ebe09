DROP VIEW IF EXISTS loan_count;
DROP VIEW IF EXISTS never_created;
CREATE VIEW loan_count AS SELECT borrower, COUNT(*) AS n FROM loans GROUP BY borrower;
