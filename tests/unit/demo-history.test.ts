// The demo's year of meetings and actions: every view has content on first run.
import { describe, expect, it } from 'vitest';
import { ACTION_STATES, SUPERVISION_LEVELS } from '../../shared/actions.js';
import type { ActionRow } from '../../shared/actionItems.js';
import type { MeetingRow } from '../../shared/meetings.js';
import { ok, tempCore } from './helpers.js';

describe('demo history', () => {
  it('creates a year of weekly meetings, 专题会, and actions in every state and at every supervision level', async () => {
    const { dispatch, db } = tempCore();
    const asOf = '2026-11-25';
    await ok(dispatch, 'demo.load', { risks: 120, seed: 7, asOf });
    const meetings = await ok<MeetingRow[]>(dispatch, 'meetings.list', { limit: 500 });
    const weekly = meetings.filter((m) => m.type === '周例会');
    expect(weekly.length).toBeGreaterThanOrEqual(45);
    expect(meetings.some((m) => m.type === '专题会' && m.sensitivePeriod)).toBe(true);
    expect(meetings.find((m) => m.date > asOf)).toMatchObject({ state: '筹备', date: '2026-11-30' });
    // Session numbers restart each year and have no gaps.
    for (const y of new Set(meetings.map((m) => m.year))) {
      const nos = meetings.filter((m) => m.year === y).map((m) => m.sessionNo).sort((a, b) => a - b);
      expect(nos).toEqual(nos.map((_, i) => i + 1));
    }
    const { rows } = await ok<{ rows: ActionRow[] }>(dispatch, 'actions.list', { asOf, limit: 5000 });
    for (const s of ACTION_STATES) expect(rows.some((a) => a.state === s), s).toBe(true);
    for (const l of SUPERVISION_LEVELS) expect(rows.some((a) => a.due.level === l), l).toBe(true);
    // Every action was issued by a meeting held on its issue date.
    const byId = new Map(meetings.map((m) => [m.id, m]));
    for (const a of rows) expect(byId.get(a.meetingId!)?.date).toBe(a.issuedAt);
    // Assessments dated on a 周例会 day belong to that meeting, one per risk per meeting.
    const all = db.prepare("SELECT id, risk_id, assessed_on, kind, meeting_id FROM assessments ORDER BY id").all() as Array<{ id: number; risk_id: number; assessed_on: string; kind: string; meeting_id: number | null }>;
    const weeklyOn = new Map(weekly.map((m) => [m.date, m.id]));
    const linked = all.filter((a) => a.meeting_id !== null);
    expect(linked.length).toBeGreaterThan(0);
    for (const a of linked) expect(weeklyOn.get(a.assessed_on)).toBe(a.meeting_id);
    for (const a of all) {
      if (a.kind === '研判' && weeklyOn.has(a.assessed_on) && !all.some((b) => b.kind === '研判' && b.risk_id === a.risk_id && b.assessed_on === a.assessed_on && b.id > a.id)) expect(a.meeting_id).toBe(weeklyOn.get(a.assessed_on));
    }
    // The same seed gives the same history.
    const again = tempCore();
    await ok(again.dispatch, 'demo.load', { risks: 120, seed: 7, asOf });
    const dump = (d: typeof db) => d.prepare('SELECT code, state, due_at, closed_on FROM actions ORDER BY id').all();
    expect(dump(again.db)).toEqual(dump(db));
  });
});
