-- The books the library lends, with a few to start from.
CREATE TABLE books (
    id     BIGINT PRIMARY KEY,
    title  TEXT   NOT NULL,
    author TEXT   NOT NULL
);

INSERT INTO books (id, title, author) VALUES
    (1, 'The Mythical Man-Month', 'Frederick Brooks'),
    (2, 'A Discipline of Programming', 'Edsger Dijkstra'),
    (3, 'Structure and Interpretation of Computer Programs', 'Harold Abelson');
