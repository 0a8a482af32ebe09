-- Cashback: programs with tiers and rules, an account per user, its transactions and payouts.
CREATE TABLE cashback_program (
    id        INTEGER PRIMARY KEY,
    name      TEXT    NOT NULL UNIQUE,
    active    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE cashback_tier (
    id            INTEGER PRIMARY KEY,
    program_id    INTEGER NOT NULL REFERENCES cashback_program (id),
    min_paid      INTEGER NOT NULL,
    percent_basis INTEGER NOT NULL
);

CREATE TABLE cashback_rule (
    id          INTEGER PRIMARY KEY,
    program_id  INTEGER NOT NULL REFERENCES cashback_program (id),
    description TEXT    NOT NULL,
    max_cents   INTEGER
);

CREATE TABLE cashback_account (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL UNIQUE REFERENCES users (id),
    balance_cents INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE cashback_transaction (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES cashback_account (id),
    payment_id   INTEGER REFERENCES payments (id),
    amount_cents INTEGER NOT NULL,
    created_at   TEXT    NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE cashback_payout (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES cashback_account (id),
    amount_cents INTEGER NOT NULL,
    paid_on      TEXT    NOT NULL
);

CREATE INDEX cashback_transaction_account ON cashback_transaction (account_id);

INSERT INTO cashback_program (id, name) VALUES (1, 'Standard');
INSERT INTO cashback_tier (program_id, min_paid, percent_basis) VALUES (1, 0, 50), (1, 100000, 100);

-- Every existing user gets an account.
INSERT INTO cashback_account (user_id) SELECT id FROM users;
