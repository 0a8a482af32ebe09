-- A scratch table used for a data fix, gone by the end of the file.
CREATE TABLE payments (id INTEGER PRIMARY KEY, loan_id INTEGER NOT NULL, amount INTEGER NOT NULL);
CREATE TABLE payment_fix (id INTEGER PRIMARY KEY, amount INTEGER);
CREATE INDEX payment_fix_amount_idx ON payment_fix (amount);
INSERT INTO payment_fix (amount) VALUES (1), (2);
INSERT INTO payments (loan_id, amount) SELECT 1, amount FROM payment_fix;
DROP INDEX payment_fix_amount_idx;
DROP TABLE payment_fix;

-- Created, dropped and created again with another shape, all in this file.
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
DROP TABLE settings;
CREATE TABLE settings (name TEXT NOT NULL, value INTEGER, scope TEXT);
CREATE INDEX settings_idx ON settings (name);
DROP INDEX settings_idx;
CREATE UNIQUE INDEX settings_idx ON settings (name, scope);
