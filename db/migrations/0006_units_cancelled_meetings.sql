-- 0006 (issue 13): meetings can be cancelled (已取消, with a reason), and the responsible units
-- (责任单位) become a managed list that risks and actions reference by id.

-- meetings: the CHECK gains 已取消, a cancelled meeting keeps its reason. SQLite cannot alter a CHECK,
-- so the table is rebuilt under the same name: the rows wait in a copy, the old table is dropped and
-- the new one created and refilled. Foreign keys from agenda items, actions, minutes versions and
-- drafts name the table, so they hold again once the rows are back; deferred, the check runs at
-- commit, and a row that failed to come back would fail the whole migration.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE meetings_copy AS SELECT * FROM meetings;
DROP TABLE meetings;
CREATE TABLE meetings (
  id               INTEGER PRIMARY KEY,
  year             INTEGER NOT NULL,
  session_no       INTEGER NOT NULL,
  type             TEXT NOT NULL CHECK (type IN ('周例会','专题会','节点会')),
  date             TEXT NOT NULL,
  start_time       TEXT NOT NULL DEFAULT '09:00',
  length_minutes   INTEGER NOT NULL DEFAULT 90,
  chair            TEXT NOT NULL DEFAULT '',
  attendees        TEXT NOT NULL DEFAULT '[]',
  on_leave         TEXT NOT NULL DEFAULT '[]',
  observers        TEXT NOT NULL DEFAULT '[]',
  period           TEXT NOT NULL DEFAULT '',
  sensitive_period TEXT NOT NULL DEFAULT '',
  minutes_no       TEXT NOT NULL DEFAULT '',
  report_no        TEXT NOT NULL DEFAULT '',
  minutes_text     TEXT NOT NULL DEFAULT '',
  minutes_version  INTEGER NOT NULL DEFAULT 1,
  state            TEXT NOT NULL DEFAULT '筹备' CHECK (state IN ('筹备','进行中','已召开','纪要拟稿','已签发','已归档','已取消')),
  cancel_reason    TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  UNIQUE (year, session_no)
) STRICT;
INSERT INTO meetings (id, year, session_no, type, date, start_time, length_minutes, chair, attendees, on_leave, observers, period, sensitive_period, minutes_no, report_no, minutes_text, minutes_version, state, created_at, updated_at, version) SELECT id, year, session_no, type, date, start_time, length_minutes, chair, attendees, on_leave, observers, period, sensitive_period, minutes_no, report_no, minutes_text, minutes_version, state, created_at, updated_at, version FROM meetings_copy;
DROP TABLE meetings_copy;
CREATE INDEX meetings_by_date ON meetings(date, id);

-- 责任单位: one row per unit. A merged unit stays (merged_into) so history still names it.
CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  short_name  TEXT NOT NULL DEFAULT '',
  contact     TEXT NOT NULL DEFAULT '',
  merged_into INTEGER REFERENCES units(id),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX units_current_name ON units(name) WHERE merged_into IS NULL;
-- Every name a unit has gone by (its current one too): a rename or a merge keeps the old names here,
-- so old records, imports and typed text still find the unit. unit_id follows merges.
CREATE TABLE unit_names (
  name    TEXT PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  since   TEXT NOT NULL
) STRICT;
CREATE INDEX unit_names_by_unit ON unit_names(unit_id);
CREATE TRIGGER units_name_known AFTER INSERT ON units BEGIN
  INSERT OR IGNORE INTO unit_names (name, unit_id, since) VALUES (NEW.name, NEW.id, NEW.created_at);
END;

ALTER TABLE risks ADD COLUMN lead_unit_id INTEGER REFERENCES units(id);
ALTER TABLE actions ADD COLUMN lead_unit_id INTEGER REFERENCES units(id);
CREATE INDEX risks_by_lead_unit_id ON risks(lead_unit_id);
CREATE INDEX actions_by_lead_unit_id ON actions(lead_unit_id);
CREATE TABLE risk_co_units (
  risk_id INTEGER NOT NULL REFERENCES risks(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (risk_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE action_co_units (
  action_id INTEGER NOT NULL REFERENCES actions(id),
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (action_id, unit_id)
) STRICT, WITHOUT ROWID;

-- Today's free-text names become list entries; identical names (after trimming) become one unit.
INSERT INTO units (name, created_at, updated_at)
  SELECT n, strftime('%Y-%m-%dT%H:%M:%fZ','now'), strftime('%Y-%m-%dT%H:%M:%fZ','now') FROM (
    SELECT trim(lead_unit) AS n FROM risks
    UNION SELECT trim(j.value) FROM risks, json_each(risks.co_units) j
    UNION SELECT trim(lead_unit) FROM actions
    UNION SELECT trim(j.value) FROM actions, json_each(actions.co_units) j
  ) WHERE n <> '' ORDER BY n;
UPDATE risks SET lead_unit_id = (SELECT unit_id FROM unit_names WHERE name = trim(risks.lead_unit));
UPDATE actions SET lead_unit_id = (SELECT unit_id FROM unit_names WHERE name = trim(actions.lead_unit));
INSERT OR IGNORE INTO risk_co_units SELECT r.id, u.unit_id FROM risks r, json_each(r.co_units) j JOIN unit_names u ON u.name = trim(j.value);
INSERT OR IGNORE INTO action_co_units SELECT a.id, u.unit_id FROM actions a, json_each(a.co_units) j JOIN unit_names u ON u.name = trim(j.value);

-- The names stay on the rows (what lists, exports and documents show); these triggers keep the ids
-- in step whoever writes them (forms, import, demo, CLI): a name not yet on the list joins it.
CREATE TRIGGER risks_units_insert AFTER INSERT ON risks BEGIN
  INSERT INTO units (name, created_at, updated_at)
    SELECT DISTINCT n, strftime('%Y-%m-%dT%H:%M:%fZ','now'), strftime('%Y-%m-%dT%H:%M:%fZ','now') FROM (SELECT trim(NEW.lead_unit) AS n UNION SELECT trim(j.value) FROM json_each(NEW.co_units) j)
    WHERE n <> '' AND NOT EXISTS (SELECT 1 FROM unit_names u WHERE u.name = n);
  UPDATE risks SET lead_unit_id = (SELECT unit_id FROM unit_names WHERE name = trim(NEW.lead_unit)) WHERE id = NEW.id;
  DELETE FROM risk_co_units WHERE risk_id = NEW.id;
  INSERT OR IGNORE INTO risk_co_units (risk_id, unit_id)
    SELECT NEW.id, u.unit_id FROM json_each(NEW.co_units) j JOIN unit_names u ON u.name = trim(j.value);
END;
CREATE TRIGGER risks_units_update AFTER UPDATE OF lead_unit, co_units ON risks BEGIN
  INSERT INTO units (name, created_at, updated_at)
    SELECT DISTINCT n, strftime('%Y-%m-%dT%H:%M:%fZ','now'), strftime('%Y-%m-%dT%H:%M:%fZ','now') FROM (SELECT trim(NEW.lead_unit) AS n UNION SELECT trim(j.value) FROM json_each(NEW.co_units) j)
    WHERE n <> '' AND NOT EXISTS (SELECT 1 FROM unit_names u WHERE u.name = n);
  UPDATE risks SET lead_unit_id = (SELECT unit_id FROM unit_names WHERE name = trim(NEW.lead_unit)) WHERE id = NEW.id;
  DELETE FROM risk_co_units WHERE risk_id = NEW.id;
  INSERT OR IGNORE INTO risk_co_units (risk_id, unit_id)
    SELECT NEW.id, u.unit_id FROM json_each(NEW.co_units) j JOIN unit_names u ON u.name = trim(j.value);
END;
CREATE TRIGGER actions_units_insert AFTER INSERT ON actions BEGIN
  INSERT INTO units (name, created_at, updated_at)
    SELECT DISTINCT n, strftime('%Y-%m-%dT%H:%M:%fZ','now'), strftime('%Y-%m-%dT%H:%M:%fZ','now') FROM (SELECT trim(NEW.lead_unit) AS n UNION SELECT trim(j.value) FROM json_each(NEW.co_units) j)
    WHERE n <> '' AND NOT EXISTS (SELECT 1 FROM unit_names u WHERE u.name = n);
  UPDATE actions SET lead_unit_id = (SELECT unit_id FROM unit_names WHERE name = trim(NEW.lead_unit)) WHERE id = NEW.id;
  DELETE FROM action_co_units WHERE action_id = NEW.id;
  INSERT OR IGNORE INTO action_co_units (action_id, unit_id)
    SELECT NEW.id, u.unit_id FROM json_each(NEW.co_units) j JOIN unit_names u ON u.name = trim(j.value);
END;
CREATE TRIGGER actions_units_update AFTER UPDATE OF lead_unit, co_units ON actions BEGIN
  INSERT INTO units (name, created_at, updated_at)
    SELECT DISTINCT n, strftime('%Y-%m-%dT%H:%M:%fZ','now'), strftime('%Y-%m-%dT%H:%M:%fZ','now') FROM (SELECT trim(NEW.lead_unit) AS n UNION SELECT trim(j.value) FROM json_each(NEW.co_units) j)
    WHERE n <> '' AND NOT EXISTS (SELECT 1 FROM unit_names u WHERE u.name = n);
  UPDATE actions SET lead_unit_id = (SELECT unit_id FROM unit_names WHERE name = trim(NEW.lead_unit)) WHERE id = NEW.id;
  DELETE FROM action_co_units WHERE action_id = NEW.id;
  INSERT OR IGNORE INTO action_co_units (action_id, unit_id)
    SELECT NEW.id, u.unit_id FROM json_each(NEW.co_units) j JOIN unit_names u ON u.name = trim(j.value);
END;
