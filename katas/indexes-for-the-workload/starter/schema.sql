-- Indexes for the workload
--
-- The tables below work, but every query of the workload (see README.md) reads the whole
-- table. Add what is missing so that each of them searches through an index:
--   1. a customer by e-mail (and no two customers share an e-mail);
--   2. one customer's orders, newest first;
--   3. the orders in one status, oldest first;
--   4. the orders placed in a date range.
-- Check a query with: EXPLAIN QUERY PLAN SELECT ...   (SEARCH good, SCAN bad)
-- Only CREATE TABLE / INDEX / VIEW / TRIGGER statements are allowed.

CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  name  TEXT NOT NULL
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  status      TEXT    NOT NULL,
  placed_at   TEXT    NOT NULL,   -- 'YYYY-MM-DD HH:MM:SS', UTC
  total_cents INTEGER NOT NULL
);
