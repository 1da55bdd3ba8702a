// Meeting documents from real data: a fixture meeting built through the API (real SQLite), printed
// by real Chromium through the web host; the PDFs read back with pdftotext/pdfinfo. Expectations
// come from the fixture itself (names, texts, due dates), the overdue set recomputed here in JS.
// Needs `vite build` first (npm test does it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core.js';
import { startWebHost, type WebHost } from '../../electron/webhost.js';
import { createChromiumPrinter } from '../../electron/print/chromium.js';
import { RENDERER_DIR } from '../../electron/renderer-dir.js';
import { docText, type Block, type Doc } from '../../shared/briefs/model.js';
import type { BriefRequest } from '../../shared/briefs/request.js';
import type { BriefFile } from '../../shared/contract/briefs.js';
import type { MeetingRow } from '../../shared/meetings.js';
import type { RiskRow } from '../../shared/risks.js';
import { testCaller } from './helpers.js';

let dir: string;
let core: Core;
let host: WebHost;

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.dispatchLocal(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

const squash = (s: string) => s.replace(/\s+/g, '');
function pdfText(file: string): string {
  // Page numbers (—1—) fall between the last line of a page and the first of the next.
  return squash(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).replace(/—\d+—/g, '');
}
function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
}
async function pdf(request: BriefRequest, name: string): Promise<{ file: string; info: BriefFile }> {
  const file = join(dir, name);
  return { file, info: await call<BriefFile>('briefs.savePdf', { request, out: file, copies: 1 }) };
}

const ATTENDEES = ['王建国', '李明', '陈志强'];
const ON_LEAVE = ['赵红'];
const OBSERVERS = ['孙伟'];
const ANALYSIS = ['经研判，维持重大等级，专班每日调度', '经研判，调降为一般，继续跟踪', '经研判，维持较大等级，督促属地化解'];
const SIGNED_EDIT = '（签发稿补充：本周内完成约谈）';
/** Lead unit, content, due date. 2026-12-26 is a Saturday: its effective due date is Monday the 28th. */
const ACTIONS: Array<[string, string, string]> = [
  ['城关区住建局', '约谈开发商，督促制定复工计划', '2026-11-27'],
  ['城关区住建局', '组织业主代表座谈，通报进展', '2026-12-26'],
  ['市人社局', '核实欠薪名单并协调先行垫付', '2026-12-15'],
  ['市人社局', '建立欠薪项目周报制度', '2027-01-20'],
  ['滨江区政府', '落实征收补偿方案公示', '2026-12-22'],
];
const AS_OF = '2026-12-28';

let meetingId: number;
let risks: RiskRow[];
let codes: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yanpan-briefs-mtg-'));
  core = openCore({ caller: testCaller('打印员'), dbPath: join(dir, 'm.db'), host: 'cli', operator: '打印员', now: () => '2026-11-23T02:00:00.000Z' });
  risks = [];
  for (const [title, level] of [['锦绣华庭逾期交房', 1], ['宏达劳务欠薪', 2], ['滨江片区征收', 2], ['某小区物业纠纷', 3]] as const) {
    risks.push(await call<RiskRow>('risks.create', { regionId: 1, domainId: 1, title, level }));
  }
  let m = await call<MeetingRow>('meetings.create', { date: '2026-11-23', chair: '王建国', attendees: ATTENDEES, onLeave: ON_LEAVE, observers: OBSERVERS });
  meetingId = m.id;
  m = await call<MeetingRow>('agenda.add', { meetingId, version: m.version, riskIds: risks.map((r) => r.id) });
  m = await call<MeetingRow>('meetings.transition', { id: meetingId, version: m.version, event: 'start' });
  const items = (await call<{ agenda: Array<{ id: number }> }>('meetings.get', { id: meetingId })).agenda;
  for (let i = 0; i < ANALYSIS.length; i++) {
    await call('meetings.draftSave', { meetingId, riskId: risks[i].id, field: 'analysis', text: ANALYSIS[i] });
    // The last item is not reached: it stays 待议 and becomes 未议 (carried over) when the meeting ends.
    m = await call<MeetingRow>('agenda.set', { meetingId, version: m.version, itemId: items[i].id, status: '已议' });
  }
  codes = [];
  for (const [i, [leadUnit, content, dueAt]] of ACTIONS.entries()) {
    codes.push((await call<{ code: string }>('actions.create', { meetingId, riskIds: [risks[i % 3].id], content, leadUnit, dueAt, issuedAt: '2026-11-23' })).code);
  }
}, 60_000);

afterAll(async () => {
  await core.printer.current?.close();
  await host?.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

const tableRows = (d: Doc) => d.blocks.filter((b): b is Extract<Block, { t: 'table' }> => b.t === 'table').flatMap((t) => t.rows);

describe('meeting documents: model from the meeting record', () => {
  it('no 纪要 for a meeting not yet held (it would print an empty record dated today)', async () => {
    const r = await core.dispatch('briefs.model', { kind: 'minutes', meetingId, asOf: '2026-11-30' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/还未召开（进行中），没有会议纪要可印/);
  });

  it('纪要 of a held meeting before signing: attendance, a decision per item from the runner drafts, every assignment', async () => {
    const m = (await call<{ meeting: MeetingRow }>('meetings.get', { id: meetingId })).meeting;
    await call<MeetingRow>('meetings.transition', { id: meetingId, version: m.version, event: 'end' });
    const doc = await call<Doc>('briefs.model', { kind: 'minutes', meetingId, asOf: '2026-11-30' });
    const text = squash(docText(doc).join(''));
    for (const n of [...ATTENDEES, ...ON_LEAVE, ...OBSERVERS]) expect(text).toContain(n);
    for (const a of ANALYSIS) expect(text).toContain(squash(a));
    for (const [i, c] of codes.entries()) {
      expect(text).toContain(c);
      expect(text).toContain(squash(ACTIONS[i][1]));
    }
    expect(text).toContain('第1期');
    // The 4th item was not reached before the meeting ended: carried over by name, not left out.
    expect(text).toMatch(new RegExp(`转下次会议：[^。]*${risks[3].title}`));
    expect(doc.subtitle).toBe('（讨论稿）');
  });

  it('议程: every item with its time slot, running from the start time', async () => {
    const doc = await call<Doc>('briefs.model', { kind: 'agenda', meetingId });
    const rows = tableRows(doc);
    expect(rows.map((r) => r[1].split('（')[0])).toEqual(risks.map((r) => r.title));
    expect(rows[0][3]).toMatch(/^9:00—/);
    for (let i = 1; i < rows.length; i++) expect(rows[i][3].split('—')[0]).toBe(rows[i - 1][3].split('—')[1]);
  });

  it('meeting kinds default to the latest meeting; a missing meeting is explained in Chinese', async () => {
    const latest = await call<Doc>('briefs.model', { kind: 'agenda' });
    expect(latest.title).toContain('第一次');
    const r = await core.dispatch('briefs.model', { kind: 'minutes', meetingId: 9999 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('找不到编号为 9999 的研判会');
  });
});

describe('meeting documents: PDF', () => {
  beforeAll(async () => {
    host = await startWebHost({ dispatch: core.dispatch, staticDir: RENDERER_DIR });
    core.printer.current = createChromiumPrinter(host.url, { session: host.printSession });
    // Close the meeting and sign minutes edited by hand: the printed 纪要 must be the signed text.
    // (The meeting was ended by the 纪要-before-signing test above.)
    let m = await call<MeetingRow>('meetings.transition', { id: meetingId, version: (await call<{ meeting: MeetingRow }>('meetings.get', { id: meetingId })).meeting.version, event: 'draft' });
    m = await call<MeetingRow>('meetings.saveMinutes', { id: meetingId, version: m.version, text: m.minutesText.replace(ANALYSIS[0], ANALYSIS[0] + SIGNED_EDIT) });
    await call<MeetingRow>('meetings.transition', { id: meetingId, version: m.version, event: 'sign' });
  }, 60_000);

  it('纪要 of a signed meeting prints the signed text: names, every decision, every assignment', async () => {
    const { file } = await pdf({ kind: 'minutes', meetingId, asOf: '2026-12-01' }, '纪要.pdf');
    const text = pdfText(file);
    for (const n of [...ATTENDEES, ...ON_LEAVE, ...OBSERVERS]) expect(text).toContain(n);
    expect(text).toContain(squash(ANALYSIS[0] + SIGNED_EDIT));
    for (const a of ANALYSIS.slice(1)) expect(text).toContain(squash(a));
    for (const [i, c] of codes.entries()) {
      expect(text).toContain(c);
      expect(text).toContain(squash(ACTIONS[i][1]));
    }
    expect(text).toMatch(/出席：/);
    expect(text).toMatch(/请假：/);
    expect(text).toMatch(/列席：/);
    expect(text).toContain(squash(`转下次会议：${risks[3].code} ${risks[3].title}`));
  }, 60_000);

  it('交办单: one page per lead unit, each with its actions, due dates and the 签收 line', async () => {
    const units = [...new Set(ACTIONS.map((a) => a[0]))];
    const { file, info } = await pdf({ kind: 'assignment', meetingId }, '交办单.pdf');
    expect(pdfPages(file)).toBe(units.length);
    expect(info.pages).toBe(units.length);
    for (let p = 1; p <= units.length; p++) {
      const page = squash(execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', file, '-'], { encoding: 'utf8' }));
      expect(page).toContain(`${units[p - 1]}：`);
      expect(page).toContain('签收人：');
      ACTIONS.forEach(([u, , due], i) => {
        if (u !== units[p - 1]) return expect(page).not.toContain(codes[i]);
        expect(page).toContain(codes[i]);
        expect(page).toContain(due);
      });
    }
  }, 60_000);

  it('督办单 lists exactly the actions overdue on asOf, by supervision level', async () => {
    // Independent of shared/actions.ts: weekend due dates move to Monday (no holidays in these weeks),
    // overdue from the next day; ladder 7/15/30 days (the defaults).
    const effective = (d: string) => {
      const t = new Date(d + 'T00:00:00Z');
      while (t.getUTCDay() === 0 || t.getUTCDay() === 6) t.setUTCDate(t.getUTCDate() + 1);
      return t.toISOString().slice(0, 10);
    };
    const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
    const expected = ACTIONS.map(([, , due], i) => ({ code: codes[i], late: days(effective(due), AS_OF) })).filter((x) => x.late > 0);
    const level = (n: number) => (n > 30 ? '通报' : n > 15 ? '挂牌督办' : n > 7 ? '督办单' : '催办');
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.length).toBeLessThan(ACTIONS.length);

    const doc = await call<Doc>('briefs.model', { kind: 'supervision', asOf: AS_OF });
    const rows = tableRows(doc);
    expect(rows.map((r) => r[0]).sort()).toEqual(expected.map((x) => x.code).sort());
    for (const x of expected) expect(rows.find((r) => r[0] === x.code)![4]).toBe(String(x.late));
    const headings = doc.blocks.filter((b): b is Extract<Block, { t: 'h' }> => b.t === 'h').map((h) => h.text);
    for (const lv of new Set(expected.map((x) => level(x.late)))) expect(headings.some((h) => h.includes(`${lv}（${expected.filter((x) => level(x.late) === lv).length}项）`))).toBe(true);

    const { file } = await pdf({ kind: 'supervision', asOf: AS_OF }, '督办单.pdf');
    const text = pdfText(file);
    for (const [i, c] of codes.entries()) {
      if (expected.some((x) => x.code === c)) expect(text).toContain(c);
      else expect(text, `${c} (due ${ACTIONS[i][2]}) is not overdue`).not.toContain(c);
    }
  }, 60_000);

  it('专报 with the meeting: its signed decisions in 二 and its assignments in 四', async () => {
    const doc = await call<Doc>('briefs.model', { kind: 'weekly', meetingId, asOf: '2026-12-01' });
    const text = squash(docText(doc).join(''));
    expect(text).toContain(squash(`${ANALYSIS[0]}${SIGNED_EDIT}`.replace(/^经研判，/, '')));
    for (const c of codes) expect(text).toContain(c);
  });
});

describe('decisions read from a minutes text', () => {
  const agenda = [{ riskCode: 'JC-2026-001', riskTitle: '锦绣华庭逾期交房' }, { riskCode: 'JC-2026-002', riskTitle: '宏达劳务欠薪' }];
  it('numbered lines of 研判事项 by agenda code; unnumbered lines continue; the section ends at the next heading', async () => {
    const { decisionsFromText } = await import('../../shared/briefs/fromMeeting.js');
    const text = ['2026年第1次风险研判会纪要', '出席：甲', '', '一、研判事项', '1. JC-2026-001 锦绣华庭逾期交房。维持重大。', '专班驻点。', '2. 另议：春节前排查', '以下事项本次未及研判，转下次会议：JC-2026-002 宏达劳务欠薪。', '', '二、交办事项', '1. 某局：某事'].join('\n');
    expect(decisionsFromText(text, agenda)).toEqual([
      { title: '锦绣华庭逾期交房（JC-2026-001）', text: '维持重大。专班驻点。' },
      { title: '另议：春节前排查', text: '另议：春节前排查' },
      { title: '转下次会议研判的事项', text: '以下事项本次未及研判，转下次会议：JC-2026-002 宏达劳务欠薪。' },
    ]);
    expect(decisionsFromText('纪要\n出席：甲\n会议同意上述安排。', agenda)).toEqual([{ title: '会议议定事项', text: '会议同意上述安排。' }]);
  });
});
