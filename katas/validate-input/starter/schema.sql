-- The table your server uses, and the two signups kata's database starts with.
-- Build a local database from it:  sqlite3 signups.db < schema.sql
-- (or: python3 -c "import sqlite3; sqlite3.connect('signups.db').executescript(open('schema.sql').read())")

CREATE TABLE signups (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  email TEXT NOT NULL,
  age   INTEGER NOT NULL
);

INSERT INTO signups (id, name, email, age) VALUES
  (1, 'Ana López', 'ana.lopez@example.com', 31),
  (2, 'Kenji Watanabe', 'kenji.watanabe@example.net', 52);
