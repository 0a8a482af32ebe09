CREATE TABLE borrowers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE loans (id INTEGER PRIMARY KEY, borrower_id INTEGER NOT NULL REFERENCES borrowers (id), amount INTEGER);
CREATE INDEX loans_borrower_idx ON loans (borrower_id);
CREATE UNIQUE INDEX borrowers_name_idx ON borrowers (name);
CREATE VIEW loan_view AS SELECT id, amount FROM loans;
CREATE TRIGGER loans_guard BEFORE DELETE ON loans BEGIN SELECT RAISE(ABORT, 'loans are kept'); END;
ALTER TABLE loans ADD COLUMN note TEXT;
ALTER TABLE loans ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';
