// The stored proposal's content on a constructed register where every reason kind occurs, with the
// expected proposal worked out by hand: which risks, which reasons (kind and wording), which list
// (main or consent) and the rank order. Written before generating the proposal was made fast
// (issue 12 speed), so the faster path must give exactly this.
import { describe, expect, it } from 'vitest';
import type { MeetingRow } from '../../shared/meetings.js';
import type { RiskRow } from '../../shared/risks.js';
import type { ActionRow } from '../../shared/actionItems.js';
import type { ProposalPage } from '../../shared/agendaProposal.js';
import type { Dispatch } from '../../electron/api/dispatcher.js';
import { ok, tempCore } from './helpers.js';

const LAST = '2026-11-23'; // the meeting before
const MEETING = '2026-11-30'; // the meeting the proposal is for; the test clock's today is 2026-11-25
const NOT_DUE = '2026-12-20';

/** A risk assessed on `on` (default 2026-10-01, 2 × 3 = 一般 with 20 people), next review `next`. */
async function risk(dispatch: Dispatch, title: string, o: { next?: string; on?: string; likelihood?: number; impact?: number; status?: string; assess?: boolean } = {}): Promise<RiskRow> {
  const r = await ok<RiskRow>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title, involvedCount: 20, firstFound: '2026-09-01', ...(o.status ? { status: o.status } : {}) });
  if (o.assess !== false) await ok(dispatch, 'assessments.record', { riskId: r.id, likelihood: o.likelihood ?? 2, impact: o.impact ?? 3, assessedOn: o.on ?? '2026-10-01', nextReview: o.next ?? NOT_DUE });
  return r;
}

const action = (dispatch: Dispatch, riskId: number, dueAt: string, meetingId?: number) =>
  ok<ActionRow>(dispatch, 'actions.create', { riskIds: [riskId], content: '督促化解', leadUnit: '城关区住建局', issuedAt: '2026-11-01', dueAt, ...(meetingId ? { meetingId } : {}) });

describe('the stored proposal on a register with every reason kind', () => {
  it('proposes exactly the hand-worked risks, reasons, lists and rank order', async () => {
    const { dispatch, db } = tempCore();
    const last = await ok<MeetingRow>(dispatch, 'meetings.create', { date: LAST });
    // Scores by hand (default weights: level 10/step, 4 per reason, 0.5 per day late ≤ 60, 20 × nearness).
    const raised = await risk(dispatch, '等级上升'); // 一般 on 10-01, 重大 (5 × 5) on 11-25: 40 + 4 = 44
    await ok(dispatch, 'assessments.record', { riskId: raised.id, likelihood: 5, impact: 5, assessedOn: '2026-11-25', nextReview: NOT_DUE });
    const multi = await risk(dispatch, '到期且交办超期', { next: '2026-11-10' }); // 20 + 8 + 0.5 × max(20, 12) = 38
    const multiAction = await action(dispatch, multi.id, '2026-11-13');
    const sensitive = await risk(dispatch, '曾进京', { on: '2026-11-01' }); // 20 + 4 + 20 × (15 − 10 + 1) / 16 = 31.5
    await ok(dispatch, 'events.create', { riskId: sensitive.id, kind: '进京', occurredOn: '2025-06-01', count: 2, source: '通报' });
    const late = await risk(dispatch, '交办超期'); // 20 + 4 + 0.5 × 5 = 26.5
    const lateAction = await action(dispatch, late.id, '2026-11-20');
    const quiet = await risk(dispatch, '到期 平稳', { next: '2026-11-27' }); // 20 + 4 + 0.5 × 3 = 25.5, consent
    const eventful = await risk(dispatch, '到期 有新动态', { next: '2026-11-27' }); // 25.5, a new event: main
    await ok(dispatch, 'events.create', { riskId: eventful.id, kind: '网上舆情', stage: '苗头', occurredOn: '2026-11-20', source: '网信办' });
    const today = await risk(dispatch, '会议当日到期', { next: MEETING }); // 24, consent
    const returned = await risk(dispatch, '交办退回'); // 24
    const returnedAction = await action(dispatch, returned.id, NOT_DUE);
    const carriedItem = await risk(dispatch, '上次未议结'); // 24
    const carriedAction = await risk(dispatch, '上次交办未办结'); // 24
    const carriedActionRow = await action(dispatch, carriedAction.id, NOT_DUE, last.id);
    const rebound = await risk(dispatch, '反弹', { status: '反弹' }); // 24
    const fresh = await risk(dispatch, '新增 未定级', { assess: false }); // 0 + 4 = 4
    // Proposed for nothing: closed, deleted, not due, an action not yet late.
    await risk(dispatch, '已销号 到期', { next: '2026-11-27', status: '已销号' });
    const deleted = await risk(dispatch, '已删除 到期', { next: '2026-11-27' });
    await ok(dispatch, 'risks.delete', { id: deleted.id, version: (await ok<RiskRow>(dispatch, 'risks.get', { id: deleted.id })).version, reason: '重复录入' });
    await risk(dispatch, '未到期');
    const notLate = await risk(dispatch, '交办未到期');
    await action(dispatch, notLate.id, NOT_DUE);

    const lastAgenda = await ok<MeetingRow>(dispatch, 'agenda.add', { meetingId: last.id, version: last.version, riskIds: [carriedItem.id] });
    expect(lastAgenda.id).toBe(last.id);
    // Fixture state the API reaches only through a longer workflow: a returned action, and every
    // risk but the new one entered the register before the last meeting.
    db.prepare("UPDATE actions SET state = '退回重办' WHERE id = ?").run(returnedAction.id);
    db.prepare("UPDATE risks SET created_at = '2026-09-01T02:00:00.000Z' WHERE id <> ?").run(fresh.id);
    await ok(dispatch, 'periods.create', { name: '测试节点', startDate: '2026-12-10', endDate: '2026-12-12', escalation: true });
    const m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: MEETING });

    await ok(dispatch, 'agenda.generate', { meetingId: m.id, asOf: '2026-11-25' });
    const page = await ok<ProposalPage>(dispatch, 'agenda.proposal', { meetingId: m.id, list: 'all', pageSize: 100 });
    const lists = new Map(
      [...(await ok<ProposalPage>(dispatch, 'agenda.proposal', { meetingId: m.id, list: 'consent', pageSize: 100 })).rows].map((r) => [r.riskId, 'consent']),
    );
    const got = page.rows.map((r) => ({ code: r.code, level: r.level, list: lists.get(r.riskId) ?? 'main', reasons: r.reasons.map((x) => `${x.kind}: ${x.detail}`) }));
    const row = (r: RiskRow, level: number | null, reasons: string[], list = 'main') => ({ code: r.code, level, list, reasons });
    expect(got).toEqual([
      row(raised, 1, ['levelRaised: 2026-11-23以来由一般升为重大']),
      row(multi, 3, [`actionOverdue: 交办${multiAction.code}已超期（时限2026-11-13）`, 'dueForReview: 应于2026-11-10研判，已过期20天']),
      row(sensitive, 3, ['sensitivePeriod: 敏感节点「测试节点」10天后开始，有进京记录（2025-06-01）']),
      row(late, 3, [`actionOverdue: 交办${lateAction.code}已超期（时限2026-11-20）`]),
      row(quiet, 3, ['dueForReview: 应于2026-11-27研判，已过期3天'], 'consent'),
      row(eventful, 3, ['dueForReview: 应于2026-11-27研判，已过期3天']),
      row(today, 3, ['dueForReview: 应于2026-11-30研判'], 'consent'),
      row(returned, 3, [`actionReturned: 交办${returnedAction.code}被退回重办`]),
      row(carriedItem, 3, ['carried: 上次会议未议结']),
      row(carriedAction, 3, [`carried: 上次会议交办${carriedActionRow.code}尚未办结`]),
      row(rebound, 3, ['rebound: 已化解事项再次反弹']),
      row(fresh, null, ['new: 上次会议（2026-11-23）后新增']),
    ]);
    expect(page.total).toBe(12);
    expect(page.summary).toMatchObject({ all: 12, main: 10, consent: 2 });
    // The unranked proposal (agenda.propose) finds the same risks with the same reasons.
    const propose = await ok<Array<{ riskId: number; reasons: Array<{ kind: string; detail: string }> }>>(dispatch, 'agenda.propose', { meetingId: m.id, asOf: '2026-11-25' });
    expect(new Map(propose.map((p) => [p.riskId, p.reasons]))).toEqual(new Map(page.rows.map((r) => [r.riskId, r.reasons])));
  });
});
