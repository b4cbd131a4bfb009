-- Mistake: the date first in every composite index. (placed_at, customer_id) serves the
-- date range, but cannot be searched by customer; (placed_at, status) not by status.
CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name  TEXT NOT NULL
);
CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  status      TEXT    NOT NULL,
  placed_at   TEXT    NOT NULL,
  total_cents INTEGER NOT NULL
);
CREATE INDEX orders_placed_customer ON orders (placed_at, customer_id);
CREATE INDEX orders_placed_status ON orders (placed_at, status);
