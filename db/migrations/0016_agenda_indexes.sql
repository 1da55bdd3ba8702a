-- 0016 (issue 15, 议程建议 at 100,000 risks): three reads the agenda proposal makes at every generation,
-- each answered from an index alone (bench register: 100,000 risks, 1.5 million assessments).
-- 1. The latest assessment of each of the ~65,000 risks due for review (likelihood, impact, level,
--    assessed_on, created_at: db/agendaGenerate.ts LATEST_ASSESSMENT) came from the table, one row
--    scattered somewhere in the 615 MB table per risk. The index by risk now carries those columns, so
--    "latest per risk" is answered from the index alone. Same name and the same leading columns as
--    0004's, so every query that used it still does; no planner statistics are kept for it (0002).
-- 2. Those ~65,000 risks were found by scanning the whole risks table (65 MB of wide rows, more than
--    the connection's 64 MB page cache, so read again at every generation). 0014's index of the open
--    risks by next review now also carries what deciding them reads (the grading facts, and
--    deleted_at and status, which its WHERE names, so SQLite needs no table row): a 5 MB covering read.
--    Same name and leading columns, so 我的周一's list and count use it as before.
-- 3. 等级上升's candidates (db/agendaReasons.ts: assessed between the last meeting and this one)
--    scanned the whole index by risk for a week's rows; an index by date reads just those.
DROP INDEX assessments_by_risk;
CREATE INDEX assessments_by_risk ON assessments(risk_id, assessed_on, id, likelihood, impact, final_level, created_at);
CREATE INDEX assessments_by_date ON assessments(assessed_on, risk_id);
DROP INDEX risks_open_by_review;
CREATE INDEX risks_open_by_review ON risks(next_review, level, code, involved_count, involved_unit, amount_wan, opinion_risk, extreme_risk, deleted_at, status)
  WHERE deleted_at IS NULL AND status NOT IN {{CLOSED_STATUSES}};
