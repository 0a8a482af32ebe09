-- Loan splitting: a loan can be split into parts, and a payment says which part it pays.
CREATE TABLE loan_split (
    id          INTEGER PRIMARY KEY,
    loan_id     INTEGER NOT NULL REFERENCES loans (id),
    share_basis INTEGER NOT NULL CHECK (share_basis BETWEEN 1 AND 10000)
);

ALTER TABLE payments ADD COLUMN loan_split_id INTEGER REFERENCES loan_split (id);
ALTER TABLE payments ADD COLUMN split_amount_cents INTEGER;

-- Keep payments consistent: a split payment's amount defaults to the whole payment.
CREATE TRIGGER payments_split_amount AFTER UPDATE OF loan_split_id ON payments
WHEN NEW.loan_split_id IS NOT NULL AND NEW.split_amount_cents IS NULL
BEGIN
    UPDATE payments SET split_amount_cents = NEW.amount_cents WHERE id = NEW.id;
END;
