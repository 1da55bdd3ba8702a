// The leader's 专报 and the GB/T 9704 details, measured on real files: the demo register's latest
// signed meeting printed by Chromium (pdftotext -bbox for text, pdftoppm rasters for rules and
// ink), the same documents as .docx converted by LibreOffice (each conversion with its own
// profile), and every count of the 专报 recomputed here with its own SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core.js';
import { startWebHost, type WebHost } from '../../electron/webhost.js';
import { createChromiumPrinter } from '../../electron/print/chromium.js';
import { RENDERER_DIR } from '../../electron/renderer-dir.js';
import { chineseNumber, docText, type Doc } from '../../shared/briefs/model.js';
import { docToDocx } from '../../electron/print/docx.js';
import type { BriefRequest } from '../../shared/briefs/request.js';
import { testCaller } from './helpers.js';

const run = promisify(execFile);
const PT_PER_MM = 72 / 25.4;
const BLOCK = { left: 28, right: 184, top: 37, bottom: 262 }; // mm

let dir: string;
let core: Core;
let host: WebHost;
let meetingId: number;
let weekly: BriefRequest;
let weeklyPdf: string;
let minutesPdf: string;

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.dispatchLocal(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}
const sql = <T>(q: string, ...p: unknown[]) => core.db.prepare(q).get(...p) as T;
const all = <T>(q: string, ...p: unknown[]) => core.db.prepare(q).all(...p) as T[];
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
const squash = (s: string) => s.replace(/\s+/g, '');

/** A page as a grey raster (pdftoppm PGM): dark(x, y) in millimetres. */
function raster(file: string, page: number, dpi: number) {
  const base = join(dir, `r-${page}-${dpi}-${Math.random().toString(36).slice(2)}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile', file, base]);
  const buf = readFileSync(`${base}.pgm`);
  const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 40).toString('latin1'))!;
  const [w, h] = [Number(head[1]), Number(head[2])];
  const px = buf.subarray(head[0].length);
  const mm = (p: number) => (p / dpi) * 25.4;
  return {
    w, h, mm,
    dark: (x: number, y: number) => px[y * w + x] < 128,
    /** Rows where more than 40 % of the block's width is dark: horizontal rules, as [top, bottom] in mm. */
    rules(): { top: number; bottom: number }[] {
      const x0 = Math.round((BLOCK.left / 25.4) * dpi);
      const x1 = Math.round((BLOCK.right / 25.4) * dpi);
      const rows: number[] = [];
      for (let y = 0; y < h; y++) {
        let n = 0;
        for (let x = x0; x < x1; x += 2) if (px[y * w + x] < 128) n++;
        if (n * 2 > (x1 - x0) * 0.4) rows.push(y);
      }
      const out: { top: number; bottom: number }[] = [];
      for (const y of rows) {
        const last = out.at(-1);
        if (last && mm(y) - last.bottom < 0.2) last.bottom = mm(y + 1);
        else out.push({ top: mm(y), bottom: mm(y + 1) });
      }
      return out;
    },
  };
}

interface Line { y: number; x0: number; x1: number; text: string }
/** Lines of a page as pdftotext -bbox gives words, joined by their baseline box. */
function lines(file: string, page: number): Line[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
  const words = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ x0: +m[1] / PT_PER_MM, y: +m[2] / PT_PER_MM, x1: +m[3] / PT_PER_MM, text: m[5] }));
  const out: Line[] = [];
  for (const w of words) {
    const l = out.find((o) => Math.abs(o.y - w.y) < 1.5);
    if (l) {
      l.text += w.text;
      l.x0 = Math.min(l.x0, w.x0);
      l.x1 = Math.max(l.x1, w.x1);
    } else out.push({ ...w });
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yanpan-leader-'));
  core = openCore({ caller: testCaller('打印员'), dbPath: join(dir, 'l.db'), host: 'cli', operator: '打印员', now: () => '2026-11-25T02:00:00.000Z' });
  const demo = await core.dispatch('demo.load', { asOf: '2026-11-25' });
  if (!demo.ok) throw new Error(demo.error.message);
  host = await startWebHost({ dispatch: core.dispatch, staticDir: RENDERER_DIR });
  core.printer.current = createChromiumPrinter(host.url, { session: host.printSession });
  meetingId = sql<{ id: number }>("SELECT id FROM meetings WHERE state IN ('已签发','已归档') ORDER BY date DESC, id DESC LIMIT 1").id;
  weekly = { kind: 'weekly', meetingId, asOf: '2026-11-25', final: true, cc: '市委政法委，市委社会工作部' };
  weeklyPdf = join(dir, 'weekly.pdf');
  minutesPdf = join(dir, 'minutes.pdf');
  await call('briefs.savePdf', { request: weekly, out: weeklyPdf });
  await call('briefs.savePdf', { request: { kind: 'minutes', meetingId, asOf: '2026-11-25', cc: '各县区信访局' }, out: minutesPdf });
}, 120_000);

afterAll(async () => {
  await core.printer.current?.close();
  await host.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo 专报 for the latest signed meeting', () => {
  it('is at most 6 pages', () => {
    expect(pages(weeklyPdf)).toBeLessThanOrEqual(6);
  });

  it('names every risk discussed or re-graded at the meeting, counts the consent list, and lists every assignment of the meeting', async () => {
    const text = squash(execFileSync('pdftotext', ['-raw', weeklyPdf, '-'], { encoding: 'utf8' }));
    const named = all<{ code: string }>(
      `SELECT r.code FROM risks r WHERE r.id IN (SELECT risk_id FROM agenda_items WHERE meeting_id = ? AND status = '已议')
        OR r.id IN (SELECT a.risk_id FROM assessments a WHERE a.meeting_id = ? AND a.final_level IS NOT (
          SELECT p.final_level FROM assessments p WHERE p.risk_id = a.risk_id AND (p.assessed_on < a.assessed_on OR (p.assessed_on = a.assessed_on AND p.id < a.id)) ORDER BY p.assessed_on DESC, p.id DESC LIMIT 1))`,
      meetingId, meetingId,
    );
    expect(named.length).toBeGreaterThan(0);
    const part2 = text.slice(text.indexOf('二、本次研判会'), text.indexOf('三、重点风险'));
    for (const r of named) expect(part2).toContain(r.code);
    const decided = sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM (SELECT risk_id FROM assessments WHERE meeting_id = ? UNION SELECT risk_id FROM agenda_items WHERE meeting_id = ? AND status = '已议')`,
      meetingId, meetingId,
    ).n;
    const consent = decided - named.length;
    if (consent) expect(part2).toContain(`其余${consent}件风险隐患无新情况`);
    expect(part2).toContain(`研判风险隐患${decided}件`);
    const part4 = text.slice(text.indexOf('四、交办督办'), text.indexOf('五、下步工作'));
    const actions = all<{ code: string }>('SELECT code FROM actions WHERE meeting_id = ?', meetingId);
    expect(part4).toContain(`本次研判会交办事项${actions.length}件`);
    for (const a of actions) expect(part4).toContain(a.code);
  });

  it('every count it prints equals the same measure recomputed with independent SQL', async () => {
    const doc = await call<Doc>('briefs.model', weekly);
    const text = docText(doc).join('');
    const closed = "('已销号','转司法终结')";
    const active = sql<{ n: number }>(`SELECT COUNT(*) AS n FROM risks WHERE deleted_at IS NULL AND status NOT IN ${closed}`).n;
    expect(text).toContain(`在册${active}件`);
    const byLevel = all<{ level: number; n: number }>(`SELECT level, COUNT(*) AS n FROM risks WHERE deleted_at IS NULL AND status NOT IN ${closed} AND level IS NOT NULL GROUP BY level`);
    for (const { level, n } of byLevel) expect(text).toContain(`${['重大', '较大', '一般', '低'][level - 1]}${n}件`);
    // The period is the Monday–Sunday before the meeting; moves are the risks whose day-exact history
    // (risk_history, the 统计 area's) changed that way on one of its days.
    const week = sql<{ w: string }>("SELECT date(date, 'weekday 1', '-7 days') AS w FROM meetings WHERE id = ?", meetingId).w;
    const move = (cond: string) =>
      sql<{ n: number }>(`SELECT COUNT(DISTINCT h.risk_id) AS n FROM risk_history h JOIN risks r ON r.id = h.risk_id WHERE r.deleted_at IS NULL AND h.on_date BETWEEN ? AND date(?, '+6 days') AND ${cond}`, week, week).n;
    const moves = [move('h.prev_status IS NULL'), move('h.level < h.prev_level'), move('h.level > h.prev_level'), move(`h.status IN ${closed} AND h.prev_status NOT IN ${closed}`)];
    expect(text).toContain(`本期新增${moves[0]}件，升级${moves[1]}件，降级${moves[2]}件，销号${moves[3]}件`);
    const table = doc.blocks.find((b) => b.t === 'heatmap');
    if (table?.t !== 'heatmap') throw new Error('no level × domain table');
    const cells = all<{ domain: string; level: number; n: number }>(
      `SELECT d.name AS domain, r.level, COUNT(*) AS n FROM risks r JOIN domains d ON d.id = r.domain_id WHERE r.deleted_at IS NULL AND r.status NOT IN ${closed} AND r.level IS NOT NULL GROUP BY d.name, r.level`,
    );
    for (const c of cells) expect(table.counts[table.rowLabels.indexOf(c.domain)][c.level - 1]).toBe(c.n);
    expect(table.counts.at(-1)).toEqual([1, 2, 3, 4].map((l) => byLevel.find((x) => x.level === l)?.n ?? 0));
    const key = sql<{ n: number }>(`SELECT COUNT(*) AS n FROM risks WHERE deleted_at IS NULL AND status NOT IN ${closed} AND level IN (1, 2)`).n;
    expect(text).toContain(`在册重大、较大风险隐患${key}件`);
  });

  it('for one county (a filter) counts and lists only that county\'s active 重大/较大 risks in 三', async () => {
    const closed = "('已销号','转司法终结')";
    const county = sql<{ id: number; name: string }>(
      `SELECT g.id, g.name FROM risks r JOIN regions g ON g.id = r.region_id WHERE r.deleted_at IS NULL AND r.status NOT IN ${closed} AND r.level IN (1, 2) GROUP BY g.id ORDER BY COUNT(*) DESC LIMIT 1`,
    );
    const n = sql<{ n: number }>(`SELECT COUNT(*) AS n FROM risks WHERE deleted_at IS NULL AND status NOT IN ${closed} AND level IN (1, 2) AND region_id = ?`, county.id).n;
    const doc = await call<Doc>('briefs.model', { ...weekly, final: false, filter: { regionId: county.id } });
    const lines = docText(doc);
    const part3 = lines.slice(lines.findIndex((l) => l.startsWith('三、重点风险')), lines.findIndex((l) => l.startsWith('四、交办督办')));
    expect(part3.join('')).toContain(`在册重大、较大风险隐患${n}件`);
    // Each listed risk's line begins with its county, level last: "西岭县，问题楼盘，重大。…".
    const listed = part3.filter((l) => /^[^，。]+，[^，。]+，(重大|较大)。/.test(l));
    expect(listed.length).toBe(Math.min(n, 10));
    for (const l of listed) expect(l.startsWith(`${county.name}，`), l).toBe(true);
  });

  it('reads in words: no arrows, comparison signs or multiplication signs in its body', () => {
    const text = execFileSync('pdftotext', [weeklyPdf, '-'], { encoding: 'utf8' });
    for (const ch of ['→', '≥', '≤']) expect(text).not.toContain(ch);
    // × stays only where the register masks a name (张×, ××街道), never between numbers.
    expect(text).not.toMatch(/[\d）)]\s*×\s*[\d（(]|×\s*影响/);
  });
});

describe('GB/T 9704 details on the printed pages', () => {
  it('版记 on the last page: its last rule on the block\'s lower edge (± 1 mm), outer rules 0.35 mm, the rule between 0.25 mm', () => {
    for (const file of [weeklyPdf, minutesPdf]) {
      const r = raster(file, pages(file), 600).rules().filter((x) => x.top > 150);
      expect(r.length, file).toBe(3);
      const width = (x: { top: number; bottom: number }) => x.bottom - x.top;
      expect(Math.abs(r[2].bottom - BLOCK.bottom), file).toBeLessThanOrEqual(1);
      expect(Math.abs(width(r[0]) - 0.35)).toBeLessThan(0.06); // 600 dpi: 0.042 mm a row; a border would print 0.26 mm
      expect(Math.abs(width(r[2]) - 0.35)).toBeLessThan(0.06);
      expect(Math.abs(width(r[1]) - 0.25)).toBeLessThan(0.06);
    }
  });

  it('page numbers 7 mm below the block (ink top, ± 1 mm); no ink outside the block on either side', () => {
    for (const file of [weeklyPdf, minutesPdf]) {
      for (let p = 1; p <= pages(file); p++) {
        const r = raster(file, p, 200);
        const px = (v: number) => Math.round((v / 25.4) * 200);
        let inkTop = -1;
        for (let y = px(BLOCK.bottom) + 1; y < r.h && inkTop < 0; y++) for (let x = 0; x < r.w; x++) if (r.dark(x, y)) { inkTop = y; break; }
        expect(Math.abs(r.mm(inkTop) - BLOCK.bottom - 7), `${file} p${p}`).toBeLessThanOrEqual(1);
        const outside: string[] = [];
        for (let y = px(BLOCK.top); y < px(BLOCK.bottom); y++) {
          for (let x = 0; x < r.w; x++) if ((x > px(BLOCK.right + 0.3) || x < px(BLOCK.left - 0.3)) && r.dark(x, y)) outside.push(`${r.mm(x).toFixed(1)},${r.mm(y).toFixed(1)}`);
        }
        expect(outside.slice(0, 5), `${file} p${p}: ink outside the block (x,y mm)`).toEqual([]);
      }
    }
  });

  it('codes and dates are never split across lines; no heading is the last line of a page', async () => {
    for (const [file, request] of [[weeklyPdf, weekly], [minutesPdf, { kind: 'minutes', meetingId, asOf: '2026-11-25' }]] as const) {
      const text = docText(await call<Doc>('briefs.model', request)).join('\n');
      const atoms = [...new Set(text.match(/[A-Z]{2}-\d{4}-\d{3}|\d{4}年\d{1,2}月\d{1,2}日/g) ?? [])];
      expect(atoms.length).toBeGreaterThan(3);
      const printed: string[] = [];
      for (let p = 1; p <= pages(file); p++) {
        const ls = lines(file, p).filter((l) => l.y < BLOCK.bottom);
        printed.push(...ls.map((l) => l.text));
        const last = ls.at(-1)!.text;
        expect(/^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/.test(last) && last.length < 30, `${file} p${p} ends with the heading ${last}`).toBe(false);
      }
      for (const a of atoms) expect(printed.some((l) => l.includes(a)), `${a} split in ${file}`).toBe(true);
    }
  });

  it('纪要: attendance labels two characters in', () => {
    let found = false;
    for (let p = 1; p <= pages(minutesPdf); p++) {
      for (const l of lines(minutesPdf, p).filter((x) => /^(出席|请假|列席)：/.test(x.text))) {
        expect(Math.abs(l.x0 - (BLOCK.left + (2 * 15.79) / PT_PER_MM))).toBeLessThan(1);
        found = true;
      }
    }
    expect(found).toBe(true);
  });
});

describe('期号 and 文号', () => {
  it('two meetings\' 专报 take consecutive 期号 when first issued; issuing one again keeps its number; a preview takes none', async () => {
    const [a, b, c] = all<{ id: number }>("SELECT id FROM meetings WHERE state IN ('已签发','已归档') ORDER BY date DESC, id DESC LIMIT 3 OFFSET 1");
    const issue = async (id: number, final: boolean) => (await call<Doc>('briefs.model', { kind: 'weekly', meetingId: id, asOf: '2026-11-25', final })).masthead!.issue!;
    expect(await issue(a.id, false)).toContain('预览');
    await call('briefs.saveDocx', { request: { kind: 'weekly', meetingId: a.id, asOf: '2026-11-25', final: true }, out: join(dir, 'a.docx') });
    await call('briefs.saveDocx', { request: { kind: 'weekly', meetingId: b.id, asOf: '2026-11-25', final: true }, out: join(dir, 'b.docx') });
    const na = Number(/第(\d+)期/.exec(await issue(a.id, true))![1]);
    const nb = Number(/第(\d+)期/.exec(await issue(b.id, true))![1]);
    expect(nb).toBe(na + 1);
    await call('briefs.saveDocx', { request: { kind: 'weekly', meetingId: a.id, asOf: '2026-11-25', final: true }, out: join(dir, 'a2.docx') });
    expect(await issue(a.id, true)).toBe(`2026年第${na}期`);
    // Issuing again took no number: the next 专报 follows b's.
    await call('briefs.saveDocx', { request: { kind: 'weekly', meetingId: c.id, asOf: '2026-11-25', final: true }, out: join(dir, 'c.docx') });
    expect(await issue(c.id, true)).toBe(`2026年第${nb + 1}期`);
    // The meeting's 专报 printed above (first issued in this register) holds number 1.
    expect(await issue(meetingId, true)).toBe('2026年第1期');
  });

  it('督办单 文号 is a per-year sequence taken at issue, not the date', async () => {
    const no = async (asOf: string) => {
      await call('briefs.saveDocx', { request: { kind: 'supervision', asOf, final: true }, out: join(dir, `s-${asOf}.docx`) });
      const d = await call<Doc>('briefs.model', { kind: 'supervision', asOf, final: true });
      return docText(d).join('').match(/督办〔2026〕(\d+)号/)![1];
    };
    expect(await no('2026-11-25')).toBe('1');
    expect(await no('2026-11-26')).toBe('2');
    expect(await no('2026-11-25')).toBe('1');
  });
});

describe('fonts', () => {
  it('with only the bundled fonts, the host reports every role printed with its stand-in (公文字体缺失)', async () => {
    await call('briefs.savePdf', { request: { kind: 'weekly', meetingId, asOf: '2026-11-25' }, out: join(dir, 'preview.pdf') });
    const r = await call<{ checked: boolean; roles: { role: string; missing: boolean; printed: string }[] }>('briefs.fonts', {});
    expect(r.checked).toBe(true);
    expect(r.roles.map((x) => x.missing)).toEqual([true, true, true, true]);
  });
});

describe('Word files in LibreOffice', () => {
  it('hold 28 characters per full line and print within one page of the PDF', async () => {
    const docs = [
      { request: weekly, pdf: weeklyPdf, name: 'weekly' },
      { request: { kind: 'minutes', meetingId, asOf: '2026-11-25', cc: '各县区信访局' } as BriefRequest, pdf: minutesPdf, name: 'minutes' },
    ];
    for (const d of docs) await call('briefs.saveDocx', { request: d.request, out: join(dir, `${d.name}.docx`) });
    // One profile per conversion: conversions sharing a profile silently produce nothing.
    await Promise.all(
      docs.map((d) => run('soffice', [`-env:UserInstallation=file://${join(dir, `lo-${d.name}`)}`, '--headless', '--convert-to', 'pdf', '--outdir', join(dir, `lo-out-${d.name}`), join(dir, `${d.name}.docx`)], { timeout: 120_000 })),
    );
    for (const d of docs) {
      const lo = join(dir, `lo-out-${d.name}`, `${d.name}.pdf`);
      expect(Math.abs(pages(lo) - pages(d.pdf)), d.name).toBeLessThanOrEqual(1);
      // Full lines: Chinese text only (LibreOffice adds space around digits and Latin letters), reaching
      // the right edge, and followed by a line that starts with Chinese (else a number moved down whole).
      const cjk = /^[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef“”‘’、]+$/;
      const full: number[] = [];
      for (let p = 1; p <= pages(lo); p++) {
        const ls = lines(lo, p);
        ls.forEach((l, i) => {
          if (!cjk.test(l.text) || l.x1 < BLOCK.right - 4 || !cjk.test(ls[i + 1]?.text.slice(0, 1) ?? '')) return;
          full.push([...l.text].length + Math.round((l.x0 - BLOCK.left) / (15.75 / PT_PER_MM)));
        });
      }
      // The demo 纪要 is printed as written and every long line of it carries a code or a date; the 专报 has full Chinese lines.
      if (d.name === 'weekly') expect(full.length, d.name).toBeGreaterThan(0);
      expect(full, d.name).toEqual(full.map(() => 28));
      expectColophonAtFoot(lo, 3);
    }
  }, 180_000);

  it('put the 版记 at the foot of the last page whatever the body\'s length: on the same page when it fits, else alone on the next', async () => {
    // One-line paragraphs (2 characters' indent + 26): the title and the blank line after it take 2 of
    // the 22 lines, a 版记 with 抄送 two more, one without one. So n lines fit with the 版记 when 2 + n + rows ≤ 22.
    const cases = [
      { name: 'short', n: 3, cc: true },
      { name: 'full-cc', n: 18, cc: true },
      { name: 'over-cc', n: 19, cc: true },
      { name: 'full', n: 19, cc: false },
      { name: 'over', n: 20, cc: false },
    ];
    const text = '风险隐患研判会议研究决定由属地牵头落实稳控化解措施并按期报送办理情况'.slice(0, 24);
    const out = join(dir, 'lo-built');
    for (const c of cases) {
      const doc: Doc = {
        kind: 'minutes',
        orientation: 'portrait',
        title: '版记位置',
        blocks: Array.from({ length: c.n }, (_, i) => ({ t: 'p' as const, text: `${chineseNumber(Math.floor((i + 1) / 10)) || '零'}${chineseNumber((i + 1) % 10)}${text}` })),
        colophon: { cc: c.cc ? '抄送：各县区信访局' : undefined, printer: '江城市信访局办公室', printDate: '2026年11月18日印发' },
      };
      writeFileSync(join(dir, `${c.name}.docx`), await docToDocx(doc));
    }
    // One LibreOffice process converts them one after another (one profile, no concurrent use).
    await run('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-built-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...cases.map((c) => join(dir, `${c.name}.docx`))], { timeout: 180_000 });
    for (const c of cases) {
      const file = join(out, `${c.name}.pdf`);
      const rows = c.cc ? 2 : 1;
      expect(pages(file), c.name).toBe(2 + c.n + rows <= 22 ? 1 : 2);
      // Every body line printed before the 版记's page ends (the 版记 alone on page 2 when it moved).
      const body = lines(file, 1).filter((l) => l.y < BLOCK.bottom && /^[零一二]/.test(l.text));
      expect(body.length, c.name).toBe(c.n);
      expectColophonAtFoot(file, rows + 1);
    }
  }, 240_000);
});

describe('codes and dates in LibreOffice', () => {
  it('stay on one line wherever they fall at a line end, next to Chinese text, in brackets or not', async () => {
    // Paragraph k puts its code or date k characters further on, so across each group it starts at
    // every column near the right edge: without the fix LibreOffice split "JB-2026-" / "092",
    // "2026年11月" / "26日" and "督办" / "〔2026〕12号" here.
    const filler = '风险隐患研判会议研究决定由属地牵头落实稳控化解措施并按期报送办理情况';
    const groups = [
      { token: 'JB-2026-092', from: 16, n: 14, wrap: (t: string) => t },
      { token: 'JB-2026-092', from: 16, n: 6, wrap: (t: string) => `（${t}）` },
      { token: '2026年11月26日', from: 18, n: 8, wrap: (t: string) => t },
      { token: '督办〔2026〕12号', from: 18, n: 6, wrap: (t: string) => t },
    ];
    const blocks = groups.flatMap((g) => Array.from({ length: g.n }, (_, k) => ({ t: 'p' as const, text: `${filler.slice(0, g.from + k)}${g.wrap(g.token)}${filler.slice(0, 20)}` })));
    writeFileSync(join(dir, 'codes.docx'), await docToDocx({ kind: 'minutes', orientation: 'portrait', title: '编号与日期', blocks }));
    await run('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-codes-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', join(dir, 'lo-codes'), join(dir, 'codes.docx')], { timeout: 120_000 });
    const file = join(dir, 'lo-codes', 'codes.pdf');
    const text = Array.from({ length: pages(file) }, (_, p) => lines(file, p + 1).map((l) => squash(l.text))).flat();
    for (const token of new Set(groups.map((g) => g.token))) {
      const want = groups.filter((g) => g.token === token).reduce((a, g) => a + g.n, 0);
      expect(text.filter((l) => l.includes(token)).length, token).toBe(want);
    }
  }, 180_000);
});

/** The 版记's rules on the last page: `count` rules, the last one's lower edge on the block's (± 1 mm), outer 0.35 mm, between 0.25 mm, as wide as the block. */
function expectColophonAtFoot(file: string, count: number) {
  const page = raster(file, pages(file), 600);
  const r = page.rules().filter((x) => x.bottom - x.top > 0.15 && x.top > 150).slice(-count);
  const width = (x: { top: number; bottom: number }) => x.bottom - x.top;
  expect(r.length, file).toBe(count);
  expect(Math.abs(r[count - 1].bottom - BLOCK.bottom), `${file}: last rule ${r[count - 1].bottom.toFixed(2)} mm`).toBeLessThanOrEqual(1);
  for (const [i, x] of r.entries()) {
    expect(Math.abs(width(x) - (i === 0 || i === count - 1 ? 0.35 : 0.25)), `${file} rule ${i}`).toBeLessThan(0.06);
    const y = Math.round((((x.top + x.bottom) / 2) / 25.4) * 600);
    const px = (mm: number) => Math.round((mm / 25.4) * 600);
    expect(page.dark(px(BLOCK.left + 0.3), y) && page.dark(px(BLOCK.right - 0.3), y) && !page.dark(px(BLOCK.left - 0.5), y) && !page.dark(px(BLOCK.right + 0.5), y), `${file} rule ${i} spans the block`).toBe(true);
  }
}
