-- Mistake: amount_cents > 0 instead of >= 0 — a free plan's zero invoice is refused.
CREATE TABLE invoices (
  id           INTEGER PRIMARY KEY,
  number       TEXT    NOT NULL UNIQUE,
  customer     TEXT    NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (typeof(amount_cents) = 'integer' AND amount_cents > 0),
  currency     TEXT    NOT NULL CHECK (currency IN ('EUR', 'USD', 'GBP')),
  status       TEXT    NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft', 'sent', 'paid', 'void')),
  paid_at      TEXT,
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
);
