DROP VIEW loan_view;
DROP INDEX borrowers_name_idx;
CREATE TABLE borrowers (id INTEGER PRIMARY KEY, legal_name TEXT);
DROP TABLE customers;
