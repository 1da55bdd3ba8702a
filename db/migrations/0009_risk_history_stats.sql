-- 0009 (issue 18): statistics. Each risk's status and level history, exact to the day (shared/statsHistory.ts
-- says how it is read from the register, the assessments and the audit log); the figures typed in by hand
-- from the petition system; issued yearly/quarterly reports with their frozen figures.

CREATE TABLE risk_history (
  id          INTEGER PRIMARY KEY,
  risk_id     INTEGER NOT NULL REFERENCES risks(id),
  on_date     TEXT NOT NULL,   -- Shanghai day from which this state holds (at the end of that day)
  until       TEXT,            -- the day the next state starts; NULL = holds now
  status      TEXT NOT NULL,
  level       INTEGER,         -- 1 重大 … 4 低; NULL = not yet graded
  prev_status TEXT,            -- the state before (NULL on the first row: the day it entered the register)
  prev_level  INTEGER,
  -- The risk's current domain, county and whether it has a 包案领导 (rewritten with the risk's history
  -- on every change of the risk), so the counts by them read this table alone.
  domain_id   INTEGER NOT NULL,
  region_id   INTEGER NOT NULL,
  packaged    INTEGER NOT NULL
) STRICT;
CREATE INDEX risk_history_by_risk ON risk_history(risk_id, on_date);
-- Changes in a period: a range scan by day, covering what the counts read.
CREATE INDEX risk_history_by_day ON risk_history(on_date, risk_id, status, level, prev_status, prev_level);
-- The register on a day: rows that started by then and had not ended.
CREATE INDEX risk_history_by_until ON risk_history(until, on_date, status, level, domain_id, region_id, packaged, risk_id);

{{RISK_HISTORY_FILL}};

-- 及时受理率, 按期答复率, 参评率, 满意率 come from the petition information system: typed in by hand for a period.
CREATE TABLE stats_manual (
  period     TEXT NOT NULL,      -- 'YYYY-MM-DD/YYYY-MM-DD'
  measure    TEXT NOT NULL,
  value      REAL NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  entered_at TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  PRIMARY KEY (period, measure)
) STRICT;

-- An issued 年度/季度 风险研判工作情况: its figures and the ids of the records behind each, frozen.
CREATE TABLE stats_reports (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('year', 'quarter')),
  period     TEXT NOT NULL UNIQUE,  -- 'YYYY-MM-DD/YYYY-MM-DD'
  snapshot   TEXT NOT NULL,         -- JSON: the figures, the definitions used, record ids per figure
  issued_at  TEXT NOT NULL,
  issued_by  TEXT NOT NULL
) STRICT;
