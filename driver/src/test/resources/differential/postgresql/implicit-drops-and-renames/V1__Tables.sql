CREATE TABLE loans (
    id BIGINT NOT NULL,
    borrower_id BIGINT NOT NULL,
    legacy_ref TEXT,
    code TEXT NOT NULL
);
CREATE INDEX loans_legacy_ref_idx ON loans (legacy_ref);
CREATE INDEX loans_borrower_legacy_idx ON loans (borrower_id, legacy_ref);
CREATE UNIQUE INDEX loans_id_idx ON loans (id);
CREATE UNIQUE INDEX loans_code_idx ON loans (code);

CREATE TABLE payments (id BIGINT PRIMARY KEY, loan_id BIGINT NOT NULL, amount NUMERIC(12, 2));
CREATE INDEX payments_loan_idx ON payments (loan_id);
