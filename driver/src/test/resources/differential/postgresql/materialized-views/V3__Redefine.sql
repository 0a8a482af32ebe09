DROP MATERIALIZED VIEW borrower_totals;
CREATE MATERIALIZED VIEW borrower_totals AS
    SELECT borrower_id, max(amount) AS largest FROM loans GROUP BY borrower_id;
CREATE INDEX borrower_totals_borrower_idx ON borrower_totals (largest);
REFRESH MATERIALIZED VIEW big_loans;
ALTER MATERIALIZED VIEW big_loans RENAME TO large_loans;
