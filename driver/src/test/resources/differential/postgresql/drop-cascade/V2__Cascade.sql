-- Each drop takes dependent objects with it.
DROP TABLE loan_archive CASCADE;
DROP TYPE risk CASCADE;
DROP SCHEMA reporting CASCADE;
