-- Mistake: ON DELETE CASCADE out of habit. Deleting a customer silently deletes their
-- order history, which the accountants must keep.
CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  name  TEXT    NOT NULL,
  email TEXT    NOT NULL UNIQUE
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  placed_at   TEXT    NOT NULL,
  status      TEXT    NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
  total_cents INTEGER NOT NULL CHECK (total_cents >= 0)
);

CREATE INDEX orders_customer_id ON orders (customer_id);
