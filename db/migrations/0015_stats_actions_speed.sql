-- 0015 (issue 18, 统计 at 200,000 assignments): the 交办 measures of a period (db/statsActions.ts) are
-- counted unit by unit, each one range of one index — issued, closed, due — holding what the measure
-- compares, instead of reading every assignment a period can touch and sorting them by unit. The 退回
-- and approved extensions of a period are found by their day.
CREATE INDEX actions_unit_issued ON actions(lead_unit_id, issued_at);
CREATE INDEX actions_unit_closed ON actions(lead_unit_id, closed_on, issued_at, due_at) WHERE state = '办结';
CREATE INDEX actions_unit_due ON actions(lead_unit_id, due_at, state, closed_on);
CREATE INDEX feedback_returned ON action_feedback(date, action_id) WHERE kind = '退回';
CREATE INDEX extensions_approved ON action_extensions(decided_on, action_id) WHERE status = '已批准';
