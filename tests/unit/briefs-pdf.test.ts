// Printed briefs end to end: real database, real web host serving the built renderer, real
// Chromium printing the print route; positions read back with poppler (pdftotext -bbox, pdfinfo,
// pdffonts) and the .docx unzipped with the system unzip. Needs `vite build` first (npm test does it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core.js';
import { startWebHost, type WebHost } from '../../electron/webhost.js';
import { createChromiumPrinter } from '../../electron/print/chromium.js';
import { RENDERER_DIR } from '../../electron/renderer-dir.js';
import { docText, type Doc } from '../../shared/briefs/model.js';
import { calibrationLine } from '../../shared/briefs/samples.js';
import type { BriefRequest } from '../../shared/briefs/request.js';
import type { BriefFile } from '../../shared/contract/briefs.js';
import { testCaller } from './helpers.js';

const PT_PER_MM = 72 / 25.4;
const mm = (x: number) => x * PT_PER_MM;
const PITCH = mm(225) / 22;

let dir: string;
let core: Core;
let host: WebHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yanpan-briefs-'));
  core = openCore({ caller: testCaller('打印员'), dbPath: join(dir, 'b.db'), host: 'cli', operator: '打印员', now: () => '2026-11-23T02:00:00.000Z' });
  const demo = await core.dispatch('demo.load', { risks: 80, seed: 7, asOf: '2026-11-23' });
  if (!demo.ok) throw new Error(demo.error.message);
  host = await startWebHost({ dispatch: core.dispatch, staticDir: RENDERER_DIR });
  core.printer.current = createChromiumPrinter(host.url, { session: host.printSession });
}, 60_000);

afterAll(async () => {
  await core.printer.current?.close();
  await host.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.dispatchLocal(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

async function pdf(request: BriefRequest, name: string): Promise<{ file: string; info: BriefFile; doc: Doc }> {
  const file = join(dir, name);
  const info = await call<BriefFile>('briefs.savePdf', { request, out: file, copies: 2 });
  return { file, info, doc: await call<Doc>('briefs.model', request) };
}

interface Word { x0: number; y0: number; x1: number; y1: number; text: string }
function pageWords(file: string, page: number): Word[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: m[5] }));
}
const squash = (s: string) => s.replace(/\s+/g, '');
/** The text of a .docx body as Word shows it: its w:t runs but hidden ones (w:vanish), a non-breaking hyphen as "-". */
const docxText = (xml: string) => [...xml.replace(/<w:r>(?:(?!<\/w:r>).)*?<w:vanish\/>.*?<\/w:r>/gs, '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:noBreakHyphen\/>/g)].map((m) => m[1] ?? '-').join('');
/** Text of all pages without the page-number lines. */
function bodyText(file: string): string {
  return squash(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).split('\n').filter((l) => !/^—\s*\d+\s*—$/.test(l.trim())).join(''));
}
function pageSize(file: string, page = 1): [number, number] {
  const out = execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), file], { encoding: 'utf8' });
  const m = /Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/.exec(out) ?? /Page size:\s+([\d.]+) x ([\d.]+)/.exec(out);
  return [Number(m![1]), Number(m![2])];
}

describe('GB/T 9704 layout (版心校准页: 1 title page + 2 pages of 22 full lines)', () => {
  let file: string;
  let info: BriefFile;
  beforeAll(async () => ({ file, info } = await pdf({ kind: 'register', sample: 'calibration', samplePages: 2 }, 'cal.pdf')), 60_000);

  it('is A4 and has the page count its line count gives', () => {
    const [w, h] = pageSize(file);
    expect(Math.abs(w - mm(210))).toBeLessThan(1);
    expect(Math.abs(h - mm(297))).toBeLessThan(1);
    expect(info.pages).toBe(3);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+3\b/);
  });

  it('puts 22 lines of 28 characters in the 156 × 225 mm block at 28 mm / 37 mm', () => {
    for (const page of [2, 3]) {
      const body = pageWords(file, page).filter((w) => [...w.text].length > 3);
      expect(body).toHaveLength(22);
      body.forEach((w, i) => {
        const n = (page - 2) * 22 + i + 1;
        expect(w.text).toBe(calibrationLine(n));
        expect([...w.text]).toHaveLength(28);
        expect(Math.abs(w.x0 - mm(28))).toBeLessThan(0.6); // left edge of the block
        expect(w.x1).toBeLessThanOrEqual(mm(28 + 156) + 0.6); // the 28th character still fits
        expect(w.x1).toBeGreaterThan(mm(28 + 156) - 2);
        // Line i's centre sits at the centre of its slot on the 28.95 pt grid, within 0.5 mm
        // (Chromium snaps line boxes to whole CSS pixels, 0.75 pt, and the glyph box is not quite centred).
        expect(Math.abs((w.y0 + w.y1) / 2 - (mm(37) + (i + 0.5) * PITCH))).toBeLessThan(mm(0.5));
      });
    }
  });

  it('prints "— N —" 7 mm below the block, odd pages right and even pages left, one character in', () => {
    for (const page of [1, 2, 3]) {
      const words = pageWords(file, page).filter((w) => w.y0 > mm(37 + 225));
      expect(words.map((w) => w.text)).toEqual(['—', String(page), '—']);
      const lineTop = mm(37 + 225 + 6.1);
      // The number's 14 pt line box starts 6.1 mm below the block, so its ink starts 7 mm below (measured in briefs-leader.test.ts).
      expect(Math.abs((words[1].y0 + words[1].y1) / 2 - (lineTop + 7))).toBeLessThan(1.5);
      if (page % 2) expect(Math.abs(words[2].x1 - (mm(28 + 156) - 14))).toBeLessThan(1.5);
      else expect(Math.abs(words[0].x0 - (mm(28) + 14))).toBeLessThan(1.5);
    }
  });

  it('extracted text equals the source text', async () => {
    const doc = await call<Doc>('briefs.model', { kind: 'register', sample: 'calibration', samplePages: 2 });
    expect(bodyText(file)).toBe(squash(docText(doc).join('')));
  });
});

describe('documents', () => {
  it('纪要 sample: text equals the model, red masthead with 期号, attendance present', async () => {
    const { file, doc } = await pdf({ kind: 'minutes', sample: 'minutes' }, 'minutes.pdf');
    expect(bodyText(file)).toBe(squash(docText(doc).join('')));
    const first = pageWords(file, 1).map((w) => w.text).join('');
    expect(first).toContain('江城市信访局会议纪要');
    expect(first).toContain('2026年第47期');
  });

  it('研判专报: masthead, its five parts and the key risks it describes, on A4 with embedded bundled fonts only', async () => {
    const { file, doc } = await pdf({ kind: 'weekly', asOf: '2026-11-23', masthead: { copyNo: '000012', urgency: '加急', issueNo: 47 } }, 'weekly.pdf');
    const text = bodyText(file);
    for (const s of ['000012', '加急', '内部资料注意保存', '江城市信访局研判专报', '2026年第47期', '全市涉稳风险隐患研判情况', '一、总体情况', '二、本次研判会', '三、重点风险', '四、交办督办', '五、下步工作']) expect(text).toContain(squash(s));
    const key = doc.blocks.filter((b) => b.t === 'h' && b.level === 2);
    expect(key.length).toBe(10);
    for (const h of key) if (h.t === 'h') expect(text).toContain(squash(h.text));
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      const cols = f.trim().split(/\s+/);
      expect(cols.slice(-5, -2), f).toEqual(['yes', 'yes', 'yes']); // embedded, subset, with a ToUnicode map
      // Only the bundled families: what a fresh Linux PC without government fonts also gets.
      expect(cols[0]).toMatch(/\+(NotoSerifSC|NotoSansSC|LXGWWenKai)/);
    }
  });

  it('register: landscape A4 table, one row per risk', async () => {
    const { file, doc } = await pdf({ kind: 'register', filter: { level: 1 } }, 'reg.pdf');
    const [w, h] = pageSize(file);
    expect(Math.abs(w - mm(297))).toBeLessThan(1);
    expect(Math.abs(h - mm(210))).toBeLessThan(1);
    const n = (core.db.prepare('SELECT COUNT(*) AS n FROM risks WHERE deleted_at IS NULL AND level = 1').get() as { n: number }).n;
    const table = doc.blocks.find((b) => b.t === 'table');
    expect(table && table.t === 'table' && table.rows.length).toBe(n);
    const text = bodyText(file);
    const codes = core.db.prepare('SELECT code FROM risks WHERE deleted_at IS NULL AND level = 1').all() as { code: string }[];
    for (const c of codes) expect(text).toContain(c.code);
  });

  it('.docx unzips to the same text, A4 set-up, East Asian font on every run, odd/even footers', async () => {
    const request = { kind: 'minutes', sample: 'minutes' } as const;
    const file = join(dir, 'minutes.docx');
    await call('briefs.saveDocx', { request, out: file });
    const doc = await call<Doc>('briefs.model', request);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
    expect(squash(docxText(xml))).toBe(squash(docText(doc).join('')));
    // Codes keep their hyphens as Word's non-breaking hyphen: no code is written with a plain one.
    expect(docText(doc).join('')).toMatch(/[A-Z]{2,}-\d{4}-\d{2,}/);
    for (const m of xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)) expect(m[1]).not.toMatch(/[A-Z]{2,}-\d{4}|\d{4}-\d{2,}/);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((m) => m[1]).filter((r) => r.includes('<w:t'));
    expect(runs.length).toBeGreaterThan(10);
    for (const r of runs) expect(r).toMatch(/w:eastAsia="[^"]+"/);
    const settings = execFileSync('unzip', ['-p', file, 'word/settings.xml'], { encoding: 'utf8' });
    expect(settings).toContain('w:evenAndOddHeaders');
    const footers = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    expect(footers.match(/word\/footer\d+\.xml/g)?.length).toBe(2);
  });

  it('研判专报 .docx: the same text as the model, the level × domain table shaded, 版记 framed at the foot', async () => {
    const request = { kind: 'weekly', asOf: '2026-11-23' } as const;
    const file = join(dir, 'weekly.docx');
    await call('briefs.saveDocx', { request, out: file });
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
    expect(squash(docxText(xml))).toBe(squash(docText(await call<Doc>('briefs.model', request)).join('')));
    expect(xml).toMatch(/<w:shd [^>]*w:fill="(?!FFFFFF)[0-9A-F]{6}"/);
    // The 版记: a table floating at the bottom of the text block (where it lands is measured in LibreOffice: briefs-leader).
    const tblpPr = /<w:tblpPr [^>]*\/>/.exec(xml)?.[0] ?? '';
    expect(tblpPr).toContain('w:vertAnchor="margin"');
    expect(tblpPr).toContain('w:tblpYSpec="bottom"');
  });

  it('records every export in the audit log (who, when, which document, copies)', () => {
    const rows = core.db.prepare("SELECT actor, at, action, after FROM audit_log WHERE entity = 'brief' ORDER BY id").all() as { actor: string; at: string; action: string; after: string }[];
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const r of rows) {
      expect(r.actor).toBe('打印员');
      expect(r.at).toBe('2026-11-23T02:00:00.000Z');
      expect(r.action).toBe('export');
    }
    const weekly = rows.map((r) => JSON.parse(r.after)).find((a) => a.kind === 'weekly');
    expect(weekly).toMatchObject({ format: 'pdf', copies: 2, title: '全市涉稳风险隐患研判情况' });
    expect(weekly.pages).toBeGreaterThan(1);
  });

  it('a job can be cancelled: no file, a Chinese message, nothing recorded', async () => {
    const before = (core.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'brief'").get() as { n: number }).n;
    const out = join(dir, 'cancelled.pdf');
    const running = core.dispatchLocal('briefs.savePdf', { request: { kind: 'register' }, out, jobId: 'job-1' });
    const progress = await call<{ job: { stage: string } | null }>('briefs.progress', { jobId: 'job-1' });
    expect(progress.job).not.toBeNull();
    expect(await call('briefs.cancel', { jobId: 'job-1' })).toEqual({ cancelled: true });
    const r = await running;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'CANCELLED', message: expect.stringContaining('已取消') });
    expect(existsSync(out)).toBe(false);
    expect((core.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'brief'").get() as { n: number }).n).toBe(before);
    expect((await call<{ job: { stage: string } }>('briefs.progress', { jobId: 'job-1' })).job.stage).toBe('已取消');
  });

  it('after a cancel, documents asked for at the same time each come out whole and right', async () => {
    const [a, b] = await Promise.all([pdf({ kind: 'agenda', sample: 'agenda' }, 'agenda.pdf'), pdf({ kind: 'supervision', sample: 'supervision' }, 'sup.pdf')]);
    expect(bodyText(a.file)).toBe(squash(docText(a.doc).join('')));
    expect(bodyText(b.file)).toContain(squash('风险隐患交办事项督办单'));
    for (const code of ['JB-2026-0201', 'JB-2026-0255', 'JB-2026-0288']) expect(bodyText(b.file)).toContain(code);
  });

  it('refuses a meeting document for a meeting that does not exist, in Chinese, and a bad 份号', async () => {
    const r = await core.dispatch('briefs.model', { kind: 'minutes', meetingId: 99999 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('研判会');
    const bad = await core.dispatch('briefs.model', { kind: 'weekly', masthead: { copyNo: '12' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('份号');
  });
});

it('PDF printing needs the renderer build', () => {
  expect(readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8')).toContain('<div id="root"');
});
