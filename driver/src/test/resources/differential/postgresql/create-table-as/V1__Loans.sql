CREATE TABLE loans (
    id BIGSERIAL PRIMARY KEY,
    borrower_id BIGINT NOT NULL,
    amount NUMERIC(12, 2) NOT NULL
);
INSERT INTO loans (borrower_id, amount) SELECT g % 3, g * 2 FROM generate_series(1, 12) AS g;
