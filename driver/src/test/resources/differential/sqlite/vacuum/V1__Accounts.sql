CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, blob BLOB);
INSERT INTO accounts (owner, blob) VALUES ('ada', randomblob(10000)), ('alan', randomblob(10000));
DELETE FROM accounts WHERE owner = 'alan';
