// One risk as the register reads it: the SELECT with region and domain names, the row → RiskRow
// mapping (and the same mapping written as SQL for bulk audit rows), and lookups by id and code.
// Read-only and imported by every module that needs a risk (assessments, events, the list), so
// none of them has to import the write side in ./risks.ts, which imports them.
import type { Db } from './open.js';
import { AppError } from '../shared/errors.js';
import type { RiskRow } from '../shared/risks.js';

/** The risks with their region and domain names (aliases r, g, d). */
export const RISK_FROM = 'FROM risks r JOIN regions g ON g.id = r.region_id JOIN domains d ON d.id = r.domain_id';
export const RISK_SELECT = `SELECT r.*, g.name AS region_name, d.name AS domain_name ${RISK_FROM}`;

type DbRow = Record<string, unknown>;

export function rowToRisk(r: DbRow): RiskRow {
  return {
    id: r.id as number,
    code: r.code as string,
    regionId: r.region_id as number,
    region: r.region_name as string,
    domainId: r.domain_id as number,
    domain: r.domain_name as string,
    subCategory: r.sub_category as string,
    title: r.title as string,
    summary: r.summary as string,
    source: (r.source as string | null) ?? null,
    firstFound: (r.first_found as string | null) ?? null,
    involvedCount: (r.involved_count as number | null) ?? null,
    involvedUnit: r.involved_unit as string,
    involvedText: r.involved_text as string,
    amountWan: (r.amount_wan as number | null) ?? null,
    mainDemands: r.main_demands as string,
    opinionRisk: r.opinion_risk as string,
    extremeRisk: r.extreme_risk === 1,
    likelihood: (r.likelihood as number | null) ?? null,
    impact: (r.impact as number | null) ?? null,
    level: (r.level as number | null) ?? null,
    levelBasis: r.level_basis as string,
    trend: (r.trend as string | null) ?? null,
    nextReview: (r.next_review as string | null) ?? null,
    controlMeasures: r.control_measures as string,
    resolutionMeasures: r.resolution_measures as string,
    leadUnit: r.lead_unit as string,
    coUnits: JSON.parse(r.co_units as string) as string[],
    responsiblePerson: r.responsible_person as string,
    packageLeader: r.package_leader as string,
    packageLeaderTitle: r.package_leader_title as string,
    taskForce: r.task_force as string,
    deadline: (r.deadline as string | null) ?? null,
    deadlineNote: r.deadline_note as string,
    progress: r.progress as string,
    status: r.status as string,
    deletedAt: (r.deleted_at as string | null) ?? null,
    deletedReason: (r.deleted_reason as string | null) ?? null,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    version: r.version as number,
  };
}

/**
 * rowToRisk written as SQL: the same object, key for key, built by SQLite over `RISK_SELECT`'s aliases
 * (r, g, d). Bulk creates audit 10,000 rows with one INSERT … SELECT instead of 10,000 JSON.stringify
 * calls and inserts from JS. A test holds it equal to rowToRisk on every risk of the demo register.
 */
export const RISK_JSON_SQL = `json_object(
  'id', r.id, 'code', r.code, 'regionId', r.region_id, 'region', g.name, 'domainId', r.domain_id, 'domain', d.name,
  'subCategory', r.sub_category, 'title', r.title, 'summary', r.summary, 'source', r.source, 'firstFound', r.first_found,
  'involvedCount', r.involved_count, 'involvedUnit', r.involved_unit, 'involvedText', r.involved_text, 'amountWan', r.amount_wan,
  'mainDemands', r.main_demands, 'opinionRisk', r.opinion_risk, 'extremeRisk', json(CASE r.extreme_risk WHEN 1 THEN 'true' ELSE 'false' END),
  'likelihood', r.likelihood, 'impact', r.impact, 'level', r.level, 'levelBasis', r.level_basis, 'trend', r.trend, 'nextReview', r.next_review,
  'controlMeasures', r.control_measures, 'resolutionMeasures', r.resolution_measures, 'leadUnit', r.lead_unit, 'coUnits', json(r.co_units),
  'responsiblePerson', r.responsible_person, 'packageLeader', r.package_leader, 'packageLeaderTitle', r.package_leader_title,
  'taskForce', r.task_force, 'deadline', r.deadline, 'deadlineNote', r.deadline_note, 'progress', r.progress, 'status', r.status,
  'deletedAt', r.deleted_at, 'deletedReason', r.deleted_reason, 'createdAt', r.created_at, 'updatedAt', r.updated_at, 'version', r.version)`;

export function getRisk(db: Db, id: number): RiskRow {
  const r = db.prepare(`${RISK_SELECT} WHERE r.id = ?`).get(id) as DbRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到序号为 ${id} 的风险事项，可能已被彻底删除。请刷新列表。`);
  return rowToRisk(r);
}

export function findRiskByCode(db: Db, code: string): RiskRow | undefined {
  const r = db.prepare(`${RISK_SELECT} WHERE r.code = ?`).get(code) as DbRow | undefined;
  return r ? rowToRisk(r) : undefined;
}
