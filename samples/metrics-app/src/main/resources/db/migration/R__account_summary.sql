-- Re-applied whenever this file changes.
CREATE OR REPLACE VIEW account_summary AS
SELECT status, COUNT(*) AS accounts, SUM(balance_cents) AS balance_cents
FROM accounts
GROUP BY status;
