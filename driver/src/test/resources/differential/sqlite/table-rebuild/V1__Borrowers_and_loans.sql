CREATE TABLE borrowers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE loans (
    id INTEGER PRIMARY KEY,
    borrower_id INTEGER REFERENCES borrowers (id),
    amount REAL,
    note TEXT
);

CREATE INDEX loans_borrower_idx ON loans (borrower_id);
CREATE VIEW loan_totals AS SELECT borrower_id, SUM(amount) AS total FROM loans GROUP BY borrower_id;

INSERT INTO borrowers (id, name) VALUES (1, 'Ada'), (2, 'Grace');
INSERT INTO loans (borrower_id, amount, note) VALUES (1, 10.5, 'first'), (2, 20, NULL);
