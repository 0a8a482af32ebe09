DROP VIEW staging_view;
DROP TABLE staging_loans;
CREATE TABLE staging_loans (id INTEGER PRIMARY KEY, payload BLOB NOT NULL, received TEXT);
