-- Mistake: a composite index that starts with the wrong column. An index on
-- (placed_at, customer_id) cannot find the orders of one customer: like a phone book
-- sorted by first name, it is no help when you only know the surname.
CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  name  TEXT    NOT NULL,
  email TEXT    NOT NULL UNIQUE
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  placed_at   TEXT    NOT NULL,
  status      TEXT    NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
  total_cents INTEGER NOT NULL CHECK (total_cents >= 0)
);

CREATE INDEX orders_placed_at_customer ON orders (placed_at, customer_id);
