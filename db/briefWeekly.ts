// The 专报's measures, one query each (definitions in docs/briefs.md; tests/unit/briefs-counts.test.ts
// recomputes every one with its own SQL): 在册 by domain × level, the period's moves from the weekly
// snapshot, the meeting's decided risks, the top key risks, the sensitive periods ahead.
import type { Db } from './open.js';
import { tallyRisks } from './statsMeasures.js';
import { DEFAULT_STATS_DEFINITIONS } from '../shared/stats.js';
import { whereClause, rowsByIds } from './risk-list.js';
import { CLOSED_STATUSES_SQL } from '../shared/risks.js';
import { LEVELS } from '../shared/labels.js';
import { addDays, daysBetween, weekStart } from '../shared/dates.js';
import type { RiskListInput } from '../shared/risks.js';
import type { BriefCounts, DecidedRisk, KeyRisk, LevelDomainTable } from '../shared/briefs/weekly.js';
import type { BriefRisk } from '../shared/briefs/register.js';

type DbRow = Record<string, unknown>;
const ACTIVE = `r.status NOT IN ${CLOSED_STATUSES_SQL}`;

/** 在册 (not deleted, not closed) by domain and level: the one query behind 在册, its levels and 表1. */
export function activeByDomainLevel(db: Db, filter: RiskListInput, domains: string[]): { table: LevelDomainTable; active: number; byLevel: number[]; unleveled: number } {
  const w = whereClause(db, filter);
  const rows = db
    .prepare(`SELECT d.name AS domain, r.level AS level, COUNT(*) AS n FROM risks r JOIN domains d ON d.id = r.domain_id WHERE ${w.sql} AND ${ACTIVE} GROUP BY d.name, r.level`)
    .all(...w.params) as Array<{ domain: string; level: number | null; n: number }>;
  const order = [...domains, ...[...new Set(rows.map((r) => r.domain))].filter((d) => !domains.includes(d)).sort()];
  const per = new Map<string, number[]>();
  let unleveled = 0;
  for (const r of rows) {
    if (r.level === null) {
      unleveled += r.n;
      continue;
    }
    const row = per.get(r.domain) ?? LEVELS.map(() => 0);
    row[r.level - 1] += r.n;
    per.set(r.domain, row);
  }
  const shown = order.filter((d) => per.has(d));
  const byLevel = LEVELS.map((_, i) => shown.reduce((a, d) => a + per.get(d)![i], 0));
  return { table: { domains: shown, counts: shown.map((d) => per.get(d)!) }, active: byLevel.reduce((a, n) => a + n, 0) + unleveled, byLevel, unleveled };
}

/**
 * 新增/升级/降级/销号 of the period, exact to the day: the 统计 area's measures (db/statsMeasures.ts,
 * definitions in shared/stats.ts), one definition for both, narrowed by the brief's register filter.
 */
export function periodMoves(db: Db, filter: RiskListInput, from: string, to: string): Pick<BriefCounts, 'fresh' | 'rose' | 'fell' | 'closed'> {
  const w = whereClause(db, filter);
  const n = (m: 'entered' | 'raised' | 'lowered' | 'closed') => tallyRisks(db, m, DEFAULT_STATS_DEFINITIONS, { from, to }, w).total;
  return { fresh: n('entered'), rose: n('raised'), fell: n('lowered'), closed: n('closed') };
}

export function briefCounts(db: Db, filter: RiskListInput, domains: string[], from: string, to: string): { counts: BriefCounts; table: LevelDomainTable } {
  const a = activeByDomainLevel(db, filter, domains);
  return { counts: { active: a.active, byLevel: a.byLevel, unleveled: a.unleveled, ...periodMoves(db, filter, from, to) }, table: a.table };
}

function toBriefRisk(r: ReturnType<typeof rowsByIds>[number]): BriefRisk {
  return {
    code: r.code,
    region: r.region,
    domain: r.domain,
    title: r.title,
    summary: r.summary,
    involvedText: r.involvedText,
    involvedCount: r.involvedCount,
    involvedUnit: r.involvedUnit,
    level: r.level,
    levelBasis: r.levelBasis,
    trend: r.trend,
    leadUnit: r.leadUnit,
    packageLeader: r.packageLeader,
    packageLeaderTitle: r.packageLeaderTitle,
    deadline: r.deadline,
    deadlineNote: r.deadlineNote,
    status: r.status,
    firstFound: r.firstFound,
    controlMeasures: r.controlMeasures,
    progress: r.progress,
  };
}

/**
 * 重点风险: active 重大/较大 risks ordered by level, then this period's move (升级, 新增, 降级, 未变),
 * then an overdue 化解时限 first, then code; the first `limit` and how many there are.
 */
export function topKeyRisks(db: Db, filter: RiskListInput, to: string, asOf: string, limit: number): { rows: KeyRisk[]; total: number } {
  const w = whereClause(db, filter);
  const where = `${w.sql} AND ${ACTIVE} AND r.level IN (1, 2)`;
  const total = db.prepare(`SELECT COUNT(*) FROM risks r WHERE ${where}`).pluck().get(...w.params) as number;
  const picked = db
    .prepare(
      `SELECT r.id, k.kind, k.prev_level FROM risks r LEFT JOIN risk_weeks k ON k.risk_id = r.id AND k.week = ?
       WHERE ${where}
       ORDER BY r.level, CASE k.kind WHEN 'rose' THEN 0 WHEN 'appeared' THEN 1 WHEN 'fell' THEN 2 ELSE 3 END,
         (r.deadline IS NOT NULL AND r.deadline < ?) DESC, r.code LIMIT ?`,
    )
    .all(weekStart(to), ...w.params, asOf, limit) as Array<{ id: number; kind: string | null; prev_level: number | null }>;
  const rows = rowsByIds(db, picked.map((p) => p.id));
  return {
    total,
    rows: rows.map((r, i) => ({
      ...toBriefRisk(r),
      move: picked[i].kind ?? 'same',
      prevLevel: picked[i].prev_level || null,
      overdueDays: r.deadline && r.deadline < asOf ? daysBetween(r.deadline, asOf) : null,
    })),
  };
}

/** Every active 重大/较大 risk for the 附件 (by level, code). */
export function appendixRisks(db: Db, filter: RiskListInput): BriefRisk[] {
  const w = whereClause(db, filter);
  const ids = db.prepare(`SELECT r.id FROM risks r WHERE ${w.sql} AND ${ACTIVE} AND r.level IN (1, 2) ORDER BY r.level, r.code LIMIT 5000`).pluck().all(...w.params) as number[];
  return rowsByIds(db, ids).map(toBriefRisk);
}

/**
 * The risks a meeting decided: every assessment of the meeting, plus agenda items discussed (已议)
 * without one (their level stands). The level before is the risk's previous assessment.
 * `words` maps a risk code to the decision's words (the signed 纪要 line, when there is one).
 */
export function decidedRisks(db: Db, meetingId: number, words: Map<string, string>): DecidedRisk[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.code, r.title, g.name AS region, d.name AS domain, r.involved_text, r.involved_count, r.involved_unit, r.level AS cur_level,
         a.final_level, a.computed_level, COALESCE(a.override_reason, '') AS override_reason, COALESCE(a.analysis, '') AS analysis,
         (SELECT p.final_level FROM assessments p WHERE p.risk_id = r.id AND a.id IS NOT NULL
            AND (p.assessed_on < a.assessed_on OR (p.assessed_on = a.assessed_on AND p.id < a.id)) ORDER BY p.assessed_on DESC, p.id DESC LIMIT 1) AS prev_level,
         ai.position, ai.status AS agenda_status
       FROM risks r JOIN regions g ON g.id = r.region_id JOIN domains d ON d.id = r.domain_id
       LEFT JOIN assessments a ON a.risk_id = r.id AND a.meeting_id = ?
       LEFT JOIN agenda_items ai ON ai.risk_id = r.id AND ai.meeting_id = ?
       WHERE a.id IS NOT NULL OR ai.status = '已议'
       ORDER BY ai.position IS NULL, ai.position, COALESCE(a.final_level, r.level), r.code`,
    )
    .all(meetingId, meetingId) as DbRow[];
  return rows.map((r) => {
    const assessed = r.final_level !== null;
    const level = (assessed ? r.final_level : r.cur_level) as number;
    return {
      code: r.code as string,
      title: r.title as string,
      region: r.region as string,
      domain: r.domain as string,
      involvedText: r.involved_text as string,
      involvedCount: r.involved_count as number | null,
      involvedUnit: r.involved_unit as string,
      prevLevel: assessed ? ((r.prev_level as number | null) ?? null) : level,
      finalLevel: level,
      ruleLevel: assessed ? ((r.computed_level as number | null) ?? null) : null,
      overrideReason: assessed ? (r.override_reason as string) : '',
      onAgenda: r.agenda_status === '已议',
      decision: words.get(r.code as string) ?? (r.analysis as string),
    };
  });
}

/** Sensitive periods that have not ended and start within 30 days of the brief's day. */
export function sensitiveAhead(db: Db, asOf: string): { name: string; start: string; end: string }[] {
  return db
    .prepare('SELECT name, start_date AS start, end_date AS end FROM sensitive_periods WHERE end_date >= ? AND start_date <= ? ORDER BY start_date, id LIMIT 3')
    .all(asOf, addDays(asOf, 30)) as { name: string; start: string; end: string }[];
}

/** The next meeting after the brief's day (any state but one already held). */
export function nextMeetingDate(db: Db, after: string): string | undefined {
  return (db.prepare('SELECT date FROM meetings WHERE date > ? ORDER BY date, id LIMIT 1').pluck().get(after) as string | undefined) ?? undefined;
}

/** Without a chosen meeting: the latest held meeting dated in the period or on the Monday after it. */
export function meetingOfPeriod(db: Db, from: string, to: string): number | null {
  return (
    (db
      .prepare("SELECT id FROM meetings WHERE date BETWEEN ? AND ? AND state IN ('已召开','纪要拟稿','已签发','已归档') ORDER BY date DESC, id DESC LIMIT 1")
      .pluck()
      .get(from, addDays(to, 1)) as number | undefined) ?? null
  );
}
