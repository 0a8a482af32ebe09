-- No mixed=true: both tools must refuse this script.
ALTER TABLE loans ADD COLUMN due_on DATE;
CREATE INDEX CONCURRENTLY loans_due_idx ON loans (due_on);
