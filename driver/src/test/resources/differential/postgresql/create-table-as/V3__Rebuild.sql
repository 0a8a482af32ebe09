DROP TABLE borrower_totals;
CREATE TABLE borrower_totals (borrower_id BIGINT PRIMARY KEY, total NUMERIC(14, 2) NOT NULL);
INSERT INTO borrower_totals SELECT borrower_id, sum(amount) FROM loans GROUP BY borrower_id;
CREATE TABLE IF NOT EXISTS loans_snapshot AS SELECT id FROM loans;
CREATE UNLOGGED TABLE loans_scratch AS SELECT id FROM loans WHERE false;
