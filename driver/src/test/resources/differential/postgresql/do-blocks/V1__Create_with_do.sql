-- Objects created only when missing, the way hand-written PostgreSQL scripts often do it.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'loan_state') THEN
        CREATE TYPE loan_state AS ENUM ('open', 'closed');
    END IF;
END
$$;

CREATE TABLE loans (
    id BIGSERIAL PRIMARY KEY,
    borrower_id BIGINT NOT NULL,
    state loan_state NOT NULL DEFAULT 'open'
);

DO $$
BEGIN
    CREATE TABLE legacy_loans (id BIGINT PRIMARY KEY, note TEXT);
    EXECUTE 'CREATE INDEX legacy_loans_note_idx ON legacy_loans (note)';
    INSERT INTO legacy_loans VALUES (1, 'migrated');
END
$$;
