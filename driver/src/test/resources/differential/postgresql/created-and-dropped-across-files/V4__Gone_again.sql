DROP VIEW staging_view;
DROP TABLE staging_loans;
CREATE INDEX staging_loans_raw_idx ON loans (amount);
