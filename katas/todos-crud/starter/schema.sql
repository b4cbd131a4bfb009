-- The table your server uses, and the three todos kata's database starts with.
-- Build a local database from it:  sqlite3 todos.db < schema.sql
-- (or: python3 -c "import sqlite3; sqlite3.connect('todos.db').executescript(open('schema.sql').read())")

CREATE TABLE todos (
  id    INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  done  INTEGER NOT NULL DEFAULT 0
);

INSERT INTO todos (id, title, done) VALUES
  (1, 'Water the plants', 1),
  (2, 'Book the dentist', 0),
  (3, 'Renew the passport', 0);
