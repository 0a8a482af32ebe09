-- A column created earlier in this same script, then DROP COLUMN IF EXISTS, then DROP TYPE of its
-- type: skipping the guarded drop makes the DROP TYPE fail.
CREATE TYPE loan_channel AS ENUM ('web', 'branch');
ALTER TABLE loans ADD COLUMN channel loan_channel;
ALTER TABLE loans DROP COLUMN IF EXISTS channel;
DROP TYPE loan_channel;

CREATE TABLE notes (id BIGSERIAL PRIMARY KEY, loan_id BIGINT, body TEXT);
CREATE INDEX notes_loan_idx ON notes (loan_id);
CREATE VIEW notes_view AS SELECT body FROM notes;
DROP VIEW IF EXISTS notes_view;
DROP INDEX IF EXISTS notes_loan_idx;
DROP TABLE IF EXISTS notes;
CREATE TABLE IF NOT EXISTS notes (id BIGSERIAL PRIMARY KEY, text TEXT NOT NULL);
DROP INDEX IF EXISTS loans_borrower_idx;
CREATE INDEX IF NOT EXISTS loans_borrower_idx ON loans (amount, borrower_id);
ALTER TABLE loans DROP COLUMN IF EXISTS note;
ALTER TABLE loans ADD COLUMN IF NOT EXISTS note VARCHAR(20);
CREATE OR REPLACE FUNCTION loan_count() RETURNS BIGINT LANGUAGE sql AS $$ SELECT count(*) + 0 FROM loans $$;
DROP TRIGGER IF EXISTS no_such_trigger ON loans;
ALTER TABLE loans DROP CONSTRAINT IF EXISTS no_such_constraint;
