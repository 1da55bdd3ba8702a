-- 0002 (issue 4): grading. Risk events, versioned rule sets, assessments (研判记录), sensitive
-- periods, weekly snapshots with their aggregates. From here on risks.level/trend/next_review
-- are a cache that only assessments write. Self-contained: depends on 0001 only.

ALTER TABLE risks ADD COLUMN next_review TEXT;

-- Dated facts the rules read (动态).
CREATE TABLE risk_events (
  id          INTEGER PRIMARY KEY,
  risk_id     INTEGER NOT NULL REFERENCES risks(id),
  kind        TEXT NOT NULL CHECK (kind IN ('进京','赴省','到市集访','网上舆情','极端言行')),
  occurred_on TEXT NOT NULL,
  count       INTEGER CHECK (count IS NULL OR count >= 0),
  stage       TEXT CHECK (stage IS NULL OR stage IN ('苗头','发酵')),
  source      TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  deleted_at  TEXT,
  version     INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX risk_events_by_risk ON risk_events(risk_id, occurred_on);

-- Rule sets: append-only; the highest version is in force. Assessments keep the version they used.
CREATE TABLE rule_sets (
  version    INTEGER PRIMARY KEY,
  config     TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
INSERT INTO rule_sets (version, config, note, created_at, created_by)
VALUES (1, '{"matrix":{"size":5,"red":15,"orange":10,"yellow":5},"people":{"red":500,"orange":100,"yellow":5},"personsPerHousehold":3,"amountWan":{"orange":1000,"red":null},"petitionMonths":12,"collective":{"minCount":5,"months":3},"opinion":{"发酵":1,"苗头":null,"months":3},"extremeLevel":1,"escalationDaysBefore":15,"reviewDays":{"1":7,"2":14,"3":30,"4":90}}', '默认规则（DOMAIN.md）', strftime('%Y-%m-%dT%H:%M:%fZ','now'), '系统');

-- 研判记录: one per risk per meeting (meeting_id NULL = ad hoc). Levels 1 重大 … 4 低.
-- Everything needed to re-read the decision later is stored, never recomputed.
CREATE TABLE assessments (
  id                INTEGER PRIMARY KEY,
  risk_id           INTEGER NOT NULL REFERENCES risks(id),
  meeting_id        INTEGER,
  kind              TEXT NOT NULL DEFAULT '研判' CHECK (kind IN ('研判','登记定级')),
  assessed_on       TEXT NOT NULL,
  likelihood        INTEGER CHECK (likelihood BETWEEN 1 AND 6),
  impact            INTEGER CHECK (impact BETWEEN 1 AND 6),
  score             INTEGER,
  matrix_level      INTEGER CHECK (matrix_level BETWEEN 1 AND 4),
  rule_level        INTEGER CHECK (rule_level BETWEEN 1 AND 4),
  computed_level    INTEGER CHECK (computed_level BETWEEN 1 AND 4),
  final_level       INTEGER NOT NULL CHECK (final_level BETWEEN 1 AND 4),
  override_reason   TEXT,
  escalation_period TEXT,
  escalation_basis  TEXT,
  basis             TEXT NOT NULL DEFAULT '',
  rule_set_version  INTEGER NOT NULL REFERENCES rule_sets(version),
  trend             TEXT CHECK (trend IS NULL OR trend IN ('升温','平稳','降温')),
  analysis          TEXT NOT NULL DEFAULT '',
  countermeasures   TEXT NOT NULL DEFAULT '',
  report_up         INTEGER NOT NULL DEFAULT 0,
  next_review       TEXT,
  created_at        TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  version           INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX assessments_by_risk ON assessments(risk_id, assessed_on, id);
CREATE UNIQUE INDEX assessments_one_per_meeting ON assessments(risk_id, meeting_id) WHERE meeting_id IS NOT NULL;

CREATE TABLE sensitive_periods (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date   TEXT NOT NULL CHECK (end_date >= start_date),
  escalation INTEGER NOT NULL DEFAULT 1,
  note       TEXT NOT NULL DEFAULT '',
  version    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX sensitive_periods_by_date ON sensitive_periods(end_date, start_date);
INSERT INTO sensitive_periods (name, start_date, end_date, escalation) VALUES
  ('元旦', '2026-01-01', '2026-01-03', 1),
  ('地方两会', '2026-01-20', '2026-02-08', 1),
  ('春节', '2026-02-15', '2026-02-23', 1),
  ('全国两会', '2026-03-04', '2026-03-12', 1),
  ('清明', '2026-04-04', '2026-04-06', 1),
  ('五一', '2026-05-01', '2026-05-05', 1),
  ('高考/中考', '2026-06-07', '2026-06-17', 1),
  ('端午', '2026-06-19', '2026-06-21', 1),
  ('七一', '2026-06-28', '2026-07-01', 1),
  ('汛期', '2026-06-01', '2026-09-30', 0),
  ('中秋/国庆', '2026-09-25', '2026-10-08', 1),
  ('元旦', '2027-01-01', '2027-01-03', 1),
  ('地方两会', '2027-01-18', '2027-02-04', 1),
  ('春节', '2027-02-05', '2027-02-13', 1),
  ('全国两会', '2027-03-04', '2027-03-12', 1),
  ('清明', '2027-04-03', '2027-04-05', 1),
  ('五一', '2027-05-01', '2027-05-05', 1),
  ('高考/中考', '2027-06-07', '2027-06-17', 1),
  ('端午', '2027-06-09', '2027-06-11', 1),
  ('七一', '2027-06-28', '2027-07-01', 1),
  ('汛期', '2027-06-01', '2027-09-30', 0),
  ('中秋', '2027-09-15', '2027-09-17', 1),
  ('国庆', '2027-10-01', '2027-10-07', 1);

-- Weekly snapshot: each risk's state at the end of the week starting on Monday `week`.
-- level/likelihood/impact 0 = 未定级. kind = movement against the week before
-- (appeared/rose/fell/same/closed); a closed risk keeps one row, in the week it closed.
CREATE TABLE risk_weeks (
  week       TEXT NOT NULL,
  risk_id    INTEGER NOT NULL,
  level      INTEGER NOT NULL,
  prev_level INTEGER,
  likelihood INTEGER NOT NULL,
  impact     INTEGER NOT NULL,
  status     TEXT NOT NULL,
  domain_id  INTEGER NOT NULL,
  region_id  INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  PRIMARY KEY (week, risk_id)
) WITHOUT ROWID;
CREATE INDEX risk_weeks_by_risk ON risk_weeks(risk_id, week);
CREATE INDEX risk_weeks_by_cell ON risk_weeks(week, likelihood, impact);
-- Movement lists walk this in order and stop at the page size.
CREATE INDEX risk_weeks_moves ON risk_weeks(week, kind, level, risk_id) WHERE kind <> 'same';

-- Aggregates of risk_weeks kept by triggers, so a heat map reads a few thousand rows instead of
-- every risk, and a 26-week trend stays fast. Bulk loads drop the triggers and rebuild (db/weeks.ts).
-- week_summary.open = the status is not one of CLOSED_STATUSES (shared/risks.ts), which
-- db/migrate.ts writes in where the placeholder stands.
CREATE TABLE week_cells (
  week TEXT NOT NULL, domain_id INTEGER NOT NULL, region_id INTEGER NOT NULL, status TEXT NOT NULL,
  likelihood INTEGER NOT NULL, impact INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (week, domain_id, region_id, status, likelihood, impact)
) WITHOUT ROWID;
-- The L×I grid groups by cell: this covering index lets it stream instead of sorting.
CREATE INDEX week_cells_by_cell ON week_cells(week, likelihood, impact, status, domain_id, region_id, n);
CREATE TABLE week_levels (
  week TEXT NOT NULL, domain_id INTEGER NOT NULL, region_id INTEGER NOT NULL, status TEXT NOT NULL,
  level INTEGER NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (week, level, kind, domain_id, region_id, status)
) WITHOUT ROWID;
-- The smallest one: what trends and unfiltered counts need (a few hundred rows a week).
CREATE TABLE week_summary (
  week TEXT NOT NULL, domain_id INTEGER NOT NULL, level INTEGER NOT NULL, kind TEXT NOT NULL, open INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (week, domain_id, level, kind, open)
) WITHOUT ROWID;

CREATE TRIGGER risk_weeks_ai AFTER INSERT ON risk_weeks BEGIN
  INSERT INTO week_cells VALUES (new.week, new.domain_id, new.region_id, new.status, new.likelihood, new.impact, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO week_summary VALUES (new.week, new.domain_id, new.level, new.kind, new.status NOT IN {{CLOSED_STATUSES}}, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO week_levels VALUES (new.week, new.domain_id, new.region_id, new.status, new.level, new.kind, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER risk_weeks_ad AFTER DELETE ON risk_weeks BEGIN
  UPDATE week_cells SET n = n - 1 WHERE week = old.week AND domain_id = old.domain_id AND region_id = old.region_id
    AND status = old.status AND likelihood = old.likelihood AND impact = old.impact;
  UPDATE week_summary SET n = n - 1 WHERE week = old.week AND domain_id = old.domain_id AND level = old.level
    AND kind = old.kind AND open = (old.status NOT IN {{CLOSED_STATUSES}});
  UPDATE week_levels SET n = n - 1 WHERE week = old.week AND level = old.level AND kind = old.kind
    AND domain_id = old.domain_id AND region_id = old.region_id AND status = old.status;
END;
CREATE TRIGGER risk_weeks_au AFTER UPDATE ON risk_weeks BEGIN
  UPDATE week_cells SET n = n - 1 WHERE week = old.week AND domain_id = old.domain_id AND region_id = old.region_id
    AND status = old.status AND likelihood = old.likelihood AND impact = old.impact;
  UPDATE week_summary SET n = n - 1 WHERE week = old.week AND domain_id = old.domain_id AND level = old.level
    AND kind = old.kind AND open = (old.status NOT IN {{CLOSED_STATUSES}});
  UPDATE week_levels SET n = n - 1 WHERE week = old.week AND level = old.level AND kind = old.kind
    AND domain_id = old.domain_id AND region_id = old.region_id AND status = old.status;
  INSERT INTO week_cells VALUES (new.week, new.domain_id, new.region_id, new.status, new.likelihood, new.impact, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO week_summary VALUES (new.week, new.domain_id, new.level, new.kind, new.status NOT IN {{CLOSED_STATUSES}}, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO week_levels VALUES (new.week, new.domain_id, new.region_id, new.status, new.level, new.kind, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- Levels entered before grading existed become "登记定级" assessments under rule set 1.
-- The matrix level is recomputed with the default bands; the rule level is unknown (no events were
-- recorded then), so it stays NULL and the entered level is kept as the final level with a reason.
INSERT INTO assessments (risk_id, kind, assessed_on, likelihood, impact, score, matrix_level, final_level,
  override_reason, basis, rule_set_version, trend, next_review, created_at, created_by)
SELECT id, '登记定级', COALESCE(first_found, substr(created_at, 1, 10)), likelihood, impact, likelihood * impact,
  CASE WHEN likelihood IS NULL OR impact IS NULL THEN NULL WHEN likelihood * impact >= 15 THEN 1
       WHEN likelihood * impact >= 10 THEN 2 WHEN likelihood * impact >= 5 THEN 3 ELSE 4 END,
  level, '登记定级：沿用启用研判功能前台账填报的等级',
  CASE WHEN level_basis <> '' THEN level_basis ELSE '台账填报等级' END,
  1, trend,
  date(COALESCE(first_found, substr(created_at, 1, 10)), '+' || (CASE level WHEN 1 THEN 7 WHEN 2 THEN 14 WHEN 3 THEN 30 ELSE 90 END) || ' days'),
  strftime('%Y-%m-%dT%H:%M:%fZ','now'), '系统迁移'
FROM risks WHERE level IS NOT NULL;
UPDATE risks SET next_review = (SELECT a.next_review FROM assessments a WHERE a.risk_id = risks.id ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)
WHERE level IS NOT NULL;

-- Baseline snapshot for the current week (Shanghai date), so the heat map has content at once.
INSERT INTO risk_weeks (week, risk_id, level, prev_level, likelihood, impact, status, domain_id, region_id, kind)
SELECT date(datetime('now', '+8 hours'), '-6 days', 'weekday 1'), id, COALESCE(level, 0), COALESCE(level, 0),
  COALESCE(likelihood, 0), COALESCE(impact, 0), status, domain_id, region_id, 'same'
FROM risks WHERE deleted_at IS NULL AND status NOT IN {{CLOSED_STATUSES}};
