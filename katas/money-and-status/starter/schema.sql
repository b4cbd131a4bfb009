-- Invoices: money and status
--
-- Design the invoices table so that the database itself refuses bad invoices:
--   * amount_cents: whole cents (129900 is 1 299.00), never negative, never fractional;
--   * currency: 'EUR', 'USD' or 'GBP';
--   * status: 'draft', 'sent', 'paid' or 'void', 'draft' when not given;
--   * paid_at: set exactly when the status is 'paid';
--   * number: unique; number, customer, amount_cents, currency and status required.
-- See README.md for the full statement.
--
-- This first version parses and runs, but accepts almost anything.
-- Only CREATE TABLE / INDEX / VIEW / TRIGGER statements are allowed.

CREATE TABLE invoices (
  id           INTEGER PRIMARY KEY,
  number       TEXT,
  customer     TEXT,
  amount_cents REAL,
  currency     TEXT,
  status       TEXT,
  paid_at      TEXT
);
