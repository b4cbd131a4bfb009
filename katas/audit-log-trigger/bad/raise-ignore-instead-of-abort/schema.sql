-- Mistake: RAISE(IGNORE) instead of RAISE(ABORT, ...): the forbidden change is silently
-- skipped, and the caller is told the UPDATE succeeded.

CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  owner         TEXT    NOT NULL,
  balance_cents INTEGER NOT NULL DEFAULT 0,
  status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  updated_at    TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE balance_changes (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL REFERENCES accounts (id),
  old_balance_cents INTEGER NOT NULL,
  new_balance_cents INTEGER NOT NULL,
  changed_at        TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TRIGGER accounts_closed_are_frozen
BEFORE UPDATE OF balance_cents, status ON accounts
WHEN OLD.status = 'closed'
  AND (NEW.balance_cents IS NOT OLD.balance_cents OR NEW.status IS NOT OLD.status)
BEGIN
  SELECT RAISE(IGNORE);
END;

CREATE TRIGGER accounts_log_balance_change
AFTER UPDATE OF balance_cents ON accounts
WHEN NEW.balance_cents IS NOT OLD.balance_cents
BEGIN
  INSERT INTO balance_changes (account_id, old_balance_cents, new_balance_cents)
  VALUES (NEW.id, OLD.balance_cents, NEW.balance_cents);
END;

CREATE TRIGGER accounts_touch_updated_at
AFTER UPDATE ON accounts
BEGIN
  UPDATE accounts SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

CREATE TRIGGER balance_changes_no_update
BEFORE UPDATE ON balance_changes
BEGIN
  SELECT RAISE(ABORT, 'the balance log is append-only');
END;

CREATE TRIGGER balance_changes_no_delete
BEFORE DELETE ON balance_changes
BEGIN
  SELECT RAISE(ABORT, 'the balance log is append-only');
END;

