-- Mistake: INT PRIMARY KEY is not INTEGER PRIMARY KEY. Only the exact type name INTEGER
-- makes the column an alias of the rowid; here id is an ordinary column that may be NULL,
-- and a user inserted without an id gets none.
CREATE TABLE users (
  id         INT     PRIMARY KEY,
  name       TEXT    NOT NULL,
  email      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  role       TEXT    NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
  created_at TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
