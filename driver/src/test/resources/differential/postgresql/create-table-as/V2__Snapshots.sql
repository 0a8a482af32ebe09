CREATE TABLE loans_snapshot AS SELECT * FROM loans;
CREATE TABLE IF NOT EXISTS borrower_totals AS
    SELECT borrower_id, sum(amount) AS total FROM loans GROUP BY borrower_id;
CREATE TABLE empty_loans AS SELECT * FROM loans WITH NO DATA;
SELECT id, amount INTO small_loans FROM loans WHERE amount < 10;
ALTER TABLE loans_snapshot ADD PRIMARY KEY (id);
CREATE INDEX borrower_totals_borrower_idx ON borrower_totals (borrower_id);
