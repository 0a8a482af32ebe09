CREATE TABLE staging_loans (id BIGINT GENERATED ALWAYS AS IDENTITY, payload JSONB NOT NULL, received_at TIMESTAMPTZ);
CREATE INDEX staging_loans_raw_idx ON staging_loans ((payload ->> 'raw'));
CREATE VIEW staging_view AS SELECT id, payload FROM staging_loans;
CREATE SEQUENCE import_batch_seq START 50;
