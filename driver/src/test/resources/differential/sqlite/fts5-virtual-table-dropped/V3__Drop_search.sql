-- Search moved to an external service.
DROP TRIGGER documents_ai;
DROP TRIGGER documents_ad;
DROP TABLE documents_fts;
DROP TABLE notes_fts;

CREATE INDEX documents_title_idx ON documents (title);
