-- The accounts the service keeps, with a few to start from.
CREATE TABLE accounts (
    id            BIGINT PRIMARY KEY,
    owner         TEXT   NOT NULL,
    balance_cents BIGINT NOT NULL DEFAULT 0
);

INSERT INTO accounts (id, owner, balance_cents) VALUES
    (1, 'ada', 12000),
    (2, 'grace', 4550),
    (3, 'alan', 0);
