-- Reference schema for money-and-status.

CREATE TABLE invoices (
  id           INTEGER PRIMARY KEY,
  number       TEXT    NOT NULL UNIQUE,
  customer     TEXT    NOT NULL,
  -- Whole cents: INTEGER affinity alone would still store 1999.9 as a REAL.
  amount_cents INTEGER NOT NULL
               CHECK (typeof(amount_cents) = 'integer' AND amount_cents >= 0),
  currency     TEXT    NOT NULL CHECK (currency IN ('EUR', 'USD', 'GBP')),
  status       TEXT    NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft', 'sent', 'paid', 'void')),
  paid_at      TEXT,   -- 'YYYY-MM-DD HH:MM:SS'
  -- paid_at is set exactly when the invoice is paid: both directions.
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
);
