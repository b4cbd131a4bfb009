-- Mistake: updated_at has a DEFAULT but no trigger: it is set on INSERT and never again.

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
  SELECT RAISE(ABORT, 'account is closed');
END;

CREATE TRIGGER accounts_log_balance_change
AFTER UPDATE OF balance_cents ON accounts
WHEN NEW.balance_cents IS NOT OLD.balance_cents
BEGIN
  INSERT INTO balance_changes (account_id, old_balance_cents, new_balance_cents)
  VALUES (NEW.id, OLD.balance_cents, NEW.balance_cents);
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

