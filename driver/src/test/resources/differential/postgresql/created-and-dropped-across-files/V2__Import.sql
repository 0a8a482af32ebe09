INSERT INTO staging_loans VALUES (1, '10.00'), (2, '20.00');
INSERT INTO loans (amount) SELECT raw::numeric FROM staging_loans;
DROP VIEW staging_view;
DROP FUNCTION staging_count();
DROP TABLE staging_loans;
DROP SEQUENCE import_batch_seq;
