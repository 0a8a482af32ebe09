CREATE TABLE loans (
    id INTEGER PRIMARY KEY,
    borrower TEXT NOT NULL,
    amount INTEGER NOT NULL,
    closed INTEGER NOT NULL DEFAULT 0
);

CREATE VIEW open_loans AS SELECT id, borrower, amount FROM loans WHERE closed = 0;
CREATE VIEW IF NOT EXISTS loan_count AS SELECT COUNT(*) AS n FROM loans;
CREATE VIEW big_open_loans AS SELECT * FROM open_loans WHERE amount > 1000;
