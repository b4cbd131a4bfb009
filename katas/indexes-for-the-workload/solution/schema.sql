-- Reference schema for indexes-for-the-workload.

CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,   -- the UNIQUE constraint's index serves the login query
  name  TEXT NOT NULL
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  status      TEXT    NOT NULL CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')),
  placed_at   TEXT    NOT NULL,   -- 'YYYY-MM-DD HH:MM:SS', UTC
  total_cents INTEGER NOT NULL
);

-- "My orders": equality on customer_id first, then placed_at, so the index also gives
-- the rows in date order (read backwards for DESC) — no sort step.
CREATE INDEX orders_customer_placed ON orders (customer_id, placed_at);

-- The warehouse screen: equality on status, then oldest first.
CREATE INDEX orders_status_placed ON orders (status, placed_at);

-- The monthly report: a range on placed_at needs placed_at as the first column.
CREATE INDEX orders_placed ON orders (placed_at);
