-- Mistake: the orders table keeps a copy of the customer's name, e-mail and city,
-- as the spreadsheet did. Moving house now means updating every order, and the
-- copies drift apart from customers.

CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  city  TEXT NOT NULL
);

CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  sku         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0)
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  customer_name  TEXT,
  customer_email TEXT,
  customer_city  TEXT,
  ordered_on  TEXT NOT NULL
);

CREATE INDEX orders_customer_id ON orders (customer_id);

CREATE TABLE order_lines (
  order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products (id),
  quantity   INTEGER NOT NULL CHECK (quantity >= 1),
  PRIMARY KEY (order_id, product_id)
);

CREATE INDEX order_lines_product_id ON order_lines (product_id);
