-- The library may own several copies of a book; readers look books up by author.
ALTER TABLE books ADD COLUMN copies INTEGER NOT NULL DEFAULT 1;
CREATE INDEX books_author ON books (author);
