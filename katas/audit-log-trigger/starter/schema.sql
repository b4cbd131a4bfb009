-- An audit log kept by triggers
--
-- The tables exist; the rules do not. Add triggers (see README.md) so that:
--   1. every UPDATE that changes accounts.balance_cents adds one row to balance_changes
--      (account_id, old_balance_cents, new_balance_cents, changed_at);
--   2. inserts, updates of other columns and no-op updates are not logged;
--   3. accounts.updated_at is set on insert and on every update;
--   4. a closed account's balance cannot change and it cannot be reopened:
--      RAISE(ABORT, 'account is closed');
--   5. rows of balance_changes can be neither updated nor deleted.
-- Only CREATE TABLE / INDEX / VIEW / TRIGGER statements are allowed.

CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  owner         TEXT    NOT NULL,
  balance_cents INTEGER NOT NULL DEFAULT 0,
  status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  updated_at    TEXT                    -- 'YYYY-MM-DD HH:MM:SS', UTC
);

CREATE TABLE balance_changes (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL,
  old_balance_cents INTEGER NOT NULL,
  new_balance_cents INTEGER NOT NULL,
  changed_at        TEXT
);

-- A first trigger to start from: it logs... something. Is it the right event?
CREATE TRIGGER accounts_log_balance_change
AFTER INSERT ON accounts
BEGIN
  INSERT INTO balance_changes (account_id, old_balance_cents, new_balance_cents)
  VALUES (NEW.id, 0, NEW.balance_cents);
END;
