CREATE TABLE loans (id BIGSERIAL PRIMARY KEY, amount NUMERIC(12, 2) NOT NULL);
CREATE TABLE staging_loans (id BIGINT PRIMARY KEY, raw TEXT);
CREATE INDEX staging_loans_raw_idx ON staging_loans (raw);
CREATE VIEW staging_view AS SELECT raw FROM staging_loans;
CREATE SEQUENCE import_batch_seq;
CREATE FUNCTION staging_count() RETURNS BIGINT LANGUAGE sql AS $$ SELECT count(*) FROM staging_loans $$;
