-- Accounts (one role each: no account can hold two administrator roles), and the audit made
-- append-only and hash-chained.
CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ({{ROLES}})),
  -- scrypt: hash and salt base64, params JSON {N, r, p, keylen} so they can be raised later.
  pw_hash       TEXT NOT NULL,
  pw_salt       TEXT NOT NULL,
  pw_params     TEXT NOT NULL,
  pw_changed_at TEXT NOT NULL,
  must_change   INTEGER NOT NULL DEFAULT 1 CHECK (must_change IN (0, 1)),
  failed_count  INTEGER NOT NULL DEFAULT 0,
  locked_until  TEXT,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  demo          INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1
) STRICT;

-- One link per committed transaction that wrote audit rows: it covers the rows after the previous
-- link's last_id up to its own, hash = sha256(previous hash, those rows). The first link written
-- after this migration covers every older row, so existing rows are chained once.
CREATE TABLE audit_chain (
  seq     INTEGER PRIMARY KEY,
  last_id INTEGER NOT NULL,
  hash    TEXT NOT NULL,
  at      TEXT NOT NULL
) STRICT;

-- No method edits or deletes audit rows; pruning may only take rows older than 180 days.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计记录不可修改'); END;
CREATE TRIGGER audit_log_keep_180_days BEFORE DELETE ON audit_log
WHEN old.at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-180 days')
BEGIN SELECT RAISE(ABORT, '180 天内的审计记录不可删除'); END;
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN SELECT RAISE(ABORT, '审计链不可修改'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, '审计链不可删除'); END;
CREATE INDEX audit_by_actor ON audit_log(actor, id);
