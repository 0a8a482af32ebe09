CREATE TABLE staging_loans (id INTEGER PRIMARY KEY, raw TEXT);
CREATE INDEX staging_loans_raw_idx ON staging_loans (raw);
CREATE VIEW staging_view AS SELECT raw FROM staging_loans;
