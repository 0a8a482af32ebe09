CREATE VIEW archive_totals AS SELECT count(*) AS n FROM loans;
CREATE TABLE archive_big (id BIGINT);
ALTER TABLE loans ADD COLUMN risk TEXT;
CREATE INDEX loans_risk_idx ON loans (risk, amount);
CREATE VIEW reporting_monthly AS SELECT 1 AS month;
ALTER TABLE loans ADD COLUMN flagged BOOLEAN;
CREATE VIEW flagged_loans AS SELECT id, flagged FROM loans;
ALTER TABLE loans DROP COLUMN flagged CASCADE;
