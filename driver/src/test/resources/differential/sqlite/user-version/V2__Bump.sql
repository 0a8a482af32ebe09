ALTER TABLE accounts ADD COLUMN email TEXT;
PRAGMA user_version = 7;
PRAGMA application_id = 1936483683;
