-- Mistake: UNIQUE on an index that only exists for speed — one order per customer, ever.
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
CREATE UNIQUE INDEX orders_customer ON orders (customer_id);
CREATE INDEX orders_status_placed ON orders (status, placed_at);
CREATE INDEX orders_placed ON orders (placed_at);
