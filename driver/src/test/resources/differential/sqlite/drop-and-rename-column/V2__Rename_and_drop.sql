ALTER TABLE accounts RENAME COLUMN owner TO holder;
ALTER TABLE accounts DROP COLUMN legacy_code;
ALTER TABLE accounts RENAME COLUMN balance TO balance_cents;
