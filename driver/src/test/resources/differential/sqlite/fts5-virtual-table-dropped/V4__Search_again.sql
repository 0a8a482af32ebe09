-- Search is back for notes only, under the same name.
CREATE VIRTUAL TABLE notes_fts USING fts5(note, author);
CREATE INDEX documents_created_idx ON documents (created_at);
