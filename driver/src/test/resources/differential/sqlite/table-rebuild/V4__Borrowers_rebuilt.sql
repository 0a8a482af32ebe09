-- The documented order for a table that others reference: build the new one beside it, copy,
-- drop the old one, give the new one its name (references by name then find it again).
CREATE TABLE borrowers_new (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT UNIQUE
);

INSERT INTO borrowers_new (id, name) SELECT id, name FROM borrowers;
DROP TABLE borrowers;
ALTER TABLE borrowers_new RENAME TO borrowers;

CREATE INDEX borrowers_name_idx ON borrowers (name);
