CREATE TABLE loans (
    id BIGSERIAL PRIMARY KEY,
    borrower_id BIGINT NOT NULL,
    amount NUMERIC(12, 2) NOT NULL
);
INSERT INTO loans (borrower_id, amount) SELECT g % 5, g FROM generate_series(1, 20) AS g;

CREATE MATERIALIZED VIEW borrower_totals AS
    SELECT borrower_id, sum(amount) AS total, count(*) AS loans FROM loans GROUP BY borrower_id;
CREATE UNIQUE INDEX borrower_totals_borrower_idx ON borrower_totals (borrower_id);
