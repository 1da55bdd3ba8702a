-- 0016 (issue 15, 议程建议 at 100,000 risks): two reads of the assessments (1.5 million rows on the
-- bench register) that the agenda proposal makes at every generation.
-- 1. The latest assessment of each of the ~65,000 risks due for review (likelihood, impact, level,
--    assessed_on, created_at: db/agendaGenerate.ts LATEST_ASSESSMENT) came from the table, one row
--    scattered somewhere in a 1.5 GB file per risk. The index by risk now carries those columns, so
--    "latest per risk" is answered from the index alone. Same name and the same leading columns as
--    0004's, so every query that used it still does; no planner statistics are kept for it (0002).
-- 2. 等级上升's candidates (db/agendaReasons.ts: assessed between the last meeting and this one)
--    scanned the whole index by risk for a week's rows; an index by date reads just those.
DROP INDEX assessments_by_risk;
CREATE INDEX assessments_by_risk ON assessments(risk_id, assessed_on, id, likelihood, impact, final_level, created_at);
CREATE INDEX assessments_by_date ON assessments(assessed_on, risk_id);
