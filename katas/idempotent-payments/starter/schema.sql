-- The tables your server uses, and the three older payments kata's database starts with.
-- Build a local database from it:  sqlite3 payments.db < schema.sql
-- (or: python3 -c "import sqlite3; sqlite3.connect('payments.db').executescript(open('schema.sql').read())")

CREATE TABLE payments (
  id           INTEGER PRIMARY KEY,
  order_id     TEXT    NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  currency     TEXT    NOT NULL
);

CREATE TABLE idempotency_keys (
  key             TEXT    PRIMARY KEY,
  request_body    TEXT    NOT NULL,
  response_status INTEGER NOT NULL,
  response_body   TEXT    NOT NULL
);

INSERT INTO payments (id, order_id, amount_cents, currency) VALUES
  (1, 'A-0997', 1250, 'EUR'),
  (2, 'A-0998', 8900, 'EUR'),
  (3, 'A-0999', 3499, 'GBP');
