CREATE TABLE loans (id BIGSERIAL PRIMARY KEY, amount NUMERIC(12, 2) NOT NULL);
INSERT INTO loans (amount) VALUES (10), (20);

-- A scratch table, index and view for a data fix, all gone by the end of the file.
CREATE TABLE fix_amounts (loan_id BIGINT PRIMARY KEY, amount NUMERIC(12, 2));
CREATE INDEX fix_amounts_amount_idx ON fix_amounts (amount);
CREATE VIEW fix_view AS SELECT loan_id FROM fix_amounts;
INSERT INTO fix_amounts SELECT id, amount * 2 FROM loans;
UPDATE loans SET amount = f.amount FROM fix_amounts f WHERE f.loan_id = loans.id;
DROP VIEW fix_view;
DROP INDEX fix_amounts_amount_idx;
DROP TABLE fix_amounts;

-- Created, dropped and created again with another shape.
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
ALTER TABLE settings ADD COLUMN scope TEXT;
DROP TABLE settings;
CREATE TABLE settings (name TEXT NOT NULL, value JSONB);
CREATE INDEX settings_idx ON settings (name);
DROP INDEX settings_idx;
CREATE UNIQUE INDEX settings_idx ON settings (lower(name));
CREATE SEQUENCE ticket_seq;
DROP SEQUENCE ticket_seq;
CREATE SEQUENCE ticket_seq START 1000 INCREMENT 5;
CREATE TYPE priority AS ENUM ('low');
DROP TYPE priority;
CREATE TYPE priority AS ENUM ('low', 'high');
