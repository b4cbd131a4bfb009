-- Reference schema for audit-log-trigger.

CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  owner         TEXT    NOT NULL,
  balance_cents INTEGER NOT NULL DEFAULT 0,
  status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  updated_at    TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP   -- 'YYYY-MM-DD HH:MM:SS', UTC
);

-- The audit log: one row per change of an account's balance.
CREATE TABLE balance_changes (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL REFERENCES accounts (id),
  old_balance_cents INTEGER NOT NULL,
  new_balance_cents INTEGER NOT NULL,
  changed_at        TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX balance_changes_account ON balance_changes (account_id, changed_at);

-- A closed account is frozen: its balance cannot change and it cannot be reopened.
-- "OF balance_cents, status": the trigger ignores updates of other columns, such as the
-- updated_at maintenance below (which also runs right after an account is closed).
CREATE TRIGGER accounts_closed_are_frozen
BEFORE UPDATE OF balance_cents, status ON accounts
FOR EACH ROW
WHEN OLD.status = 'closed'
  AND (NEW.balance_cents IS NOT OLD.balance_cents OR NEW.status IS NOT OLD.status)
BEGIN
  SELECT RAISE(ABORT, 'account is closed');
END;

-- Log every real change of the balance, and only those.
CREATE TRIGGER accounts_log_balance_change
AFTER UPDATE OF balance_cents ON accounts
FOR EACH ROW
WHEN NEW.balance_cents IS NOT OLD.balance_cents
BEGIN
  INSERT INTO balance_changes (account_id, old_balance_cents, new_balance_cents)
  VALUES (NEW.id, OLD.balance_cents, NEW.balance_cents);
END;

-- Keep updated_at current on every update. The inner UPDATE does not fire this trigger
-- again (SQLite's recursive triggers are off by default).
CREATE TRIGGER accounts_touch_updated_at
AFTER UPDATE ON accounts
FOR EACH ROW
BEGIN
  UPDATE accounts SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- The log is append-only.
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
