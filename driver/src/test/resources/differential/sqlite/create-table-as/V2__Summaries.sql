CREATE TABLE loan_payment_totals AS
    SELECT loan_id, SUM(amount) AS total, COUNT(*) AS n FROM payments GROUP BY loan_id;
CREATE TABLE IF NOT EXISTS payments_2024 AS SELECT * FROM payments WHERE paid_on LIKE '2024-%';
CREATE INDEX loan_payment_totals_loan_idx ON loan_payment_totals (loan_id);
