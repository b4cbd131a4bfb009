-- Mistake: no NOT NULL anywhere. UNIQUE, CHECK and DEFAULT all let an explicit NULL through.
CREATE TABLE users (
  id         INTEGER PRIMARY KEY,
  name       TEXT,
  email      TEXT UNIQUE COLLATE NOCASE,
  role       TEXT DEFAULT 'member' CHECK (role IN ('member', 'admin')),
  created_at TEXT DEFAULT CURRENT_TIMESTAMP
);
