CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL);
PRAGMA user_version = 1;
