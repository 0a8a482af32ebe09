-- Rebuilt with another shape under the same name: the planner cannot know its columns.
DROP TABLE loan_payment_totals;
CREATE TABLE loan_payment_totals AS SELECT loan_id, MAX(paid_on) AS last_paid FROM payments GROUP BY loan_id;
ALTER TABLE loan_payment_totals ADD COLUMN checked INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS payments_2024 AS SELECT id FROM payments;
CREATE TABLE empty_copy AS SELECT * FROM payments WHERE 0;
