// The stored proposal for the risks merely due for review — the bulk of an active register, which
// db/agendaGenerate.ts decides set-wise in SQL — next to one risk with another reason (decided in
// JS), on a hand-made register. Expected by hand from the definitions: reasons (shared/agendaReasons.ts),
// score and order (shared/agendaRank.ts, default weights: level 10/step, 4 per reason, 0.5 per day
// late ≤ 60), minutes per level (重大 8, 较大 5, 一般 3, 低 2, 未定级 2), the consent rule, and the last
// assessment's values a consent confirmation keeps.
import { describe, expect, it } from 'vitest';
import type { MeetingRow } from '../../shared/meetings.js';
import type { RiskRow } from '../../shared/risks.js';
import type { ActionRow } from '../../shared/actionItems.js';
import type { ProposalPage } from '../../shared/agendaProposal.js';
import type { Dispatch } from '../../electron/api/dispatcher.js';
import { ok, tempCore } from './helpers.js';

const MEETING = '2026-11-30'; // the test clock's today is 2026-11-25

/** A risk of `people` persons assessed on 2026-10-01 with likelihood × impact, next review `next`. */
async function risk(dispatch: Dispatch, title: string, likelihood: number, impact: number, next: string, o: { people?: number; before?: (id: number) => Promise<unknown> } = {}): Promise<RiskRow> {
  const r = await ok<RiskRow>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title, involvedCount: o.people ?? 20, firstFound: '2026-09-01' });
  await o.before?.(r.id);
  await ok(dispatch, 'assessments.record', { riskId: r.id, likelihood, impact, assessedOn: '2026-10-01', nextReview: next });
  return r;
}
/** A 网上舆情 苗头 event: no grading rule for it under the default rule set, only "something happened". */
const event = (dispatch: Dispatch, riskId: number, occurredOn: string) =>
  ok<{ id: number; version: number }>(dispatch, 'events.create', { riskId, kind: '网上舆情', stage: '苗头', occurredOn, source: '网信办' });

describe('the stored proposal of risks merely due for review', () => {
  it('gives each its reason, score order, minutes, list and kept assessment, ranked together with the other reasons', async () => {
    const { dispatch, db } = tempCore();
    await ok(dispatch, 'meetings.create', { date: '2026-11-25' }); // the last meeting: no risk below is 新增
    const b = await risk(dispatch, '乙 较大 超期90天', 3, 4, '2026-09-01'); // 30 + 4 + 0.5 × 60 (capped) = 64, consent
    const a = await risk(dispatch, '甲 重大 当日到期', 5, 5, MEETING); // 40 + 4 = 44, consent
    const h = await risk(dispatch, '辛 一般 交办超期', 2, 3, '2026-11-27'); // 20 + 8 + 0.5 × max(3, 5) = 30.5, main
    const hAction = await ok<ActionRow>(dispatch, 'actions.create', { riskIds: [h.id], content: '督促化解', leadUnit: '城关区住建局', issuedAt: '2026-11-01', dueAt: '2026-11-20' });
    // Same score 20 + 4 + 0.5 × 10 = 29: the code decides. 丙's event happened before the assessment but
    // was recorded after it (new to the meeting: main); 丁's was recorded before it, and its later one deleted (consent).
    const c = await risk(dispatch, '丙 一般 新录入动态', 2, 3, '2026-11-20');
    await event(dispatch, c.id, '2026-09-15');
    const d = await risk(dispatch, '丁 一般 旧动态', 2, 3, '2026-11-20', { before: (id) => event(dispatch, id, '2026-09-15') });
    const gone = await event(dispatch, d.id, '2026-11-10');
    await ok(dispatch, 'events.delete', { id: gone.id, version: gone.version });
    // 壬 and 庚 score 20 + 4 + 1.5 = 25.5. 壬 (first in the register) is graded 一般 as last time: consent.
    // 庚 has 150 people now: graded 较大 for the meeting, not its last 一般 (main).
    const r = await risk(dispatch, '壬 一般 平稳', 2, 3, '2026-11-27');
    const g = await risk(dispatch, '庚 人数增至150', 2, 3, '2026-11-27');
    await ok(dispatch, 'risks.update', { id: g.id, version: (await ok<RiskRow>(dispatch, 'risks.get', { id: g.id })).version, patch: { involvedCount: 150 } });
    const e = await risk(dispatch, '戊 低', 1, 2, '2026-11-27', { people: 3 }); // 10 + 4 + 1.5 = 15.5, consent
    // Never assessed, a review date all the same (fixture: imported registers carry one): 0 + 4 + 0.5 = 4.5, main.
    const f = await ok<RiskRow>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '己 未定级', involvedCount: 3, firstFound: '2026-09-01' });
    db.prepare("UPDATE risks SET next_review = '2026-11-29' WHERE id = ?").run(f.id);
    await risk(dispatch, '未到期', 2, 3, '2026-12-20');
    const m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: MEETING });

    await ok(dispatch, 'agenda.generate', { meetingId: m.id, asOf: '2026-11-25' });
    const page = async (list: 'all' | 'main' | 'consent') => ok<ProposalPage>(dispatch, 'agenda.proposal', { meetingId: m.id, list, pageSize: 100 });
    const all = await page('all');
    const due = (on: string, late?: number) => `dueForReview: 应于${on}研判${late ? `，已过期${late}天` : ''}`;
    const row = (r: RiskRow, rank: number, level: number | null, minutes: number, reasons: string[]) => ({ rank, code: r.code, level, minutes, reasons });
    expect(all.rows.map((x) => ({ rank: x.rank, code: x.code, level: x.level, minutes: x.minutes, reasons: x.reasons.map((y) => `${y.kind}: ${y.detail}`) }))).toEqual([
      row(b, 1, 2, 5, [due('2026-09-01', 90)]),
      row(a, 2, 1, 8, [due(MEETING)]),
      row(h, 3, 3, 3, [`actionOverdue: 交办${hAction.code}已超期（时限2026-11-20）`, due('2026-11-27', 3)]),
      row(c, 4, 3, 3, [due('2026-11-20', 10)]),
      row(d, 5, 3, 3, [due('2026-11-20', 10)]),
      row(r, 6, 3, 3, [due('2026-11-27', 3)]),
      row(g, 7, 3, 3, [due('2026-11-27', 3)]),
      row(e, 8, 4, 2, [due('2026-11-27', 3)]),
      row(f, 9, null, 2, [due('2026-11-29', 1)]),
    ]);
    expect((await page('consent')).rows.map((x) => x.code)).toEqual([b.code, a.code, d.code, r.code, e.code]);
    expect((await page('main')).rows.map((x) => x.code)).toEqual([h.code, c.code, g.code, f.code]);
    expect(all.summary).toMatchObject({ all: 9, main: 4, consent: 5, consentPending: 5 });
    // What a consent confirmation keeps: the last assessment's likelihood, impact and level.
    const kept = db.prepare('SELECT risk_id, score, last_likelihood, last_impact, last_level FROM agenda_proposals WHERE meeting_id = ? ORDER BY rank').raw().all(m.id);
    expect(kept).toEqual([
      [b.id, 64, 3, 4, 2], [a.id, 44, 5, 5, 1], [h.id, 30.5, 2, 3, 3], [c.id, 29, 2, 3, 3],
      [d.id, 29, 2, 3, 3], [r.id, 25.5, 2, 3, 3], [g.id, 25.5, 2, 3, 3], [e.id, 15.5, 1, 2, 4], [f.id, 4.5, null, null, null],
    ]);
  });
});
