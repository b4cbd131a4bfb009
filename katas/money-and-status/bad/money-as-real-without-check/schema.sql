-- Mistake: the amount is a REAL with no CHECK — floating-point money, negatives allowed.
CREATE TABLE invoices (
  id           INTEGER PRIMARY KEY,
  number       TEXT NOT NULL UNIQUE,
  customer     TEXT NOT NULL,
  amount_cents REAL NOT NULL,
  currency     TEXT NOT NULL CHECK (currency IN ('EUR', 'USD', 'GBP')),
  status       TEXT NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft', 'sent', 'paid', 'void')),
  paid_at      TEXT,
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
);
