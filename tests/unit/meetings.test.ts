// Meetings through the real dispatcher: defaults, session numbers, agenda editing, locking.
import { describe, expect, it } from 'vitest';
import type { MeetingDetail, MeetingRow } from '../../shared/meetings.js';
import type { RiskRow } from '../../shared/risks.js';
import { ok, rowCount, tempCore } from './helpers.js';

async function setup() {
  const core = tempCore();
  const risks: RiskRow[] = [];
  for (const [title, level] of [['锦绣华庭逾期交房', 1], ['宏达劳务欠薪', 3], ['滨江片区征收', 2]] as const) {
    risks.push(await ok<RiskRow>(core.dispatch, 'risks.create', { regionId: 1, domainId: 1, title, level }));
  }
  return { ...core, risks };
}

describe('meetings', () => {
  it('defaults to the next working Monday and numbers sessions per year', async () => {
    const { dispatch } = await setup();
    const a = await ok<MeetingRow>(dispatch, 'meetings.create', { asOf: '2026-02-18' });
    expect(a).toMatchObject({ date: '2026-02-24', type: '周例会', sessionNo: 1, year: 2026, state: '筹备' });
    const b = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-03-02', type: '专题会', chair: '王局长' });
    expect(b.sessionNo).toBe(2);
    const c = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2027-01-04' });
    expect(c.sessionNo).toBe(1);
    const d = await ok<{ chair: string; sessionNo: number }>(dispatch, 'meetings.defaults', { asOf: '2027-01-05' });
    expect(d).toMatchObject({ chair: '王局长', sessionNo: 2 }); // people come from the latest meeting
  });

  it('adds, reorders, times and removes agenda items, bumping the version each time', async () => {
    const { dispatch, risks } = await setup();
    let m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-11-30' });
    m = await ok<MeetingRow>(dispatch, 'agenda.add', { meetingId: m.id, version: m.version, riskIds: risks.map((r) => r.id) });
    let d = await ok<MeetingDetail>(dispatch, 'meetings.get', { id: m.id });
    expect(d.agenda.map((a) => a.riskId)).toEqual(risks.map((r) => r.id));
    expect(d.agenda.map((a) => a.minutes)).toEqual([8, 3, 5]);
    const reversed = [...d.agenda].reverse().map((a) => a.id);
    m = await ok<MeetingRow>(dispatch, 'agenda.reorder', { meetingId: m.id, version: m.version, itemIds: reversed });
    m = await ok<MeetingRow>(dispatch, 'agenda.set', { meetingId: m.id, version: m.version, itemId: reversed[0], minutes: 12 });
    m = await ok<MeetingRow>(dispatch, 'agenda.remove', { meetingId: m.id, version: m.version, itemId: reversed[1] });
    d = await ok<MeetingDetail>(dispatch, 'meetings.get', { id: m.id });
    expect(d.agenda.map((a) => [a.id, a.minutes])).toEqual([[reversed[0], 12], [reversed[2], 8]]);
    const stale = await dispatch('agenda.set', { meetingId: m.id, version: m.version - 1, itemId: reversed[0], minutes: 3 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('a signed meeting refuses every edit through the API; reopening keeps the signed version', async () => {
    const { dispatch, db, risks } = await setup();
    let m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-11-25' });
    m = await ok<MeetingRow>(dispatch, 'agenda.add', { meetingId: m.id, version: m.version, riskIds: [risks[0].id] });
    for (const event of ['start', 'end', 'draft']) m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event });
    expect(m.minutesText).toContain(risks[0].code); // drafted from the record
    m = await ok<MeetingRow>(dispatch, 'meetings.saveMinutes', { id: m.id, version: m.version, text: '' });
    const refusedEmpty = await dispatch('meetings.transition', { id: m.id, version: m.version, event: 'sign' });
    expect(refusedEmpty).toMatchObject({ ok: false, error: { message: expect.stringMatching(/纪要正文为空/) } });
    m = await ok<MeetingRow>(dispatch, 'meetings.saveMinutes', { id: m.id, version: m.version, text: '第一版纪要' });
    m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event: 'sign' });
    expect(m).toMatchObject({ state: '已签发', locked: true });

    const item = (await ok<MeetingDetail>(dispatch, 'meetings.get', { id: m.id })).agenda[0];
    const before = [rowCount(db, 'audit_log'), rowCount(db, 'agenda_items'), rowCount(db, 'actions')];
    const attempts: Array<[string, unknown]> = [
      ['meetings.update', { id: m.id, version: m.version, patch: { chair: '李局长' } }],
      ['meetings.saveMinutes', { id: m.id, version: m.version, text: '偷偷改' }],
      ['agenda.add', { meetingId: m.id, version: m.version, riskIds: [risks[1].id] }],
      ['agenda.remove', { meetingId: m.id, version: m.version, itemId: item.id }],
      ['agenda.reorder', { meetingId: m.id, version: m.version, itemIds: [item.id] }],
      ['agenda.set', { meetingId: m.id, version: m.version, itemId: item.id, minutes: 9 }],
      ['agenda.apply', { meetingId: m.id, version: m.version }],
      ['meetings.draftSave', { meetingId: m.id, riskId: risks[0].id, field: 'analysis', text: 'x' }],
      ['actions.create', { meetingId: m.id, riskIds: [risks[0].id], content: '继续稳控', leadUnit: '城关区', dueAt: '2026-12-10' }],
    ];
    for (const [method, input] of attempts) {
      const r = await dispatch(method, input);
      expect(r.ok, method).toBe(false);
      if (!r.ok) expect(r.error.message, method).toMatch(/签发|锁定/);
    }
    expect([rowCount(db, 'audit_log'), rowCount(db, 'agenda_items'), rowCount(db, 'actions')]).toEqual(before);

    const noReason = await dispatch('meetings.transition', { id: m.id, version: m.version, event: 'reopen' });
    expect(noReason).toMatchObject({ ok: false, error: { message: expect.stringMatching(/原因/) } });
    m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event: 'reopen', reason: '补记请假人员' });
    expect(m).toMatchObject({ state: '纪要拟稿', locked: false, minutesVersion: 2 });
    m = await ok<MeetingRow>(dispatch, 'meetings.saveMinutes', { id: m.id, version: m.version, text: '第二版纪要' });
    m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event: 'sign' });
    const d = await ok<MeetingDetail>(dispatch, 'meetings.get', { id: m.id });
    expect(d.minutesVersions.map((v) => [v.versionNo, v.text, v.reopenReason])).toEqual([
      [2, '第二版纪要', null],
      [1, '第一版纪要', '补记请假人员'],
    ]);
  });

  it('ending a meeting marks undiscussed items 未议 and the next agenda carries them over', async () => {
    const { dispatch, risks } = await setup();
    let m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-11-25' });
    m = await ok<MeetingRow>(dispatch, 'agenda.add', { meetingId: m.id, version: m.version, riskIds: [risks[0].id, risks[1].id] });
    const items = (await ok<MeetingDetail>(dispatch, 'meetings.get', { id: m.id })).agenda;
    m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event: 'start' });
    m = await ok<MeetingRow>(dispatch, 'agenda.set', { meetingId: m.id, version: m.version, itemId: items[0].id, status: '已议' });
    m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event: 'end' });
    expect((await ok<MeetingDetail>(dispatch, 'meetings.get', { id: m.id })).agenda.map((a) => a.status)).toEqual(['已议', '未议']);
    // The risks entered the register on 2026-11-25 (the test clock), before the first meeting: not new.
    let next = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-12-07' });
    const proposed = await ok<Array<{ riskId: number; reasons: Array<{ kind: string }> }>>(dispatch, 'agenda.propose', { meetingId: next.id, asOf: '2026-12-04' });
    // Besides the carried item, risks whose next review falls by the meeting date are due (到期研判).
    const due = new Set(risks.filter((r) => r.nextReview !== null && r.nextReview <= '2026-12-07').map((r) => r.id));
    const want = risks.flatMap((r) => {
      const kinds = [...(r.id === risks[1].id ? ['carried'] : []), ...(due.has(r.id) ? ['dueForReview'] : [])];
      return kinds.length ? [[r.id, kinds]] : [];
    });
    expect(Object.fromEntries(proposed.map((p) => [p.riskId, p.reasons.map((r) => r.kind)]))).toEqual(Object.fromEntries(want));
    next = await ok<MeetingRow>(dispatch, 'agenda.apply', { meetingId: next.id, version: next.version, asOf: '2026-12-04' });
    expect(next.agendaCount).toBe(want.length);
  });

  it('turning to minutes drafts them from the record: attendance, 研判意见, assignments, items carried over', async () => {
    const { dispatch, risks } = await setup();
    let m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-11-25', chair: '王建国', attendees: ['王建国', '李明'], onLeave: ['赵红'] });
    m = await ok<MeetingRow>(dispatch, 'agenda.add', { meetingId: m.id, version: m.version, riskIds: [risks[0].id, risks[1].id] });
    const items = (await ok<MeetingDetail>(dispatch, 'meetings.get', { id: m.id })).agenda;
    m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event: 'start' });
    await ok(dispatch, 'meetings.draftSave', { meetingId: m.id, riskId: risks[0].id, field: 'analysis', text: '经研判，维持重大等级' });
    await ok(dispatch, 'meetings.draftSave', { meetingId: m.id, riskId: risks[0].id, field: 'countermeasures', text: '专班驻点' });
    const a = await ok<{ code: string }>(dispatch, 'actions.create', { meetingId: m.id, riskIds: [risks[0].id], content: '约谈开发商', leadUnit: '城关区住建局', dueAt: '2026-12-10' });
    m = await ok<MeetingRow>(dispatch, 'agenda.set', { meetingId: m.id, version: m.version, itemId: items[0].id, status: '已议' });
    for (const event of ['end', 'draft']) m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event });
    const text = m.minutesText;
    expect(text).toMatch(/^2026年第1次风险研判会纪要/);
    expect(text).toContain('王建国主持召开');
    expect(text).toContain('出席：王建国、李明');
    expect(text).toContain('请假：赵红');
    expect(text).toContain(`1. ${risks[0].code} ${risks[0].title}。经研判，维持重大等级。对策建议：专班驻点。`);
    expect(text).toContain(`二、交办事项\n1. 约谈开发商。由城关区住建局牵头，2026年12月10日前办结。（${a.code}）`);
    expect(text).toContain(`转下次会议：${risks[1].code}`);
  });
});
