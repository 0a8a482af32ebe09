CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO documents (title, body) VALUES ('Loan terms', 'Interest is charged monthly.');
INSERT INTO documents (title, body) VALUES ('Repayments', 'Pay on the first of the month.');
