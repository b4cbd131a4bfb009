-- Mistake: email is required but not unique, so two accounts can share an address
-- (the sign-up code "checks first", but two sign-ups can race past that check).
CREATE TABLE users (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  email      TEXT    NOT NULL,
  role       TEXT    NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
  created_at TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
