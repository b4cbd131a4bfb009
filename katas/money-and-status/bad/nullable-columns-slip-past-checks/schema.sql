-- Mistake: every CHECK is right, but nothing is NOT NULL — and a CHECK is satisfied by NULL.
CREATE TABLE invoices (
  id           INTEGER PRIMARY KEY,
  number       TEXT    UNIQUE,
  customer     TEXT,
  amount_cents INTEGER CHECK (typeof(amount_cents) = 'integer' AND amount_cents >= 0),
  currency     TEXT    CHECK (currency IN ('EUR', 'USD', 'GBP')),
  status       TEXT    DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'paid', 'void')),
  paid_at      TEXT,
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
);
