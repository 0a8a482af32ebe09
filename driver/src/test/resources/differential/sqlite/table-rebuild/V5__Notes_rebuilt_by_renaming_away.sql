-- The other common order, for a table nothing references: rename the old one away first.
CREATE TABLE loan_notes (id INTEGER PRIMARY KEY, loan_id INTEGER, text TEXT);
CREATE INDEX loan_notes_loan_idx ON loan_notes (loan_id);
INSERT INTO loan_notes (loan_id, text) VALUES (1, 'called'), (2, 'paid');

ALTER TABLE loan_notes RENAME TO loan_notes_old;
CREATE TABLE loan_notes (id INTEGER PRIMARY KEY, loan_id INTEGER NOT NULL REFERENCES loans (id), body TEXT NOT NULL);
INSERT INTO loan_notes (id, loan_id, body) SELECT id, loan_id, text FROM loan_notes_old;
DROP TABLE loan_notes_old;
CREATE INDEX loan_notes_loan_idx ON loan_notes (loan_id);
