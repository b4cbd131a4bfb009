-- Reference schema for customers-and-orders.
CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  name  TEXT    NOT NULL,
  email TEXT    NOT NULL UNIQUE
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL
              REFERENCES customers (id) ON DELETE RESTRICT,  -- orders are kept: a customer who has some cannot be deleted
  placed_at   TEXT    NOT NULL,                              -- UTC, 'YYYY-MM-DD HH:MM:SS'
  status      TEXT    NOT NULL
              CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
  total_cents INTEGER NOT NULL CHECK (total_cents >= 0)      -- money in whole cents
);

-- SQLite does not index foreign keys by itself. This one serves "the orders of customer N"
-- and the check that runs on every delete from customers.
CREATE INDEX orders_customer_id ON orders (customer_id);
