-- Accounts can be closed; reports look them up by owner.
ALTER TABLE accounts ADD COLUMN status TEXT NOT NULL DEFAULT 'open';
CREATE INDEX accounts_owner ON accounts (owner);
