ALTER TYPE loan_status RENAME VALUE 'draft' TO 'requested';
ALTER TYPE currency RENAME TO currency_code;
ALTER TABLE loans ADD COLUMN previous_status loan_status;
UPDATE loans SET status = 'defaulted';
CREATE TYPE loan_kind AS ENUM ();
ALTER TYPE loan_kind ADD VALUE 'personal';
