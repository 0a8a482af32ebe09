CREATE TYPE loan_status AS ENUM ('draft', 'open', 'closed');
CREATE TYPE currency AS ENUM ('EUR', 'USD');

CREATE TABLE loans (
    id BIGSERIAL PRIMARY KEY,
    status loan_status NOT NULL DEFAULT 'draft',
    currency currency NOT NULL
);
INSERT INTO loans (currency) VALUES ('EUR');
