-- Mistake: DEFAULT 'now' stores the three letters n-o-w, not the current time
-- ('now' only means the current time as an argument of datetime() and friends).
-- And with no default on role, a sign-up that sends no role fails.
CREATE TABLE users (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  email      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  role       TEXT    NOT NULL CHECK (role IN ('member', 'admin')),
  created_at TEXT    NOT NULL DEFAULT 'now'
);
