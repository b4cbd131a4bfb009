-- Mistake: customer_id may be NULL and ON DELETE SET NULL "keeps the orders". The orders
-- survive, but nobody knows whose they were, and an order can be placed for no customer
-- at all: a foreign key does not check NULLs.
CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  name  TEXT    NOT NULL,
  email TEXT    NOT NULL UNIQUE
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customers (id) ON DELETE SET NULL,
  placed_at   TEXT    NOT NULL,
  status      TEXT    NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
  total_cents INTEGER NOT NULL CHECK (total_cents >= 0)
);

CREATE INDEX orders_customer_id ON orders (customer_id);
