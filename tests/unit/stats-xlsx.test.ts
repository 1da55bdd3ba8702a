// Every 统计 table exports to .xlsx (one sheet each; one table alone when asked), read back with
// exceljs (not our writer) and checked against the second quarter of the constructed register
// (tests/unit/statsFixture.ts), figures worked out by hand as in stats-measures.test.ts.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ok, tempCore } from './helpers.js';
import { periodOf } from '../../shared/stats.js';
import type { FilePayload } from '../../shared/files.js';
import { build } from './statsFixture.js';

const q2 = periodOf('quarter', '2026-05-01');

async function book(file: FilePayload): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.dataBase64!, 'base64') as unknown as ArrayBuffer);
  return wb;
}
const rows = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (r) => out.push(Array.from((r.values as unknown[]).slice(1), (v) => v ?? null)));
  return out;
};
const rowNamed = (ws: ExcelJS.Worksheet, name: string, col = 0) => rows(ws).find((r) => String(r[col]).trim() === name);

describe('统计 .xlsx export', () => {
  it('puts every table in its own sheet with the figures of the page', async () => {
    const { db, dispatch } = tempCore();
    build(db);
    const file = await ok<FilePayload>(dispatch, 'stats.xlsx', { period: q2, asOf: '2026-11-25' });
    expect(file.fileName).toBe('统计-2026年第二季度.xlsx');
    const wb = await book(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总体情况', '化解率、在控率、包案化解率、按期办结率', '按领域', '按县区', '按等级', '责任单位交办办理情况', '信访信息系统指标']);
    const [overview, rates, domain, , level, units] = wb.worksheets;
    expect(rows(overview)[0]).toEqual(['项目', '本期', '上期', '去年同期']);
    // 新增: Q2 B, E; Q1 A (23:59 on 31 March), C, D; Q2 2025 nothing.
    expect(rowNamed(overview, '新增')).toEqual(['新增', 2, 3, 0]);
    // 召开研判会: Q2 周例会 6 April, 专题会 28 April; Q1 周例会 30 March.
    expect(rowNamed(overview, '召开研判会（次）')).toEqual(['召开研判会（次）', 2, 1, 0]);
    // 化解率 1/5 = 20 (Q1: nothing resolved of 0 + 3 → 0; 2025: nothing to divide by → empty).
    expect(rowNamed(rates, '化解率')).toEqual(['化解率', 20, 0, null, 1, 5]);
    // 期末在册 on 30 June by domain: 问题楼盘 A, C, D, E; 劳动社保 B.
    const endCol = rows(domain)[0].indexOf('期末在册');
    expect([rowNamed(domain, '问题楼盘')![endCol], rowNamed(domain, '劳动社保')![endCol]]).toEqual([4, 1]);
    expect(rows(level).length).toBeGreaterThan(1);
    // Ranked by 按期办结率: 人社局 2 of 3 on time (X5, X6), 住建局 1 of 2 (X1).
    const head = rows(units)[0];
    const pick = (name: string) => ['应办结', '按期办结', '按期办结率（%）'].map((c) => rowNamed(units, name, 1)![head.indexOf(c)]);
    expect([pick('人社局'), pick('住建局')]).toEqual([[3, 2, 66.7], [2, 1, 50]]);
    expect(rows(units).slice(1).map((r) => r[1])).toEqual(['人社局', '住建局', '合计']);
  });

  it('exports one table alone when asked', async () => {
    const { db, dispatch } = tempCore();
    build(db);
    const wb = await book(await ok<FilePayload>(dispatch, 'stats.xlsx', { period: q2, asOf: '2026-11-25', tables: ['units'] }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['责任单位交办办理情况']);
  });
});
