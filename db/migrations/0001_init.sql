-- 0001: settings, editable lists, the risk register, its search index, and the audit log.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE domains (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE,
  sort    INTEGER NOT NULL DEFAULT 0,
  active  INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE regions (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE,
  sort    INTEGER NOT NULL DEFAULT 0,
  active  INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Risk item (风险事项). Dates are Shanghai calendar dates 'YYYY-MM-DD'; instants are ISO UTC.
-- level: 1 重大(红) … 4 低(蓝), so ascending = most severe first.
CREATE TABLE risks (
  id                   INTEGER PRIMARY KEY,
  code                 TEXT NOT NULL UNIQUE,
  region_id            INTEGER NOT NULL REFERENCES regions(id),
  domain_id            INTEGER NOT NULL REFERENCES domains(id),
  sub_category         TEXT NOT NULL DEFAULT '',
  title                TEXT NOT NULL,
  summary              TEXT NOT NULL DEFAULT '',
  source               TEXT,
  first_found          TEXT,
  involved_count       INTEGER,
  involved_unit        TEXT NOT NULL DEFAULT '人' CHECK (involved_unit IN ('人','户','家')),
  involved_text        TEXT NOT NULL DEFAULT '',
  amount_wan           REAL,
  main_demands         TEXT NOT NULL DEFAULT '',
  opinion_risk         TEXT NOT NULL DEFAULT '无' CHECK (opinion_risk IN ('无','苗头','发酵')),
  extreme_risk         INTEGER NOT NULL DEFAULT 0,
  likelihood           INTEGER CHECK (likelihood BETWEEN 1 AND 5),
  impact               INTEGER CHECK (impact BETWEEN 1 AND 5),
  level                INTEGER CHECK (level BETWEEN 1 AND 4),
  level_basis          TEXT NOT NULL DEFAULT '',
  trend                TEXT,
  control_measures     TEXT NOT NULL DEFAULT '',
  resolution_measures  TEXT NOT NULL DEFAULT '',
  lead_unit            TEXT NOT NULL DEFAULT '',
  co_units             TEXT NOT NULL DEFAULT '[]',
  responsible_person   TEXT NOT NULL DEFAULT '',
  package_leader       TEXT NOT NULL DEFAULT '',
  package_leader_title TEXT NOT NULL DEFAULT '',
  task_force           TEXT NOT NULL DEFAULT '',
  deadline             TEXT,
  deadline_note        TEXT NOT NULL DEFAULT '',
  progress             TEXT NOT NULL DEFAULT '',
  status               TEXT NOT NULL DEFAULT '待研判',
  deleted_at           TEXT,
  deleted_reason       TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  version              INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Every list sort ends in id so paging is stable; deleted rows are filtered first.
CREATE INDEX risks_by_region  ON risks(deleted_at, region_id, id);
CREATE INDEX risks_by_domain  ON risks(deleted_at, domain_id, level, id);
CREATE INDEX risks_by_level   ON risks(deleted_at, level, id);
CREATE INDEX risks_by_status  ON risks(deleted_at, status, id);
CREATE INDEX risks_by_updated ON risks(deleted_at, updated_at, id);

-- Chinese substring search (trigram matches >= 3 characters; shorter queries fall back to LIKE).
CREATE VIRTUAL TABLE risks_fts USING fts5(
  title, summary, main_demands, control_measures, resolution_measures, progress,
  content='risks', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER risks_fts_ai AFTER INSERT ON risks BEGIN
  INSERT INTO risks_fts(rowid, title, summary, main_demands, control_measures, resolution_measures, progress)
  VALUES (new.id, new.title, new.summary, new.main_demands, new.control_measures, new.resolution_measures, new.progress);
END;
CREATE TRIGGER risks_fts_ad AFTER DELETE ON risks BEGIN
  INSERT INTO risks_fts(risks_fts, rowid, title, summary, main_demands, control_measures, resolution_measures, progress)
  VALUES ('delete', old.id, old.title, old.summary, old.main_demands, old.control_measures, old.resolution_measures, old.progress);
END;
CREATE TRIGGER risks_fts_au AFTER UPDATE OF title, summary, main_demands, control_measures, resolution_measures, progress ON risks BEGIN
  INSERT INTO risks_fts(risks_fts, rowid, title, summary, main_demands, control_measures, resolution_measures, progress)
  VALUES ('delete', old.id, old.title, old.summary, old.main_demands, old.control_measures, old.resolution_measures, old.progress);
  INSERT INTO risks_fts(rowid, title, summary, main_demands, control_measures, resolution_measures, progress)
  VALUES (new.id, new.title, new.summary, new.main_demands, new.control_measures, new.resolution_measures, new.progress);
END;

-- Audit log: append-only record of every mutation (before/after as JSON).
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id INTEGER,
  before    TEXT,
  after     TEXT
) STRICT;
CREATE INDEX audit_by_entity ON audit_log(entity, entity_id, id);
