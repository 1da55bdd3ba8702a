// Assessments (研判记录): recording one grades the risk with the rule set in force, stores the
// whole decision, refreshes the risk's cached level/trend/next review, and the weekly snapshot.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { getRisk } from './risk-row.js';
import { listEvents } from './events.js';
import { listPeriods } from './periods.js';
import { currentRuleSet } from './rulesets.js';
import { syncRiskWeeks } from './weeks.js';
import { getMeeting } from './meetings.js';
import { meetingDisplayName } from '../shared/meetings.js';
import { AppError } from '../shared/errors.js';
import { shanghaiDate, weekStart } from '../shared/dates.js';
import { activePeriod, escalationTrigger, grade, GradingError, matrixLevel, nextReviewDate, ruleLevel, type Grade, type GradingEvent, type PeriodLike, type RiskFacts, type RuleSetConfig } from '../shared/grading.js';
import { levelName, type LevelValue } from '../shared/labels.js';
import type { Assessment, AssessmentInput } from '../shared/assessments.js';
import type { RiskRow } from '../shared/risks.js';

type Row = Record<string, unknown>;
export const toAssessment = (r: Row): Assessment => ({
  id: r.id as number,
  riskId: r.risk_id as number,
  meetingId: (r.meeting_id as number | null) ?? null,
  kind: r.kind as string,
  assessedOn: r.assessed_on as string,
  likelihood: (r.likelihood as number | null) ?? null,
  impact: (r.impact as number | null) ?? null,
  score: (r.score as number | null) ?? null,
  matrixLevel: (r.matrix_level as number | null) ?? null,
  ruleLevel: (r.rule_level as number | null) ?? null,
  computedLevel: (r.computed_level as number | null) ?? null,
  finalLevel: r.final_level as number,
  overrideReason: (r.override_reason as string | null) ?? null,
  escalationPeriod: (r.escalation_period as string | null) ?? null,
  escalationBasis: (r.escalation_basis as string | null) ?? null,
  basis: r.basis as string,
  ruleSetVersion: r.rule_set_version as number,
  trend: (r.trend as string | null) ?? null,
  analysis: r.analysis as string,
  countermeasures: r.countermeasures as string,
  reportUp: r.report_up === 1,
  nextReview: (r.next_review as string | null) ?? null,
  createdAt: r.created_at as string,
  createdBy: r.created_by as string,
});

/** toAssessment written as SQL over the alias a (see RISK_JSON_SQL for why); a test holds the two equal. */
export const ASSESSMENT_JSON_SQL = `json_object(
  'id', a.id, 'riskId', a.risk_id, 'meetingId', a.meeting_id, 'kind', a.kind, 'assessedOn', a.assessed_on,
  'likelihood', a.likelihood, 'impact', a.impact, 'score', a.score, 'matrixLevel', a.matrix_level, 'ruleLevel', a.rule_level,
  'computedLevel', a.computed_level, 'finalLevel', a.final_level, 'overrideReason', a.override_reason,
  'escalationPeriod', a.escalation_period, 'escalationBasis', a.escalation_basis, 'basis', a.basis, 'ruleSetVersion', a.rule_set_version,
  'trend', a.trend, 'analysis', a.analysis, 'countermeasures', a.countermeasures, 'reportUp', json(CASE a.report_up WHEN 1 THEN 'true' ELSE 'false' END),
  'nextReview', a.next_review, 'createdAt', a.created_at, 'createdBy', a.created_by)`;

export function listAssessments(db: Db, riskId: number): Assessment[] {
  getRisk(db, riskId);
  return (db.prepare('SELECT * FROM assessments WHERE risk_id = ? ORDER BY assessed_on DESC, id DESC').all(riskId) as Row[]).map(toAssessment);
}

function latestAssessment(db: Db, riskId: number): Assessment | undefined {
  const r = db.prepare('SELECT * FROM assessments WHERE risk_id = ? ORDER BY assessed_on DESC, id DESC LIMIT 1').get(riskId) as Row | undefined;
  return r ? toAssessment(r) : undefined;
}

/** Grades without saving (the form shows the levels and basis live). */
export function previewGrade(db: Db, ctx: WriteContext, input: AssessmentInput): Grade & { ruleSetVersion: number; nextReview: string } {
  const risk = getRisk(db, input.riskId);
  const asOf = input.assessedOn ?? shanghaiDate(ctx.now());
  const rs = currentRuleSet(db);
  const g = gradeRisk(db, risk, input, asOf, rs.config);
  return { ...g, ruleSetVersion: rs.version, nextReview: nextReviewDate(asOf, g.finalLevel, rs.config) };
}

function gradeRisk(db: Db, risk: RiskRow, input: AssessmentInput, asOf: string, rules: ReturnType<typeof currentRuleSet>['config']): Grade {
  try {
    return grade({
      likelihood: input.likelihood,
      impact: input.impact,
      facts: risk,
      events: listEvents(db, risk.id),
      periods: listPeriods(db),
      asOf,
      rules,
      overrideLevel: input.finalLevel ?? null,
      overrideReason: input.overrideReason ?? null,
    });
  } catch (e) {
    if (e instanceof GradingError) throw new AppError('INVALID_INPUT', e.message);
    throw e;
  }
}

const TREND_OF = (prev: number | undefined, cur: number) => (prev === undefined || prev === cur ? '平稳' : cur < prev ? '升温' : '降温');

export function recordAssessment(db: Db, ctx: WriteContext, input: AssessmentInput): Assessment {
  const risk = getRisk(db, input.riskId);
  if (risk.deletedAt) throw new AppError('CONFLICT', `「${risk.title}」已删除，不能研判。如需研判，请先恢复。`);
  const today = shanghaiDate(ctx.now());
  const asOf = input.assessedOn ?? today;
  if (asOf > today) throw new AppError('INVALID_INPUT', `「研判日期」${asOf} 晚于今天（${today}），请填写已召开研判的日期。`);
  if (input.meetingId) {
    // A signed meeting's record is closed: its minutes were issued on these assessments.
    const m = getMeeting(db, input.meetingId);
    if (m.locked) throw new AppError('CONFLICT', `${meetingDisplayName(m)}纪要已签发锁定，不能再补记研判。如需更正，请先撤回签发（重新打开会议）。`);
  }
  if (input.meetingId && db.prepare('SELECT 1 FROM assessments WHERE risk_id = ? AND meeting_id = ?').get(risk.id, input.meetingId)) {
    throw new AppError('CONFLICT', `「${risk.title}」在这次研判会上已有研判记录，一次会议对一个事项只记一条。`);
  }
  const rs = currentRuleSet(db);
  const g = gradeRisk(db, risk, input, asOf, rs.config);
  const prev = latestAssessment(db, risk.id);
  const row = {
    risk_id: risk.id,
    meeting_id: input.meetingId ?? null,
    assessed_on: asOf,
    likelihood: input.likelihood,
    impact: input.impact,
    score: g.score,
    matrix_level: g.matrixLevel,
    rule_level: g.ruleLevel,
    computed_level: g.computedLevel,
    final_level: g.finalLevel,
    override_reason: g.overrideReason,
    escalation_period: g.escalation?.period ?? null,
    escalation_basis: g.escalation?.basis ?? null,
    basis: g.basis,
    rule_set_version: rs.version,
    trend: input.trend ?? TREND_OF(prev?.finalLevel, g.finalLevel),
    analysis: input.analysis ?? '',
    countermeasures: input.countermeasures ?? '',
    report_up: input.reportUp ? 1 : 0,
    next_review: input.nextReview ?? nextReviewDate(asOf, g.finalLevel, rs.config),
    created_at: ctx.now(),
    created_by: ctx.actor,
  };
  const created = insertAssessment(db, row);
  writeAudit(db, ctx, 'create', 'assessment', created.id, null, created);
  // Recording the meeting's decision on an agenda item means the item was discussed (so the
  // minutes list it and the next agenda does not carry it over).
  if (input.meetingId) db.prepare("UPDATE agenda_items SET status = '已议' WHERE meeting_id = ? AND risk_id = ? AND status <> '已议'").run(input.meetingId, risk.id);
  refreshRiskCache(db, ctx, risk.id);
  syncRiskWeeks(db, risk.id, weekStart(asOf), weekStart(today));
  return created;
}

export function insertAssessment(db: Db, row: Record<string, unknown>): Assessment {
  const cols = Object.keys(row);
  const info = db.prepare(`INSERT INTO assessments (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(row);
  return toAssessment(db.prepare('SELECT * FROM assessments WHERE id = ?').get(Number(info.lastInsertRowid)) as Row);
}

/** The risk's level, basis, trend and next review are a cache of its latest assessment. */
export function refreshRiskCache(db: Db, ctx: WriteContext, riskId: number): void {
  const a = latestAssessment(db, riskId);
  if (!a) return;
  const before = getRisk(db, riskId);
  // risks.likelihood/impact keep 0001's CHECK 1–5; a 6×6 grid's 6 lives only in the assessment.
  const fit = (v: number | null) => (v !== null && v <= 5 ? v : null);
  const next = { level: a.finalLevel, levelBasis: a.basis, likelihood: fit(a.likelihood), impact: fit(a.impact), trend: a.trend, nextReview: a.nextReview };
  const cur = { level: before.level, levelBasis: before.levelBasis, likelihood: before.likelihood, impact: before.impact, trend: before.trend, nextReview: before.nextReview };
  const keys = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== cur[k]);
  if (keys.length === 0) return;
  db.prepare('UPDATE risks SET level = ?, level_basis = ?, likelihood = ?, impact = ?, trend = ?, next_review = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(
    next.level, next.levelBasis, next.likelihood, next.impact, next.trend, next.nextReview, ctx.now(), riskId,
  );
  writeAudit(db, ctx, 'assess', 'risk', riskId, Object.fromEntries(keys.map((k) => [k, cur[k]])), Object.fromEntries(keys.map((k) => [k, next[k]])));
}

/** What a 登记定级 reads of a risk (a stored RiskRow, or a bulk row with its defaults applied). */
export type RegistrationFacts = RiskFacts & Pick<RiskRow, 'id' | 'likelihood' | 'impact' | 'levelBasis' | 'trend'>;

/**
 * 登记定级: the level entered with a new risk (or imported) becomes its first assessment. The
 * computed levels are stored beside it; when the entered level differs, the reason says so.
 */
export function registrationRow(risk: RegistrationFacts, level: number | null, asOf: string, rs: { version: number; config: RuleSetConfig }, events: GradingEvent[], periods: PeriodLike[], createdAt: string, createdBy: string) {
  const hasMatrix = risk.likelihood !== null && risk.impact !== null && risk.likelihood <= rs.config.matrix.size && risk.impact <= rs.config.matrix.size;
  const m = hasMatrix ? matrixLevel(risk.likelihood!, risk.impact!, rs.config) : null;
  const r = ruleLevel(risk, events, asOf, rs.config);
  let computed = (m ? Math.min(m.level, r.level) : r.level) as LevelValue;
  const period = activePeriod(periods, asOf, rs.config.escalationDaysBefore);
  const trigger = period ? escalationTrigger(events, asOf, rs.config) : null;
  const escalated = period && trigger ? (Math.max(1, computed - 1) as LevelValue) : computed;
  const escalationBasis = period && trigger ? `敏感节点「${period.name}」期间，${trigger} → 上调一级：${levelName(computed)} → ${levelName(escalated)}` : null;
  computed = escalated;
  const final = level ?? computed;
  const lines = [...(m ? [`矩阵定级：${m.basis}`] : []), ...r.lines.map((l) => `规则定级：${l.text}`), ...(escalationBasis ? [`节点上调：${escalationBasis}`] : [])];
  const override = final !== computed ? `登记定级：沿用登记时填报的等级（${levelName(final)}），计算等级为${levelName(computed)}` : null;
  lines.push(override ? `研判等级：${levelName(final)}（${override}）` : `研判等级：${levelName(final)}`);
  // A basis entered with the level (by hand or in an imported sheet) is recorded as written, so an
  // exported register imports back unchanged; the computed levels stay in their own columns.
  const basis = risk.levelBasis ? risk.levelBasis : lines.join('\n');
  return {
    risk_id: risk.id,
    kind: '登记定级',
    assessed_on: asOf,
    likelihood: hasMatrix ? risk.likelihood : null,
    impact: hasMatrix ? risk.impact : null,
    score: hasMatrix ? risk.likelihood! * risk.impact! : null,
    matrix_level: m?.level ?? null,
    rule_level: r.level,
    computed_level: computed,
    final_level: final,
    override_reason: override,
    escalation_period: period && trigger ? period.name : null,
    escalation_basis: escalationBasis,
    basis,
    rule_set_version: rs.version,
    trend: risk.trend ?? '平稳',
    analysis: '',
    countermeasures: '',
    report_up: 0,
    next_review: nextReviewDate(asOf, final, rs.config),
    created_at: createdAt,
    created_by: createdBy,
  };
}

export function recordRegistrationGrade(db: Db, ctx: WriteContext, risk: RiskRow, level: number | null, asOf: string): RiskRow {
  const row = registrationRow(risk, level, asOf, currentRuleSet(db), listEvents(db, risk.id), listPeriods(db), ctx.now(), ctx.actor);
  const created = insertAssessment(db, row);
  writeAudit(db, ctx, 'create', 'assessment', created.id, null, created);
  refreshRiskCache(db, ctx, risk.id);
  return getRisk(db, risk.id);
}
