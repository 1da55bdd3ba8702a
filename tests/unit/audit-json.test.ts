// The bulk paths build audit after-images in SQL (RISK_JSON_SQL, ASSESSMENT_JSON_SQL); the hand
// edits build them in JS (rowToRisk, toAssessment). Both must write the same object, key for key.
import { describe, expect, it } from 'vitest';
import { RISK_JSON_SQL, RISK_SELECT, rowToRisk } from '../../db/risks.js';
import { ASSESSMENT_JSON_SQL, toAssessment } from '../../db/assessments.js';
import { ok, tempCore } from './helpers.js';

describe('after-images built by SQLite', () => {
  it('equal rowToRisk and toAssessment on every risk and assessment of a demo register, keys in the same order', async () => {
    const { db, dispatch } = tempCore();
    await ok(dispatch, 'demo.load', { risks: 150, seed: 11, asOf: '2026-11-23' });
    // Values the mapping treats specially: a deleted risk, a fractional amount, booleans both ways, lists.
    db.prepare("UPDATE risks SET deleted_at = '2026-11-24T01:00:00.000Z', deleted_reason = '重复登记', amount_wan = 0.1 + 0.2 WHERE id = 1").run();
    db.prepare("UPDATE risks SET extreme_risk = 1, co_units = '[\"区住建局\",\"区信访局\"]' WHERE id = 2").run();
    db.prepare('UPDATE risks SET level = NULL, likelihood = NULL, impact = NULL, trend = NULL, deadline = NULL, first_found = NULL WHERE id = 3').run();

    const risks = db.prepare(`${RISK_SELECT.replace('SELECT r.*', `SELECT ${RISK_JSON_SQL} AS j, r.*`)} ORDER BY r.id`).all() as Array<Record<string, unknown>>;
    expect(risks.length).toBe(150);
    for (const row of risks) {
      const sql = JSON.parse(row.j as string);
      const js = rowToRisk(row);
      expect(sql, String(row.code)).toEqual(js);
      expect(Object.keys(sql)).toEqual(Object.keys(js));
    }
    const mapped = risks.map(rowToRisk);
    expect(mapped.some((r) => r.extremeRisk) && mapped.some((r) => !r.extremeRisk)).toBe(true);
    expect(mapped.some((r) => r.deletedAt) && mapped.some((r) => r.coUnits.length > 0) && mapped.some((r) => r.amountWan !== null)).toBe(true);
    expect(mapped.some((r) => r.level === null) && mapped.some((r) => r.deadline === null)).toBe(true);

    const assessments = db.prepare(`SELECT ${ASSESSMENT_JSON_SQL} AS j, a.* FROM assessments a ORDER BY a.id`).all() as Array<Record<string, unknown>>;
    expect(assessments.length).toBeGreaterThan(150);
    for (const row of assessments) {
      const sql = JSON.parse(row.j as string);
      expect(sql, `assessment ${String(row.id)}`).toEqual(toAssessment(row));
      expect(Object.keys(sql)).toEqual(Object.keys(toAssessment(row)));
    }
    const mappedA = assessments.map(toAssessment);
    expect(mappedA.some((a) => a.reportUp) && mappedA.some((a) => a.meetingId !== null) && mappedA.some((a) => a.escalationPeriod !== null)).toBe(true);
  });
});
