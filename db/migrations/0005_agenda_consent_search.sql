-- 0005 (issue 12): the stored, ranked agenda proposal of a meeting (main agenda candidates and the
-- consent list 一揽子研判), and a register search that finds what a row shows.

-- The proposal as generated for a meeting (db/agendaProposal.ts): every risk with a reason, ranked
-- once (shared/agendaRank.ts), split into the main list and the consent list. Pages are read by
-- rank, so no response holds more than a page however many risks are due. Generating again
-- replaces it. last_* are the last assessment's values a consent confirmation keeps.
CREATE TABLE agenda_proposals (
  meeting_id      INTEGER NOT NULL REFERENCES meetings(id),
  risk_id         INTEGER NOT NULL REFERENCES risks(id),
  rank            INTEGER NOT NULL,
  list            TEXT NOT NULL CHECK (list IN ('main', 'consent')),
  score           REAL NOT NULL,
  level           INTEGER,
  minutes         INTEGER NOT NULL,
  reasons         TEXT NOT NULL,
  last_likelihood INTEGER,
  last_impact     INTEGER,
  last_level      INTEGER,
  PRIMARY KEY (meeting_id, risk_id)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX agenda_proposals_by_list ON agenda_proposals(meeting_id, list, rank);
CREATE UNIQUE INDEX agenda_proposals_by_rank ON agenda_proposals(meeting_id, rank);

-- A meeting's assessments (the consent list's confirmed items are counted from here).
CREATE INDEX assessments_by_meeting ON assessments(meeting_id, risk_id) WHERE meeting_id IS NOT NULL;

-- When each meeting's proposal was generated and for which day.
CREATE TABLE agenda_proposal_runs (
  meeting_id   INTEGER PRIMARY KEY REFERENCES meetings(id),
  as_of        TEXT NOT NULL,
  generated_at TEXT NOT NULL
) STRICT;

-- Search: the index also holds the code, the units (主办、协办), the people (责任人、包案领导及职务)
-- and the task force, padded like the texts (0002) so 1–2 character terms use it too. Domain and
-- region names are not copied in: the search looks them up in their own short lists
-- (db/risk-list.ts), so a renamed domain or region is found by its new name at once. 协办单位 are
-- stored as a JSON array of strings; a trigger cannot call json_each, so the array's brackets and
-- separators are replaced instead (the same expression in the view and in the triggers' deletes).
DROP TRIGGER risks_fts_ai;
DROP TRIGGER risks_fts_ad;
DROP TRIGGER risks_fts_au;
DROP TABLE risks_fts_terms;
DROP TABLE risks_fts;
DROP VIEW risks_fts_source;
CREATE VIEW risks_fts_source AS
  SELECT id,
    title || char(31, 31) AS title,
    summary || char(31, 31) AS summary,
    main_demands || char(31, 31) AS main_demands,
    control_measures || char(31, 31) AS control_measures,
    resolution_measures || char(31, 31) AS resolution_measures,
    progress || char(31, 31) AS progress,
    code || char(31, 31) AS code,
    lead_unit || char(31) || replace(replace(replace(replace(co_units, '","', char(31)), '["', ''), '"]', ''), '[]', '') || char(31, 31) AS units,
    responsible_person || char(31) || package_leader || char(31) || package_leader_title || char(31, 31) AS people,
    task_force || char(31, 31) AS task_force
  FROM risks;
CREATE VIRTUAL TABLE risks_fts USING fts5(
  title, summary, main_demands, control_measures, resolution_measures, progress, code, units, people, task_force,
  content='risks_fts_source', content_rowid='id', tokenize='trigram'
);
CREATE VIRTUAL TABLE risks_fts_terms USING fts5vocab(risks_fts, 'row');
CREATE TRIGGER risks_fts_ai AFTER INSERT ON risks BEGIN
  INSERT INTO risks_fts(rowid, title, summary, main_demands, control_measures, resolution_measures, progress, code, units, people, task_force)
  SELECT id, title, summary, main_demands, control_measures, resolution_measures, progress, code, units, people, task_force FROM risks_fts_source WHERE id = new.id;
END;
CREATE TRIGGER risks_fts_ad AFTER DELETE ON risks BEGIN
  INSERT INTO risks_fts(risks_fts, rowid, title, summary, main_demands, control_measures, resolution_measures, progress, code, units, people, task_force)
  VALUES ('delete', old.id, old.title || char(31, 31), old.summary || char(31, 31), old.main_demands || char(31, 31),
          old.control_measures || char(31, 31), old.resolution_measures || char(31, 31), old.progress || char(31, 31), old.code || char(31, 31),
          old.lead_unit || char(31) || replace(replace(replace(replace(old.co_units, '","', char(31)), '["', ''), '"]', ''), '[]', '') || char(31, 31),
          old.responsible_person || char(31) || old.package_leader || char(31) || old.package_leader_title || char(31, 31),
          old.task_force || char(31, 31));
END;
CREATE TRIGGER risks_fts_au AFTER UPDATE OF title, summary, main_demands, control_measures, resolution_measures, progress, code,
    lead_unit, co_units, responsible_person, package_leader, package_leader_title, task_force ON risks BEGIN
  INSERT INTO risks_fts(risks_fts, rowid, title, summary, main_demands, control_measures, resolution_measures, progress, code, units, people, task_force)
  VALUES ('delete', old.id, old.title || char(31, 31), old.summary || char(31, 31), old.main_demands || char(31, 31),
          old.control_measures || char(31, 31), old.resolution_measures || char(31, 31), old.progress || char(31, 31), old.code || char(31, 31),
          old.lead_unit || char(31) || replace(replace(replace(replace(old.co_units, '","', char(31)), '["', ''), '"]', ''), '[]', '') || char(31, 31),
          old.responsible_person || char(31) || old.package_leader || char(31) || old.package_leader_title || char(31, 31),
          old.task_force || char(31, 31));
  INSERT INTO risks_fts(rowid, title, summary, main_demands, control_measures, resolution_measures, progress, code, units, people, task_force)
  SELECT id, title, summary, main_demands, control_measures, resolution_measures, progress, code, units, people, task_force FROM risks_fts_source WHERE id = new.id;
END;
INSERT INTO risks_fts(risks_fts) VALUES ('rebuild');
