DROP TABLE staging_loans;
CREATE INDEX staging_loans_raw_idx ON payments (amount);
