-- users-table: the table behind the sign-up form.
--
-- Write the CREATE TABLE statement for `users` with the columns README.md names:
-- id, name, email, role and created_at. This first version parses and runs, but it
-- lets almost anything in: missing names, two accounts with the same e-mail address,
-- any role at all, no creation time. Submit it once to see what the probes expect,
-- then add the keys, constraints and defaults the statement asks for.

CREATE TABLE users (
  id         INT,
  name       TEXT,
  email      TEXT,
  role       TEXT,
  created_at TEXT
);
