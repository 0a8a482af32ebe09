CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    loan_id INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    paid_on TEXT NOT NULL
);

INSERT INTO payments (loan_id, amount, paid_on) VALUES
    (1, 100, '2024-01-01'), (1, 150, '2024-02-01'), (2, 75, '2024-01-15');
