-- The old names come back with another meaning.
ALTER TABLE accounts ADD COLUMN owner TEXT;
ALTER TABLE accounts ADD COLUMN legacy_code INTEGER NOT NULL DEFAULT 0;
UPDATE accounts SET owner = holder;
CREATE INDEX accounts_legacy_idx ON accounts (legacy_code);
ALTER TABLE accounts DROP COLUMN nickname;
ALTER TABLE accounts RENAME TO ledger_accounts;
