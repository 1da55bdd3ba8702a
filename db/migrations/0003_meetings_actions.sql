-- 0002 (issue 5): the working calendar, meetings with agenda and signed minutes versions,
-- action items (交办) with risks, feedback, attachments (BLOBs, so backups carry them) and extensions,
-- and the runner's autosave drafts.

-- Official days off and 调休 working days. 2026 as announced by the State Council (国办发明电〔2025〕);
-- 2027 is an estimate (source '预估') until the schedule is published: edit it in 设置 › 节假日.
CREATE TABLE calendar_days (
  date    TEXT PRIMARY KEY,
  kind    TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
  name    TEXT NOT NULL DEFAULT '',
  source  TEXT NOT NULL DEFAULT '手工',
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO calendar_days (date, kind, name, source) VALUES
  ('2026-01-01', 'holiday', '元旦', '国务院通知'),
  ('2026-01-02', 'holiday', '元旦', '国务院通知'),
  ('2026-01-03', 'holiday', '元旦', '国务院通知'),
  ('2026-02-15', 'holiday', '春节', '国务院通知'),
  ('2026-02-16', 'holiday', '春节', '国务院通知'),
  ('2026-02-17', 'holiday', '春节', '国务院通知'),
  ('2026-02-18', 'holiday', '春节', '国务院通知'),
  ('2026-02-19', 'holiday', '春节', '国务院通知'),
  ('2026-02-20', 'holiday', '春节', '国务院通知'),
  ('2026-02-21', 'holiday', '春节', '国务院通知'),
  ('2026-02-22', 'holiday', '春节', '国务院通知'),
  ('2026-02-23', 'holiday', '春节', '国务院通知'),
  ('2026-04-04', 'holiday', '清明节', '国务院通知'),
  ('2026-04-05', 'holiday', '清明节', '国务院通知'),
  ('2026-04-06', 'holiday', '清明节', '国务院通知'),
  ('2026-05-01', 'holiday', '劳动节', '国务院通知'),
  ('2026-05-02', 'holiday', '劳动节', '国务院通知'),
  ('2026-05-03', 'holiday', '劳动节', '国务院通知'),
  ('2026-05-04', 'holiday', '劳动节', '国务院通知'),
  ('2026-05-05', 'holiday', '劳动节', '国务院通知'),
  ('2026-06-19', 'holiday', '端午节', '国务院通知'),
  ('2026-06-20', 'holiday', '端午节', '国务院通知'),
  ('2026-06-21', 'holiday', '端午节', '国务院通知'),
  ('2026-09-25', 'holiday', '中秋节', '国务院通知'),
  ('2026-09-26', 'holiday', '中秋节', '国务院通知'),
  ('2026-09-27', 'holiday', '中秋节', '国务院通知'),
  ('2026-10-01', 'holiday', '国庆节', '国务院通知'),
  ('2026-10-02', 'holiday', '国庆节', '国务院通知'),
  ('2026-10-03', 'holiday', '国庆节', '国务院通知'),
  ('2026-10-04', 'holiday', '国庆节', '国务院通知'),
  ('2026-10-05', 'holiday', '国庆节', '国务院通知'),
  ('2026-10-06', 'holiday', '国庆节', '国务院通知'),
  ('2026-10-07', 'holiday', '国庆节', '国务院通知'),
  ('2026-01-04', 'workday', '元旦调休上班', '国务院通知'),
  ('2026-02-14', 'workday', '春节调休上班', '国务院通知'),
  ('2026-02-28', 'workday', '春节调休上班', '国务院通知'),
  ('2026-05-09', 'workday', '劳动节调休上班', '国务院通知'),
  ('2026-09-20', 'workday', '国庆节调休上班', '国务院通知'),
  ('2026-10-10', 'workday', '国庆节调休上班', '国务院通知'),
  ('2027-01-01', 'holiday', '元旦', '预估'),
  ('2027-01-02', 'holiday', '元旦', '预估'),
  ('2027-01-03', 'holiday', '元旦', '预估'),
  ('2027-02-05', 'holiday', '春节', '预估'),
  ('2027-02-06', 'holiday', '春节', '预估'),
  ('2027-02-07', 'holiday', '春节', '预估'),
  ('2027-02-08', 'holiday', '春节', '预估'),
  ('2027-02-09', 'holiday', '春节', '预估'),
  ('2027-02-10', 'holiday', '春节', '预估'),
  ('2027-02-11', 'holiday', '春节', '预估'),
  ('2027-04-03', 'holiday', '清明节', '预估'),
  ('2027-04-04', 'holiday', '清明节', '预估'),
  ('2027-04-05', 'holiday', '清明节', '预估'),
  ('2027-05-01', 'holiday', '劳动节', '预估'),
  ('2027-05-02', 'holiday', '劳动节', '预估'),
  ('2027-05-03', 'holiday', '劳动节', '预估'),
  ('2027-05-04', 'holiday', '劳动节', '预估'),
  ('2027-05-05', 'holiday', '劳动节', '预估'),
  ('2027-06-09', 'holiday', '端午节', '预估'),
  ('2027-09-15', 'holiday', '中秋节', '预估'),
  ('2027-10-01', 'holiday', '国庆节', '预估'),
  ('2027-10-02', 'holiday', '国庆节', '预估'),
  ('2027-10-03', 'holiday', '国庆节', '预估'),
  ('2027-10-04', 'holiday', '国庆节', '预估'),
  ('2027-10-05', 'holiday', '国庆节', '预估'),
  ('2027-10-06', 'holiday', '国庆节', '预估'),
  ('2027-10-07', 'holiday', '国庆节', '预估'),
  ('2027-02-20', 'workday', '春节调休上班', '预估'),
  ('2027-05-08', 'workday', '劳动节调休上班', '预估'),
  ('2027-09-26', 'workday', '国庆节调休上班', '预估'),
  ('2027-10-09', 'workday', '国庆节调休上班', '预估');

-- Meeting (研判会). Lists of names are JSON arrays. session_no counts all meetings of the year.
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
  state            TEXT NOT NULL DEFAULT '筹备' CHECK (state IN ('筹备','进行中','已召开','纪要拟稿','已签发','已归档')),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  UNIQUE (year, session_no)
) STRICT;
CREATE INDEX meetings_by_date ON meetings(date, id);

-- Every 签发 keeps the signed text; reopening marks that version superseded (with reason), never deletes it.
CREATE TABLE meeting_minutes_versions (
  meeting_id    INTEGER NOT NULL REFERENCES meetings(id),
  version_no    INTEGER NOT NULL,
  text          TEXT NOT NULL,
  signed_at     TEXT NOT NULL,
  signed_by     TEXT NOT NULL,
  reopened_at   TEXT,
  reopened_by   TEXT,
  reopen_reason TEXT,
  PRIMARY KEY (meeting_id, version_no)
) STRICT;

CREATE TABLE agenda_items (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  risk_id    INTEGER NOT NULL REFERENCES risks(id),
  position   INTEGER NOT NULL,
  minutes    INTEGER NOT NULL DEFAULT 3,
  reasons    TEXT NOT NULL DEFAULT '[]',
  status     TEXT NOT NULL DEFAULT '待议' CHECK (status IN ('待议','已议','未议')),
  note       TEXT NOT NULL DEFAULT '',
  UNIQUE (meeting_id, risk_id)
) STRICT;
CREATE INDEX agenda_by_meeting ON agenda_items(meeting_id, position);
CREATE INDEX agenda_by_risk ON agenda_items(risk_id);

-- Action item (交办事项). due_at is the current due date (moved by approved extensions);
-- original_due_at keeps the first one. 临期/超期 and the supervision level are computed, never stored.
CREATE TABLE actions (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  meeting_id      INTEGER REFERENCES meetings(id),
  content         TEXT NOT NULL,
  lead_unit       TEXT NOT NULL,
  co_units        TEXT NOT NULL DEFAULT '[]',
  lead_leader     TEXT NOT NULL DEFAULT '',
  contact         TEXT NOT NULL DEFAULT '',
  issued_at       TEXT NOT NULL,
  due_at          TEXT NOT NULL,
  original_due_at TEXT NOT NULL,
  due_rule        TEXT NOT NULL DEFAULT '',
  feedback_cycle  TEXT NOT NULL DEFAULT '每周' CHECK (feedback_cycle IN ('每日','每周','办结时')),
  state           TEXT NOT NULL DEFAULT '已交办' CHECK (state IN ('已交办','已签收','办理中','已反馈','办结','退回重办')),
  closed_on       TEXT,
  return_reason   TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX actions_open_by_due ON actions(state, due_at);
-- Open actions are a few percent of all; a partial covering index keeps agenda and dashboard reads small.
CREATE INDEX actions_open ON actions(due_at, state, meeting_id, code) WHERE state <> '办结';
CREATE INDEX actions_by_unit ON actions(lead_unit, state);
CREATE INDEX actions_by_meeting ON actions(meeting_id);

CREATE TABLE action_risks (
  action_id INTEGER NOT NULL REFERENCES actions(id),
  risk_id   INTEGER NOT NULL REFERENCES risks(id),
  PRIMARY KEY (action_id, risk_id)
) WITHOUT ROWID, STRICT;
CREATE INDEX action_risks_by_risk ON action_risks(risk_id, action_id);

-- Feedback log (反馈记录): the units' replies and the bureau's decisions on them.
CREATE TABLE action_feedback (
  id         INTEGER PRIMARY KEY,
  action_id  INTEGER NOT NULL REFERENCES actions(id),
  date       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('进展','办理结果','退回','审核','延期','签收')),
  text       TEXT NOT NULL,
  by_whom    TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX feedback_by_action ON action_feedback(action_id, id);

-- Scanned replies (PDF/image) live in the database itself so every backup includes them.
CREATE TABLE action_attachments (
  id          INTEGER PRIMARY KEY,
  feedback_id INTEGER NOT NULL REFERENCES action_feedback(id),
  name        TEXT NOT NULL,
  mime        TEXT NOT NULL,
  size        INTEGER NOT NULL,
  data        BLOB NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_by_feedback ON action_attachments(feedback_id);

CREATE TABLE action_extensions (
  id           INTEGER PRIMARY KEY,
  action_id    INTEGER NOT NULL REFERENCES actions(id),
  days         INTEGER NOT NULL CHECK (days > 0),
  reason       TEXT NOT NULL,
  requested_on TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT '待审批' CHECK (status IN ('待审批','已批准','未批准')),
  decided_on   TEXT,
  decided_by   TEXT,
  decision_note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX extensions_by_action ON action_extensions(action_id, id);

-- The meeting runner's autosave: written as the user types (debounced), so a killed process loses nothing.
CREATE TABLE runner_drafts (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  risk_id    INTEGER NOT NULL REFERENCES risks(id),
  field      TEXT NOT NULL,
  text       TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, risk_id, field)
) STRICT;

-- "New since the last meeting" reads risks by creation time.
CREATE INDEX risks_by_created ON risks(created_at);

-- Pinned planner statistics (see 0002) for the risks index added here.
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('risks', 'risks_by_created', '100000 2');
ANALYZE sqlite_schema;
