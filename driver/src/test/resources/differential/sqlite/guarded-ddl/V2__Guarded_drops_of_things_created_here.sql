-- Created earlier in this same script, then dropped with a guard: the guard must see them.
CREATE TABLE notes (id INTEGER PRIMARY KEY, loan_id INTEGER, body TEXT);
CREATE INDEX notes_loan_idx ON notes (loan_id);
CREATE VIEW notes_view AS SELECT body FROM notes;
DROP VIEW IF EXISTS notes_view;
DROP INDEX IF EXISTS notes_loan_idx;
DROP TABLE IF EXISTS notes;
CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
DROP INDEX IF EXISTS loans_borrower_idx;
CREATE INDEX IF NOT EXISTS loans_borrower_idx ON loans (amount, borrower_id);
DROP TRIGGER IF EXISTS loans_guard;
CREATE TRIGGER IF NOT EXISTS loans_guard BEFORE UPDATE OF amount ON loans BEGIN SELECT RAISE(ABORT, 'amounts are fixed'); END;
