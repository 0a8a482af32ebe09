CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    legacy_code TEXT,
    balance INTEGER NOT NULL DEFAULT 0,
    nickname TEXT
);

CREATE INDEX accounts_owner_idx ON accounts (owner);
CREATE VIEW rich_accounts AS SELECT id, owner, balance FROM accounts WHERE balance > 1000;

INSERT INTO accounts (owner, legacy_code, balance) VALUES ('ada', 'X1', 5000), ('alan', NULL, 10);
