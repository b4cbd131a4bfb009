-- customers-and-orders: customers, and the orders they place.
--
-- Write the CREATE TABLE statements for `customers` and `orders` (and any index) with the
-- columns README.md names. This first version parses and runs, but nothing ties an order
-- to a real customer: an order can name a customer that does not exist, and deleting a
-- customer silently leaves their orders behind. Submit it once to see what the probes
-- expect, then add the foreign key, the constraints and the index the statement asks for.

CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  name  TEXT,
  email TEXT
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER,
  placed_at   TEXT,
  status      TEXT,
  total_cents INTEGER
);
