CREATE TABLE product (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

INSERT INTO product (name) VALUES ('bolt'), ('nut'), ('washer');
