-- Normalise the order spreadsheet
--
-- The shop's spreadsheet copies the customer and the product onto every order line.
-- Split it into customers, products, orders and order_lines so that every fact is
-- stored once (see README.md for the exact tables and columns).
--
-- This is a colleague's first attempt. The tables are there, but the orders still
-- carry a copy of the customer, the lines still carry a copy of the product, and
-- there are no keys, no foreign keys and no checks. Fix it.
--
-- Submit with:  kata submit normalise-the-spreadsheet schema.sql

CREATE TABLE customers (
  id    INTEGER,
  name  TEXT,
  email TEXT,
  city  TEXT
);

CREATE TABLE products (
  id          INTEGER,
  sku         TEXT,
  name        TEXT,
  price_cents INTEGER
);

CREATE TABLE orders (
  id             INTEGER,
  customer_id    INTEGER,
  customer_name  TEXT,
  customer_email TEXT,
  customer_city  TEXT,
  ordered_on     TEXT
);

CREATE TABLE order_lines (
  order_id     INTEGER,
  product_id   INTEGER,
  product_name TEXT,
  unit_price   REAL,
  quantity     INTEGER
);
