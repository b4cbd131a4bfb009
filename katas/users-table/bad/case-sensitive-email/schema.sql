-- Mistake: UNIQUE compares text byte by byte (BINARY collation), so
-- ana.lopez@example.com and Ana.Lopez@Example.COM both get an account.
CREATE TABLE users (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  email      TEXT    NOT NULL UNIQUE,
  role       TEXT    NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
  created_at TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
