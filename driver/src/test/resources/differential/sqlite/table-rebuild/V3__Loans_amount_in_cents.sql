-- SQLite cannot change a column's type: the documented rebuild (create new, copy, drop old, rename).
CREATE TABLE loans_new (
    id INTEGER PRIMARY KEY,
    borrower_id INTEGER NOT NULL REFERENCES borrowers (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    note TEXT
);

INSERT INTO loans_new (id, borrower_id, amount_cents, note)
SELECT id, borrower_id, CAST(ROUND(amount * 100) AS INTEGER), note FROM loans;

DROP VIEW loan_totals;
DROP TABLE loans;
ALTER TABLE loans_new RENAME TO loans;

CREATE INDEX loans_borrower_idx ON loans (borrower_id);
CREATE VIEW loan_totals AS SELECT borrower_id, SUM(amount_cents) AS total_cents FROM loans GROUP BY borrower_id;
