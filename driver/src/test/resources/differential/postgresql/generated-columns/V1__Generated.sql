CREATE TABLE loans (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    principal NUMERIC(12, 2) NOT NULL,
    rate NUMERIC(5, 4) NOT NULL,
    interest NUMERIC(12, 2) GENERATED ALWAYS AS (round(principal * rate, 2)) STORED,
    borrower_first TEXT NOT NULL,
    borrower_last TEXT NOT NULL
);
INSERT INTO loans (principal, rate, borrower_first, borrower_last) VALUES (1000, 0.05, 'Ada', 'Lovelace');
