-- Mistake: status is free text — any typo ('PAID?', 'payed') is accepted.
CREATE TABLE invoices (
  id           INTEGER PRIMARY KEY,
  number       TEXT    NOT NULL UNIQUE,
  customer     TEXT    NOT NULL,
  amount_cents INTEGER NOT NULL
               CHECK (typeof(amount_cents) = 'integer' AND amount_cents >= 0),
  currency     TEXT    NOT NULL CHECK (currency IN ('EUR', 'USD', 'GBP')),
  status       TEXT    NOT NULL DEFAULT 'draft',
  paid_at      TEXT,
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
);
