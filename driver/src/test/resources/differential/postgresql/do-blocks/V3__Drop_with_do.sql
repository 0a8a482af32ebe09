DO $$
DECLARE
    t TEXT;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'legacy\_%' LOOP
        EXECUTE format('DROP TABLE %I', t);
    END LOOP;
END
$$;

-- The names are free again: plain statements re-create them with another shape.
CREATE TABLE legacy_loans (id BIGINT PRIMARY KEY, loan_id BIGINT REFERENCES loans (id), archived_at TIMESTAMPTZ);
CREATE INDEX legacy_loans_note_idx ON legacy_loans (archived_at);
