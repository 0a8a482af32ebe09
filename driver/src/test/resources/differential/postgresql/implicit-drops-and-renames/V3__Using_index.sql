-- The constraints take over the indexes and rename them to the constraint names.
ALTER TABLE loans ADD CONSTRAINT loans_pkey PRIMARY KEY USING INDEX loans_id_idx;
ALTER TABLE loans ADD CONSTRAINT loans_code_key UNIQUE USING INDEX loans_code_idx;
-- The old names are free: new indexes take them.
CREATE INDEX loans_id_idx ON loans (borrower_id, id);
CREATE INDEX loans_code_idx ON loans (lower(code));
