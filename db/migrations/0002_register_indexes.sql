-- 0002: the complete register — one index per sort (docs/architecture.md, "Register indexes"),
-- filter indexes, a search index that also answers 1–2 character terms, and saved views.

-- Sorts. Nullable columns sort NULLS LAST in both directions, which a plain index cannot give
-- for ASC; each gets two expression indexes, one per direction, both read forwards.
CREATE INDEX risks_sort_level_asc     ON risks(deleted_at, level IS NULL, level, id);
CREATE INDEX risks_sort_level_desc    ON risks(deleted_at, level IS NULL, level DESC, id DESC);
CREATE INDEX risks_sort_involved_asc  ON risks(deleted_at, involved_count IS NULL, involved_count, id);
CREATE INDEX risks_sort_involved_desc ON risks(deleted_at, involved_count IS NULL, involved_count DESC, id DESC);
CREATE INDEX risks_sort_deadline_asc  ON risks(deleted_at, deadline IS NULL, deadline, id);
CREATE INDEX risks_sort_deadline_desc ON risks(deleted_at, deadline IS NULL, deadline DESC, id DESC);
CREATE INDEX risks_sort_found_asc     ON risks(deleted_at, first_found IS NULL, first_found, id);
CREATE INDEX risks_sort_found_desc    ON risks(deleted_at, first_found IS NULL, first_found DESC, id DESC);
CREATE INDEX risks_sort_code          ON risks(deleted_at, code);
-- Not-null sorts read risks_by_status / risks_by_updated (0001) forwards or backwards;
-- region and domain sorts walk the small list in its display order and, inside each entry,
-- risks_by_region / risks_by_domain_id below by id.
CREATE INDEX risks_by_domain_id       ON risks(deleted_at, domain_id, id);
DROP INDEX risks_by_level;  -- superseded by risks_sort_level_asc/desc
CREATE INDEX regions_by_sort ON regions(sort, id);
CREATE INDEX domains_by_sort ON domains(sort, id);

-- Filters that are not also sorts.
CREATE INDEX risks_by_lead_unit      ON risks(deleted_at, lead_unit, id);
CREATE INDEX risks_by_package_leader ON risks(deleted_at, package_leader, id);
CREATE INDEX risks_by_source         ON risks(deleted_at, source, id);

-- Search. Trigram FTS cannot match terms shorter than 3 characters, so the indexed text of every
-- column is padded with two U+001F characters: then each 1–2 character occurrence begins some
-- trigram, and a short term becomes an OR of the trigrams that start with it, found by a range
-- read of the index vocabulary (risks_fts_terms). The view is the FTS content table, so
-- 'rebuild' (db/bulk.ts) indexes the padded text too.
DROP TRIGGER risks_fts_ai;
DROP TRIGGER risks_fts_ad;
DROP TRIGGER risks_fts_au;
DROP TABLE risks_fts;
CREATE VIEW risks_fts_source AS
  SELECT id,
    title || char(31, 31) AS title,
    summary || char(31, 31) AS summary,
    main_demands || char(31, 31) AS main_demands,
    control_measures || char(31, 31) AS control_measures,
    resolution_measures || char(31, 31) AS resolution_measures,
    progress || char(31, 31) AS progress
  FROM risks;
CREATE VIRTUAL TABLE risks_fts USING fts5(
  title, summary, main_demands, control_measures, resolution_measures, progress,
  content='risks_fts_source', content_rowid='id', tokenize='trigram'
);
CREATE VIRTUAL TABLE risks_fts_terms USING fts5vocab(risks_fts, 'row');
CREATE TRIGGER risks_fts_ai AFTER INSERT ON risks BEGIN
  INSERT INTO risks_fts(rowid, title, summary, main_demands, control_measures, resolution_measures, progress)
  VALUES (new.id, new.title || char(31, 31), new.summary || char(31, 31), new.main_demands || char(31, 31),
          new.control_measures || char(31, 31), new.resolution_measures || char(31, 31), new.progress || char(31, 31));
END;
CREATE TRIGGER risks_fts_ad AFTER DELETE ON risks BEGIN
  INSERT INTO risks_fts(risks_fts, rowid, title, summary, main_demands, control_measures, resolution_measures, progress)
  VALUES ('delete', old.id, old.title || char(31, 31), old.summary || char(31, 31), old.main_demands || char(31, 31),
          old.control_measures || char(31, 31), old.resolution_measures || char(31, 31), old.progress || char(31, 31));
END;
CREATE TRIGGER risks_fts_au AFTER UPDATE OF title, summary, main_demands, control_measures, resolution_measures, progress ON risks BEGIN
  INSERT INTO risks_fts(risks_fts, rowid, title, summary, main_demands, control_measures, resolution_measures, progress)
  VALUES ('delete', old.id, old.title || char(31, 31), old.summary || char(31, 31), old.main_demands || char(31, 31),
          old.control_measures || char(31, 31), old.resolution_measures || char(31, 31), old.progress || char(31, 31));
  INSERT INTO risks_fts(rowid, title, summary, main_demands, control_measures, resolution_measures, progress)
  VALUES (new.id, new.title || char(31, 31), new.summary || char(31, 31), new.main_demands || char(31, 31),
          new.control_measures || char(31, 31), new.resolution_measures || char(31, 31), new.progress || char(31, 31));
END;
INSERT INTO risks_fts(risks_fts) VALUES ('rebuild');

-- Fixed planner statistics, written by hand for a register of ~100,000 risks, so the planner
-- chooses the same plans on a fresh file as on a full one (the documented way to pin plans; we
-- never run a data ANALYZE). Without them it walks a sort index past thousands of rows for a
-- selective filter (domain + level: 50 ms instead of 1.5 ms). 'ANALYZE regions' only creates
-- sqlite_stat1; 'ANALYZE sqlite_schema' loads the rows into the planner.
ANALYZE regions;
DELETE FROM sqlite_stat1;
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('risks', 'sqlite_autoindex_risks_1', '100000 1'),
  ('risks', 'risks_sort_code', '100000 95000 1'),
  ('risks', 'risks_by_region', '100000 95000 12000 1'),
  ('risks', 'risks_by_domain', '100000 95000 9000 2500 1'),
  ('risks', 'risks_by_domain_id', '100000 95000 9000 1'),
  ('risks', 'risks_by_status', '100000 95000 12000 1'),
  ('risks', 'risks_by_updated', '100000 95000 2 1'),
  ('risks', 'risks_sort_level_asc', '100000 95000 90000 25000 1'),
  ('risks', 'risks_sort_level_desc', '100000 95000 90000 25000 1'),
  ('risks', 'risks_sort_involved_asc', '100000 95000 90000 100 1'),
  ('risks', 'risks_sort_involved_desc', '100000 95000 90000 100 1'),
  ('risks', 'risks_sort_deadline_asc', '100000 95000 85000 150 1'),
  ('risks', 'risks_sort_deadline_desc', '100000 95000 85000 150 1'),
  ('risks', 'risks_sort_found_asc', '100000 95000 95000 140 1'),
  ('risks', 'risks_sort_found_desc', '100000 95000 95000 140 1'),
  ('risks', 'risks_by_lead_unit', '100000 95000 300 1'),
  ('risks', 'risks_by_package_leader', '100000 95000 60 1'),
  ('risks', 'risks_by_source', '100000 95000 14000 1'),
  ('regions', 'regions_by_sort', '10 1 1'),
  ('domains', 'domains_by_sort', '12 1 1');
ANALYZE sqlite_schema;

-- Saved register views (我的筛选): filters, sort and visible columns, per operator.
CREATE TABLE saved_views (
  id         INTEGER PRIMARY KEY,
  operator   TEXT NOT NULL,
  name       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1,
  UNIQUE (operator, name)
) STRICT;
