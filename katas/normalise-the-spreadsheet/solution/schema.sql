-- Reference schema: normalise-the-spreadsheet
-- Every fact is stored once, in the table whose key it depends on.

-- name, email and city depend on the customer, not on the order.
CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  city  TEXT NOT NULL
);

-- name and price depend on the product, not on the order line.
CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  sku         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0)
);

-- The date and the customer depend on the order (the spreadsheet's order_no).
CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  ordered_on  TEXT NOT NULL
);

CREATE INDEX orders_customer_id ON orders (customer_id);

-- Only the quantity depends on the whole key (order, product).
-- Lines belong to their order and go with it; a product or customer that appears in
-- an order cannot be deleted (the foreign keys' default action refuses it).
CREATE TABLE order_lines (
  order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products (id),
  quantity   INTEGER NOT NULL CHECK (quantity >= 1),
  PRIMARY KEY (order_id, product_id)
);

CREATE INDEX order_lines_product_id ON order_lines (product_id);
