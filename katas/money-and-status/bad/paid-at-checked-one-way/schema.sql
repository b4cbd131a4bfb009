-- Mistake: "paid implies paid_at" only; a sent or void invoice can still carry a paid_at.
CREATE TABLE invoices (
  id           INTEGER PRIMARY KEY,
  number       TEXT    NOT NULL UNIQUE,
  customer     TEXT    NOT NULL,
  amount_cents INTEGER NOT NULL
               CHECK (typeof(amount_cents) = 'integer' AND amount_cents >= 0),
  currency     TEXT    NOT NULL CHECK (currency IN ('EUR', 'USD', 'GBP')),
  status       TEXT    NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft', 'sent', 'paid', 'void')),
  paid_at      TEXT,
  CHECK (status <> 'paid' OR paid_at IS NOT NULL)
);
