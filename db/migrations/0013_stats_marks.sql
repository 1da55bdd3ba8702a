-- 0013 (issue 18, speed at 100,000 risks): each risk_history row carries its risk's latest change of each
-- kind up to it (shared/statsHistory.ts HISTORY_MARKS), so 新增, 升级, 降级, 销号 and 反弹 of a period are
-- counted from the rows holding at the period's end alone, by the same index as the register on a day,
-- instead of looking up each changed risk's state at the end one by one.
ALTER TABLE risk_history ADD COLUMN entered_on TEXT;      -- the day the risk entered the register
ALTER TABLE risk_history ADD COLUMN last_raised TEXT;     -- its latest 升级 on or before this row's day
ALTER TABLE risk_history ADD COLUMN last_lowered TEXT;    -- … 降级
ALTER TABLE risk_history ADD COLUMN last_closed TEXT;     -- … 销号
ALTER TABLE risk_history ADD COLUMN last_rebounded TEXT;  -- … 反弹
{{RISK_HISTORY_MARKS}};
-- The register on a day (0011) with the marks: a period's changes are read in the index's own order too.
DROP INDEX risk_history_open;
CREATE INDEX risk_history_open ON risk_history(until, domain_id, region_id, level, packaged, status, on_date, risk_id,
  entered_on, last_raised, last_lowered, last_closed, last_rebounded);
