-- The lending app as it shipped for years: users, their loans and the payments on them.
CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    email      TEXT    NOT NULL UNIQUE,
    full_name  TEXT    NOT NULL,
    created_at TEXT    NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE loans (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    opened_on    TEXT    NOT NULL
);

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    loan_id      INTEGER NOT NULL REFERENCES loans (id),
    amount_cents INTEGER NOT NULL,
    paid_on      TEXT    NOT NULL
);

CREATE INDEX payments_loan ON payments (loan_id);

INSERT INTO users (id, email, full_name) VALUES
    (1, 'ada@example.com', 'Ada Lovelace'),
    (2, 'grace@example.com', 'Grace Hopper'),
    (3, 'alan@example.com', 'Alan Turing');

INSERT INTO loans (id, user_id, amount_cents, opened_on) VALUES
    (1, 1, 500000, '2024-01-15'),
    (2, 2, 1200000, '2024-03-01'),
    (3, 3, 250000, '2024-06-30');

INSERT INTO payments (loan_id, amount_cents, paid_on) VALUES
    (1, 50000, '2024-02-15'),
    (1, 50000, '2024-03-15'),
    (2, 100000, '2024-04-01'),
    (3, 25000, '2024-07-30');
