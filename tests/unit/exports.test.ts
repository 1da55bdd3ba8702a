// Export → import reproduces the register: every field of the contract, versions and audit untouched.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ok, rowCount, tempCore } from './helpers.js';
import { riskFields, type Page, type RiskRow } from '../../shared/risks.js';
import type { ImportReport } from '../../shared/imports/report.js';
import type { FilePayload } from '../../shared/contract/imports.js';

const FIELDS = Object.keys(riskFields.shape) as Array<keyof typeof riskFields.shape>;
// The contract names lists by id; the register shows names. Compare what a person sees.
const comparable = (r: RiskRow) => Object.fromEntries([...FIELDS.filter((f) => f !== 'regionId' && f !== 'domainId').map((f) => [f, r[f]]), ['region', r.region], ['domain', r.domain]]);

async function all(dispatch: ReturnType<typeof tempCore>['dispatch']): Promise<RiskRow[]> {
  const out: RiskRow[] = [];
  for (let page = 1; ; page++) {
    const p = await ok<Page<RiskRow>>(dispatch, 'risks.list', { pageSize: 500, page, sort: 'code' });
    out.push(...p.rows);
    if (out.length >= p.total) return out;
  }
}

async function seeded() {
  const core = tempCore();
  await ok(core.dispatch, 'demo.load', { risks: 300, seed: 11, asOf: '2026-11-25' });
  // One risk with every awkward value: line breaks, quotes, commas, several co-units, a note instead of a date.
  await ok(core.dispatch, 'risks.create', {
    code: 'JC-2026-900', regionId: 2, domainId: 3, title: '含"引号",逗号与\n换行的事项', summary: '第一行\n第二行，含逗号,和"引号"', involvedCount: 2100, involvedUnit: '户', involvedText: '约2100户',
    amountWan: 36000.5, extremeRisk: true, opinionRisk: '发酵', source: '12345', firstFound: '2024-02-29', likelihood: 5, impact: 4, level: 1, levelBasis: '进京', trend: '升温',
    leadUnit: '市公安局经侦支队', coUnits: ['市金融局', '市市场监管局'], packageLeader: '王×', packageLeaderTitle: '副市长', taskForce: '专班甲', deadline: null, deadlineNote: '按季研判', progress: '冻结资产0.8亿元', status: '稳控',
  });
  return core;
}

describe('export', () => {
  for (const format of ['xlsx', 'csv'] as const) {
    it(`${format}: export then import into an empty register reproduces every field`, async () => {
      const a = await seeded();
      const file = await ok<FilePayload>(a.dispatch, 'exports.register', { format });
      const original = await all(a.dispatch);
      expect(file.rows).toBe(original.length);
      const b = tempCore();
      const report = await ok<ImportReport>(b.dispatch, 'imports.commit', { fileName: file.fileName, dataBase64: file.dataBase64 });
      expect(report.counts).toMatchObject({ created: original.length, rejected: 0 });
      expect((await all(b.dispatch)).map(comparable)).toEqual(original.map(comparable));
    });

    it(`${format}: importing the export back into the same register changes nothing (no version, no audit row)`, async () => {
      const a = await seeded();
      const file = await ok<FilePayload>(a.dispatch, 'exports.register', { format });
      const before = await all(a.dispatch);
      const audit = rowCount(a.db, 'audit_log');
      const report = await ok<ImportReport>(a.dispatch, 'imports.commit', { fileName: file.fileName, dataBase64: file.dataBase64 });
      expect(report.counts).toEqual({ created: 0, updated: 0, unchanged: before.length, rejected: 0, skipped: 0 });
      expect(rowCount(a.db, 'audit_log')).toBe(audit);
      expect(await all(a.dispatch)).toEqual(before);
    });
  }

  it('the .xlsx has Chinese headers, widths, a frozen header and level colours', async () => {
    const a = await seeded();
    const file = await ok<FilePayload>(a.dispatch, 'exports.register', { format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64!, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('风险台账')!;
    expect(ws.getRow(1).getCell(1).value).toBe('编号');
    expect(ws.getRow(1).getCell(5).value).toBe('事项名称');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(5).width).toBeGreaterThan(20);
    const levelCol = (ws.getRow(1).values as unknown[]).indexOf('风险等级');
    const red = [...Array(ws.rowCount - 1).keys()].map((i) => ws.getRow(i + 2).getCell(levelCol)).find((c) => c.value === '重大')!;
    expect((red.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFC8161D');
  });
});

describe('export: CSV formula injection (issue 11)', () => {
  const TITLES = ["=cmd|' /C calc'!A0", '+1', '-2', '@SUM(A1)', '\tx', "'abc", "'=x"];

  it('text starting with = + - @ is written with a guard apostrophe, numbers as numbers; the round trip is exact', async () => {
    const a = tempCore();
    await ok(a.dispatch, 'demo.load', { risks: 5, seed: 3, asOf: '2026-11-25' });
    for (const [k, title] of TITLES.entries()) {
      await ok(a.dispatch, 'risks.create', { code: `JC-2026-${800 + k}`, regionId: 1, domainId: 1, title, summary: title, progress: '-', amountWan: 12.5, involvedCount: 3 });
    }
    const file = await ok<FilePayload>(a.dispatch, 'exports.register', { format: 'csv' });
    const csv = Buffer.from(file.dataBase64!, 'base64').toString('utf8');
    const line = (code: string) => csv.split('\r\n').find((l) => l.startsWith(code))!;
    // As a spreadsheet sees them: no cell starts with a formula character.
    expect(line('JC-2026-800')).toContain(",'=cmd|' /C calc'!A0,'=cmd|' /C calc'!A0,");
    expect(line('JC-2026-801')).toContain(",'+1,'+1,");
    expect(line('JC-2026-802')).toContain(",'-2,'-2,");
    expect(line('JC-2026-803')).toContain(",'@SUM(A1),'@SUM(A1),");
    expect(line('JC-2026-805')).toContain(",'abc,'abc,");
    expect(line('JC-2026-806')).toContain(",''=x,''=x,");
    // Amounts and counts stay numbers a spreadsheet can add up.
    expect(line('JC-2026-801')).toMatch(/,3,人,,12\.5,/);
    for (const cell of csv.split(/[,\r\n]+/)) expect(cell, cell).not.toMatch(/^"?[=+@]/);

    const b = tempCore();
    await ok(b.dispatch, 'demo.load', { risks: 5, seed: 3, asOf: '2026-11-25' });
    const report = await ok<ImportReport>(b.dispatch, 'imports.commit', { fileName: file.fileName, dataBase64: file.dataBase64 });
    expect(report.counts).toMatchObject({ rejected: 0 });
    const back = (await all(b.dispatch)).filter((r) => r.code >= 'JC-2026-800' && r.code <= 'JC-2026-806');
    // The stored title of '\tx' is 'x' (text fields are trimmed when saved); every other comes back as written.
    expect(back.map((r) => [r.title, r.summary, r.progress])).toEqual(['=cmd|\' /C calc\'!A0', '+1', '-2', '@SUM(A1)', 'x', "'abc", "'=x"].map((t) => [t, t, '-']));
  });

  it('NUL and ESC are dropped from the CSV', async () => {
    const a = tempCore();
    await ok(a.dispatch, 'risks.create', { code: 'JC-2026-900', regionId: 1, domainId: 1, title: '含\u0000控制\u001b字符', summary: '\u001b[31m红字' });
    const csv = Buffer.from((await ok<FilePayload>(a.dispatch, 'exports.register', { format: 'csv' })).dataBase64!, 'base64').toString('utf8');
    expect(csv.includes('\u0000') || csv.includes('\u001b')).toBe(false);
    expect(csv).toContain(',含控制字符,[31m红字,');
  });
});

describe('export: 研判记录 and 交办事项 sheets', () => {
  it('xlsx holds exactly the assessments and actions in the database, with headers, frozen header and level colours', async () => {
    const core = tempCore();
    await ok(core.dispatch, 'demo.load', { risks: 60, seed: 5, asOf: '2026-11-25' });
    const file = await ok<FilePayload>(core.dispatch, 'exports.register', { format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64!, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['风险台账', '研判记录', '交办事项']);
    const rowsOf = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const head = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      const out: Array<Record<string, unknown>> = [];
      for (let r = 2; r <= ws.rowCount; r++) out.push(Object.fromEntries(head.map((h, i) => [h, ws.getRow(r).getCell(i + 1).value ?? ''])));
      return { ws, head, out };
    };
    const names = ['重大', '较大', '一般', '低'];
    const a = rowsOf('研判记录');
    const dbA = core.db.prepare('SELECT r.code, a.assessed_on, a.final_level, a.analysis FROM assessments a JOIN risks r ON r.id = a.risk_id WHERE r.deleted_at IS NULL').all() as Array<{ code: string; assessed_on: string; final_level: number; analysis: string }>;
    const key = (code: unknown, on: unknown, level: unknown, text: unknown) => `${code}|${on}|${level}|${text}`;
    expect(a.out.map((r) => key(r['事项编号'], r['研判日期'], r['研判等级'], r['研判意见'])).sort()).toEqual(dbA.map((r) => key(r.code, r.assessed_on, names[r.final_level - 1], r.analysis)).sort());
    expect(a.ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const levelCol = a.head.indexOf('研判等级') + 1;
    expect((a.ws.getRow(2).getCell(levelCol).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toMatch(/^FF[0-9A-F]{6}$/);
    const x = rowsOf('交办事项');
    const dbX = core.db.prepare('SELECT code, state, due_at, lead_unit FROM actions').all() as Array<{ code: string; state: string; due_at: string; lead_unit: string }>;
    expect(dbX.length).toBeGreaterThan(0);
    expect(x.out.map((r) => `${r['交办编号']}|${r['办理状态']}|${r['办结时限']}|${r['牵头单位']}`).sort()).toEqual(dbX.map((r) => `${r.code}|${r.state}|${r.due_at}|${r.lead_unit}`).sort());
    expect(x.ws.getColumn(x.head.indexOf('交办内容') + 1).width).toBeGreaterThan(20);
  });

  it('csv: one sheet chosen, same rows as the database', async () => {
    const core = tempCore();
    await ok(core.dispatch, 'demo.load', { risks: 40, seed: 9, asOf: '2026-11-25' });
    for (const [sheet, table, header] of [['assessments', 'assessments a JOIN risks r ON r.id = a.risk_id WHERE r.deleted_at IS NULL', '事项编号'], ['actions', 'actions', '交办编号']] as const) {
      const file = await ok<FilePayload>(core.dispatch, 'exports.register', { format: 'csv', sheet });
      expect(file.rows).toBe(rowCount(core.db, table));
      expect(Buffer.from(file.dataBase64!, 'base64').toString('utf8').replace(/^\ufeff/, '').startsWith(header)).toBe(true);
    }
    const bad = await core.dispatch('exports.register', { format: 'csv', sheet: 'x' });
    expect(bad.ok).toBe(false);
  });
});

describe('export of a large register', () => {
  it("a table longer than Excel's sheet continues on 「…（续2）」 sheets, every row once, in order", async () => {
    const a = await seeded();
    const { exportWorkbook } = await import('../../electron/imports/workbook.js');
    const out = await exportWorkbook(a.db, { sheets: ['register'], rowsPerSheet: 120 });
    const original = await all(a.dispatch);
    expect(out.rows).toBe(original.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.data as unknown as ArrayBuffer);
    const parts = Math.ceil(original.length / 120);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['风险台账', ...[...Array(parts - 1).keys()].map((i) => `风险台账（续${i + 2}）`)]);
    const codes = wb.worksheets.flatMap((ws) => {
      expect(ws.getRow(1).getCell(1).value).toBe('编号');
      return [...Array(ws.rowCount - 1).keys()].map((i) => ws.getRow(i + 2).getCell(1).value);
    });
    expect(codes).toEqual(original.map((r) => r.code));
  });

  it('reads one snapshot on its own connection: a write landing mid-export is not in the file, and the app keeps answering', async () => {
    const a = await seeded();
    const { exportWorkbook } = await import('../../electron/imports/workbook.js');
    const before = await all(a.dispatch);
    // The export gives the event loop a turn every 2,000 rows; the demo's assessments are more than that,
    // so the create below runs (and commits) while the export is still writing.
    expect(rowCount(a.db, 'assessments')).toBeGreaterThan(2000);
    let finished = false;
    const exporting = exportWorkbook(a.db, { sheets: ['register', 'assessments'] }).finally(() => (finished = true));
    const created = await ok<RiskRow>(a.dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '导出期间新增的事项' });
    expect(finished).toBe(false);
    const out = await exporting;
    expect(out.rows).toBe(before.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.data as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('风险台账')!;
    const codes = [...Array(ws.rowCount - 1).keys()].map((i) => ws.getRow(i + 2).getCell(1).value);
    expect(codes).not.toContain(created.code);
    expect((await all(a.dispatch)).map((r) => r.code)).toContain(created.code);
  });
});
