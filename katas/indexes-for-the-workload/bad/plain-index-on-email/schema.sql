-- Mistake: a plain index on email makes the login fast, but lets two customers share it.
CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  name  TEXT NOT NULL
);
CREATE INDEX customers_email ON customers (email);
CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  status      TEXT    NOT NULL,
  placed_at   TEXT    NOT NULL,
  total_cents INTEGER NOT NULL
);
CREATE INDEX orders_customer_placed ON orders (customer_id, placed_at);
CREATE INDEX orders_status_placed ON orders (status, placed_at);
CREATE INDEX orders_placed ON orders (placed_at);
