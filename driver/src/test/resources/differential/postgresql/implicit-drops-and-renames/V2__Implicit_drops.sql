-- Dropping the column drops both indexes on it; their names are free again.
ALTER TABLE loans DROP COLUMN legacy_ref;
CREATE INDEX loans_legacy_ref_idx ON loans (code);
CREATE INDEX loans_borrower_legacy_idx ON loans (borrower_id);
