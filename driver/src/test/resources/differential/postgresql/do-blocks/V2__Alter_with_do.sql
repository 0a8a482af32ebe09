DO $do$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_name = 'loans' AND column_name = 'amount') THEN
        ALTER TABLE loans ADD COLUMN amount NUMERIC(12, 2) NOT NULL DEFAULT 0;
    END IF;
    -- Renamed inside the block: the planner cannot see it.
    ALTER TABLE legacy_loans RENAME COLUMN note TO remark;
    ALTER INDEX legacy_loans_note_idx RENAME TO legacy_loans_remark_idx;
END
$do$;

CREATE INDEX loans_amount_idx ON loans (amount);
