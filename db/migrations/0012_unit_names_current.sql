-- 0012 (issue 13): a risk's or an action's units are the list's units, shown as they are called now.
-- 0006 made every free-text name a list entry and linked the rows by id, but kept the text as typed:
-- names spelled differently (full-width letters, doubled spaces) stayed separate units, and a row
-- written with a former name (an import, a typed name) kept showing that name. Here:
-- 1. units whose names are the same once written the standard way (unit_name(), which the migration
--    runner provides from shared/units.ts: NFKC, trimmed, inner spaces closed) become one unit: the
--    oldest keeps the standard spelling, every spelling stays one of its names (unit_names), the
--    others stay as merged (merged_into), and the rows' ids move to it;
-- 2. every row shows its units' current names (the rewrite runs 0006's update triggers: ids and the
--    search index follow). No text is lost: a name replaced on a row is one of
--    the unit's names in unit_names (the unit's page lists it as 曾用名) and still finds the unit;
-- From here on the writers (db/risks.ts, db/bulk.ts, db/actions.ts, the import's plan) write names as
-- the list calls them (db/units.ts currentUnitNames); 0006's triggers still keep the ids in step. (A
-- trigger cannot rewrite the name: an AFTER INSERT update of lead_unit runs before the search index's
-- own insert trigger and would delete a row the index does not hold yet.)

CREATE TEMP TABLE unit_fold AS SELECT id, unit_name(name) AS folded FROM units WHERE merged_into IS NULL;
CREATE TEMP TABLE unit_merge AS
  SELECT f.id AS from_id, (SELECT MIN(g.id) FROM unit_fold g WHERE g.folded = f.folded) AS into_id FROM unit_fold f;
DELETE FROM unit_merge WHERE from_id = into_id;
UPDATE unit_names SET unit_id = (SELECT into_id FROM unit_merge WHERE from_id = unit_names.unit_id)
  WHERE unit_id IN (SELECT from_id FROM unit_merge);
UPDATE units SET merged_into = (SELECT into_id FROM unit_merge WHERE from_id = units.id), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  WHERE id IN (SELECT from_id FROM unit_merge);
UPDATE units SET name = (SELECT folded FROM unit_fold WHERE unit_fold.id = units.id), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  WHERE merged_into IS NULL AND name <> (SELECT folded FROM unit_fold WHERE unit_fold.id = units.id);
INSERT OR IGNORE INTO unit_names (name, unit_id, since) SELECT name, id, updated_at FROM units WHERE merged_into IS NULL;
UPDATE risks SET lead_unit_id = (SELECT into_id FROM unit_merge WHERE from_id = risks.lead_unit_id)
  WHERE lead_unit_id IN (SELECT from_id FROM unit_merge);
UPDATE actions SET lead_unit_id = (SELECT into_id FROM unit_merge WHERE from_id = actions.lead_unit_id)
  WHERE lead_unit_id IN (SELECT from_id FROM unit_merge);
INSERT OR IGNORE INTO risk_co_units SELECT c.risk_id, m.into_id FROM risk_co_units c JOIN unit_merge m ON m.from_id = c.unit_id;
DELETE FROM risk_co_units WHERE unit_id IN (SELECT from_id FROM unit_merge);
INSERT OR IGNORE INTO action_co_units SELECT c.action_id, m.into_id FROM action_co_units c JOIN unit_merge m ON m.from_id = c.unit_id;
DELETE FROM action_co_units WHERE unit_id IN (SELECT from_id FROM unit_merge);
DROP TABLE unit_fold;
DROP TABLE unit_merge;

-- The rows take the current names: the lead unit by its id; each co-unit known to the list by its unit's
-- current name (a unit named twice kept once, in the row's order). Only changed rows are written.
UPDATE risks SET lead_unit = (SELECT name FROM units WHERE id = risks.lead_unit_id)
  WHERE lead_unit_id IS NOT NULL AND lead_unit <> (SELECT name FROM units WHERE id = risks.lead_unit_id);
UPDATE risks SET co_units = (SELECT json_group_array(nm ORDER BY k) FROM (SELECT COALESCE(u.name, trim(j.value)) AS nm, MIN(j.key) AS k FROM json_each(risks.co_units) j LEFT JOIN unit_names n ON n.name = trim(j.value) LEFT JOIN units u ON u.id = n.unit_id GROUP BY nm))
  WHERE co_units <> '[]' AND co_units <> (SELECT json_group_array(nm ORDER BY k) FROM (SELECT COALESCE(u.name, trim(j.value)) AS nm, MIN(j.key) AS k FROM json_each(risks.co_units) j LEFT JOIN unit_names n ON n.name = trim(j.value) LEFT JOIN units u ON u.id = n.unit_id GROUP BY nm));
UPDATE actions SET lead_unit = (SELECT name FROM units WHERE id = actions.lead_unit_id)
  WHERE lead_unit_id IS NOT NULL AND lead_unit <> (SELECT name FROM units WHERE id = actions.lead_unit_id);
UPDATE actions SET co_units = (SELECT json_group_array(nm ORDER BY k) FROM (SELECT COALESCE(u.name, trim(j.value)) AS nm, MIN(j.key) AS k FROM json_each(actions.co_units) j LEFT JOIN unit_names n ON n.name = trim(j.value) LEFT JOIN units u ON u.id = n.unit_id GROUP BY nm))
  WHERE co_units <> '[]' AND co_units <> (SELECT json_group_array(nm ORDER BY k) FROM (SELECT COALESCE(u.name, trim(j.value)) AS nm, MIN(j.key) AS k FROM json_each(actions.co_units) j LEFT JOIN unit_names n ON n.name = trim(j.value) LEFT JOIN units u ON u.id = n.unit_id GROUP BY nm));

