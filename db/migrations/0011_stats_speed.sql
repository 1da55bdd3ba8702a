-- 0011 (issue 18, speed at 100,000 risks): two risk_history indexes the 统计 counts read alone.
-- The register on a day, grouped by domain, county, level and 包案 in the index's own order (no sort):
-- replaces risk_history_by_until, with the same columns.
DROP INDEX risk_history_by_until;
CREATE INDEX risk_history_open ON risk_history(until, domain_id, region_id, level, packaged, status, on_date, risk_id);
-- A risk's state at a period's end (每个变动事项的期末等级): the lookup by risk covers what it reads.
DROP INDEX risk_history_by_risk;
CREATE INDEX risk_history_by_risk ON risk_history(risk_id, on_date, until, level, domain_id, region_id, packaged);
