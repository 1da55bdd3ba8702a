// A meeting is named by one rule (shared/meetings.ts): the app's lists and messages, the export's
// 研判会议/交办会议 columns and the documents say the same. (The export used to call a 周例会
// "第N次周例会" while the app said "第N次研判会".)
import { describe, expect, it } from 'vitest';
import { actionRows, assessmentRows } from '../../electron/imports/exportSheets.js';
import { meetingDisplayName, meetingTitle, type MeetingRow } from '../../shared/meetings.js';
import type { ActionRow } from '../../shared/actionItems.js';
import type { Doc } from '../../shared/briefs/model.js';
import { ok, tempCore } from './helpers.js';

describe('meeting names', () => {
  it('one name per type, on documents and on screen', () => {
    expect(meetingDisplayName({ year: 2026, sessionNo: 47, type: '周例会', date: '2026-11-23' })).toBe('2026年第47次风险研判会（2026-11-23）');
    expect(meetingTitle({ year: 2026, sessionNo: 3, type: '专题会' })).toBe('2026年第3次风险研判专题会');
    expect(meetingTitle({ year: 2026, sessionNo: 4, type: '节点会' })).toBe('2026年第4次敏感节点风险研判会');
  });

  it('the export names each meeting as the app does', async () => {
    const { db, dispatch } = tempCore();
    await ok(dispatch, 'demo.load', { risks: 60, seed: 5, asOf: '2026-11-25' });
    const meetings = await ok<MeetingRow[]>(dispatch, 'meetings.list', { limit: 500 });
    const byId = new Map(meetings.map((m) => [m.id, meetingDisplayName(m)]));
    expect(new Set(meetings.map((m) => m.type))).toEqual(new Set(['周例会', '专题会']));

    const app = await ok<{ rows: ActionRow[] }>(dispatch, 'actions.list', { limit: 5000 });
    const exported = new Map([...actionRows(db)].map((r) => [r.code, r.meeting]));
    const withMeeting = app.rows.filter((a) => a.meetingId);
    expect(withMeeting.length).toBeGreaterThan(10);
    for (const a of withMeeting) {
      expect(a.meetingLabel).toBe(byId.get(a.meetingId!));
      expect(exported.get(a.code)).toBe(a.meetingLabel);
    }
    const assessed = [...assessmentRows(db)].filter((r) => r.meeting);
    expect(assessed.length).toBeGreaterThan(10);
    for (const r of assessed) expect([...byId.values()]).toContain(r.meeting);
  });

  it('a 专题会 is called 风险研判专题会 in its minutes draft and its printed minutes alike', async () => {
    const { dispatch } = tempCore();
    const m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-03-02', type: '专题会', chair: '王局长' });
    const draft = await ok<{ text: string }>(dispatch, 'meetings.minutesDraft', { id: m.id });
    expect(draft.text.split('\n')[0]).toBe(`${meetingTitle(m)}纪要`);
    // 纪要 are printed for a meeting held (started and ended).
    const started = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event: 'start' });
    await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: started.version, event: 'end' });
    const minutes = await ok<Doc>(dispatch, 'briefs.model', { kind: 'minutes', meetingId: m.id, asOf: '2026-03-02' });
    // The printed title is the text's first line, one numeral style throughout.
    expect(minutes.title).toBe('2026年第1次风险研判专题会纪要');
  });
});
