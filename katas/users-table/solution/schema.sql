-- Reference schema for users-table.
CREATE TABLE users (
  id         INTEGER PRIMARY KEY,                       -- a rowid alias: the database numbers new users
  name       TEXT    NOT NULL,
  email      TEXT    NOT NULL UNIQUE COLLATE NOCASE,    -- one account per address, whatever its case
  role       TEXT    NOT NULL DEFAULT 'member'
                     CHECK (role IN ('member', 'admin')),
  created_at TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP -- UTC, 'YYYY-MM-DD HH:MM:SS'
);
