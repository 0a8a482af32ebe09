-- Tables of ${prefix}, in ${currency}.
CREATE TABLE ${prefix}_loans (
    id INTEGER PRIMARY KEY,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL DEFAULT '${currency}'
);
CREATE INDEX ${prefix}_loans_currency_idx ON ${prefix}_loans (currency);
INSERT INTO ${prefix}_loans (amount) VALUES (10);
