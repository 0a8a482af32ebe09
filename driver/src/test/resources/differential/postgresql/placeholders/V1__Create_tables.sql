-- Tables of ${prefix} in ${flyway:defaultSchema}, amounts in ${currency}.
CREATE TABLE ${flyway:defaultSchema}.${prefix}_loans (
    id BIGSERIAL PRIMARY KEY,
    amount NUMERIC(12, 2) NOT NULL,
    currency TEXT NOT NULL DEFAULT '${currency}',
    created_by TEXT NOT NULL DEFAULT '${flyway:user}'
);
CREATE INDEX ${prefix}_loans_currency_idx ON ${prefix}_loans (currency);
INSERT INTO ${prefix}_loans (amount) VALUES (10);
