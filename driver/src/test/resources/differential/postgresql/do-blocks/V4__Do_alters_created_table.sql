CREATE TABLE loan_events (id BIGSERIAL PRIMARY KEY, loan_id BIGINT NOT NULL, kind TEXT NOT NULL);
DO $$ BEGIN
    ALTER TABLE loan_events DROP COLUMN kind;
    ALTER TABLE loan_events ADD COLUMN kind loan_state;
    DROP INDEX IF EXISTS loans_amount_idx;
END $$;
ALTER TABLE loan_events ADD COLUMN note TEXT;
CREATE INDEX loans_amount_idx ON loans (borrower_id, amount);
