// Importing real-looking messy sheets through the dispatcher, as the wizard and the CLI do.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ok, rowCount, tempCore, testCaller } from './helpers.js';
import { rebuildWeekAggregates } from '../../db/weeks.js';
import type { Db } from '../../db/open.js';
import { MESSY_ROWS, messyWorkbook } from './fixtures/messy.js';
import type { ImportReport } from '../../shared/imports/report.js';
import type { Page, RiskRow } from '../../shared/risks.js';

/** The weekly snapshot's three aggregate tables, as rows (zero counts left out: they mean nothing). */
const weekAggregates = (db: Db) => ['week_cells', 'week_summary', 'week_levels'].map((t) => db.prepare(`SELECT * FROM ${t} WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6`).all());

// The team's sample register (ten fictional rows of 江城市), copied into the repository so no test reads outside it.
const SAMPLE = join(import.meta.dirname, 'fixtures', 'sample-register.csv');
const sampleInput = (bytes: Buffer, fileName = 'sample-register.csv') => ({ fileName, dataBase64: bytes.toString('base64') });

async function allRisks(dispatch: ReturnType<typeof tempCore>['dispatch']): Promise<RiskRow[]> {
  return (await ok<Page<RiskRow>>(dispatch, 'risks.list', { pageSize: 500, sort: 'code' })).rows;
}

describe('messy .xlsx: title rows, merged two-row header, empty and 合计 rows, mixed dates, unknown domains, duplicate 编号', () => {
  it('dry run reports every row exactly and writes nothing', async () => {
    const { db, dispatch } = tempCore();
    const { bytes, firstDataRow } = await messyWorkbook();
    const before = [rowCount(db, 'risks'), rowCount(db, 'audit_log')];
    const report = await ok<ImportReport>(dispatch, 'imports.preview', { fileName: '台账.xlsx', dataBase64: bytes.toString('base64') });
    expect([rowCount(db, 'risks'), rowCount(db, 'audit_log')]).toEqual(before);
    expect(report.sheet).toBe('台账');
    expect(report.sheets).toEqual(['说明', '台账']);
    expect(report.headerRow).toBe(4);
    const expected = { created: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0 };
    for (const r of MESSY_ROWS) expected[r.expect.action === 'create' ? 'created' : r.expect.action === 'reject' ? 'rejected' : 'skipped']++;
    expect(report.counts).toEqual(expected);
    MESSY_ROWS.forEach((spec, k) => {
      const got = report.rows.find((r) => r.row === firstDataRow + k)!;
      expect(got.action, `sheet row ${firstDataRow + k}`).toBe(spec.expect.action);
      if (spec.expect.action === 'reject') {
        expect(got.reasons.join('\n')).toMatch(spec.expect.message);
        if (spec.expect.col) {
          expect(got.issues[0].col).toBe(spec.expect.col);
          expect(got.reasons[0]).toMatch(new RegExp(`^第${firstDataRow + k}行 ${spec.expect.col}列「领域|风险等级」`.replace('领域|风险等级', got.issues[0].header)));
        }
      }
      if (spec.expect.action === 'create') {
        expect(got.code).toBe(spec.expect.code);
        expect(got.warnings).toHaveLength(spec.expect.warnings ?? 0);
      }
    });
  });

  it('commit writes exactly the accepted rows with normalised values; a second import changes nothing', async () => {
    const { db, dispatch } = tempCore();
    const { bytes } = await messyWorkbook();
    const input = { fileName: '台账.xlsx', dataBase64: bytes.toString('base64') };
    const report = await ok<ImportReport>(dispatch, 'imports.commit', input);
    expect(report.committed).toBe(true);
    const risks = await allRisks(dispatch);
    const creates = MESSY_ROWS.flatMap((r) => (r.expect.action === 'create' ? [r.expect] : []));
    expect(risks.map((r) => r.code)).toEqual(creates.map((c) => c.code).sort());
    for (const c of creates) {
      const risk = risks.find((r) => r.code === c.code)!;
      for (const [k, v] of Object.entries(c.fields)) expect(risk[k as keyof RiskRow], `${c.code}.${k}`).toEqual(v);
      expect(risk.version).toBe(1);
    }
    // One audit row per created risk, one per 登记定级 assessment its level became (as createRisk
    // records), plus one for the import itself.
    expect(rowCount(db, 'audit_log')).toBe(creates.length + rowCount(db, 'assessments') + 1);
    const audit = rowCount(db, 'audit_log');
    const again = await ok<ImportReport>(dispatch, 'imports.commit', input);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: creates.length });
    expect(rowCount(db, 'audit_log')).toBe(audit);
    expect((await allRisks(dispatch)).map((r) => r.version)).toEqual(creates.map(() => 1));
    // A backup was taken before each commit, beside the database.
    const file = db.name;
    expect(readdirSync(join(dirname(file), 'backups')).filter((f) => f.endsWith('-import.db'))).toHaveLength(2);
  });

  it('each created risk and its 登记定级 are audited with exactly the rows the register then reads', async () => {
    const { db, dispatch } = tempCore();
    const { bytes } = await messyWorkbook();
    await ok<ImportReport>(dispatch, 'imports.commit', { fileName: '台账.xlsx', dataBase64: bytes.toString('base64') });
    const risks = await allRisks(dispatch);
    expect(risks.length).toBeGreaterThan(0);
    for (const risk of risks) {
      const history = await ok<Array<{ action: string; after: unknown }>>(dispatch, 'audit.forEntity', { entity: 'risk', entityId: risk.id });
      expect(history.filter((h) => h.action === 'create').map((h) => h.after), risk.code).toEqual([risk]);
      const assessments = await ok<Array<{ id: number }>>(dispatch, 'assessments.list', { riskId: risk.id });
      for (const a of assessments) {
        const row = db.prepare("SELECT after FROM audit_log WHERE entity = 'assessment' AND entity_id = ? AND action = 'create'").get(a.id) as { after: string };
        expect(JSON.parse(row.after), `${risk.code} assessment ${a.id}`).toEqual(a);
      }
      expect(assessments.length).toBe(risk.level === null ? 0 : 1);
    }
    // The week's snapshot counts added in bulk equal the counts rebuilt from the snapshot rows.
    const bulk = weekAggregates(db);
    expect(bulk.flat().length).toBeGreaterThan(0);
    rebuildWeekAggregates(db);
    expect(weekAggregates(db)).toEqual(bulk);
  });

  it('a user mapping corrects the proposal; the report downloads as .xlsx', async () => {
    const { dispatch } = tempCore();
    const { bytes } = await messyWorkbook();
    const input = { fileName: '台账.xlsx', dataBase64: bytes.toString('base64'), sheet: '台账', mapping: { L: null, 主要诉求: '基本情况' } };
    const report = await ok<ImportReport>(dispatch, 'imports.preview', input);
    expect(report.columns.find((c) => c.letter === 'L')!.field).toBe(null);
    expect(report.columns.find((c) => c.letter === 'H')!.field).toBe('summary');
    await ok(dispatch, 'imports.commit', input);
    const risk = (await allRisks(dispatch)).find((r) => r.code === 'JC-2024-101')!;
    expect(risk.summary).toBe('按新标准补偿');
    expect(risk.mainDemands).toBe('');
    expect(risk.progress).toBe('');
    const file = await ok<{ fileName: string; dataBase64: string }>(dispatch, 'imports.reportFile', input);
    expect(file.fileName).toMatch(/\.xlsx$/);
    expect(Buffer.from(file.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});

describe('CSV in UTF-8, UTF-8 with BOM and GBK', () => {
  it('the shared sample reads the same in every encoding', async () => {
    const utf8 = readFileSync(SAMPLE);
    const text = utf8.toString('utf8').replace(/^\ufeff/, '');
    const variants = [Buffer.from(text, 'utf8'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), iconv.encode(text, 'gbk')];
    const reports: ImportReport[] = [];
    for (const bytes of variants) {
      const { dispatch } = tempCore();
      reports.push(await ok<ImportReport>(dispatch, 'imports.preview', sampleInput(bytes)));
    }
    const lines = text.trim().split(/\r?\n/);
    expect(reports[0].counts).toEqual({ created: lines.length - 1, updated: 0, unchanged: 0, rejected: 0, skipped: 0 });
    expect(reports[0].rows.map((r) => r.title)).toEqual(lines.slice(1).map((l) => l.split(',')[3]));
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[2]).toEqual(reports[0]);
  });

  it('the sample imports with counts, units, split units and 按季研判 kept', async () => {
    const { dispatch } = tempCore();
    await ok(dispatch, 'imports.commit', sampleInput(readFileSync(SAMPLE)));
    const risks = await allRisks(dispatch);
    const byCode = new Map(risks.map((r) => [r.code, r]));
    expect(byCode.get('JC-2023-112')).toMatchObject({ involvedCount: 420, involvedUnit: '户', involvedText: '420户', status: '已销号', level: 2 });
    expect(byCode.get('JC-2024-002')).toMatchObject({ involvedCount: 2100, leadUnit: '市公安局经侦支队', coUnits: ['市金融局'], deadline: null, deadlineNote: '按季研判', level: 1, packageLeader: '王×', packageLeaderTitle: '副市长' });
    expect(byCode.get('JC-2024-007')).toMatchObject({ involvedCount: 48, involvedText: '', deadline: '2024-02-05' });
    // Imported rows are in the search index (3+ characters go through FTS).
    const hits = await ok<Page<RiskRow>>(dispatch, 'risks.list', { query: '锦绣华庭' });
    expect(hits.rows.map((r) => r.code)).toEqual(['JC-2024-019']);
  });

  it('an updated sheet updates only the changed rows, matched by 编号', async () => {
    const { db, dispatch } = tempCore();
    const text = readFileSync(SAMPLE, 'utf8');
    await ok(dispatch, 'imports.commit', sampleInput(Buffer.from(text)));
    const audit = rowCount(db, 'audit_log');
    const changed = text.replace('已垫付120万元', '已垫付150万元');
    const report = await ok<ImportReport>(dispatch, 'imports.commit', sampleInput(Buffer.from(changed)));
    expect(report.counts).toMatchObject({ created: 0, updated: 1, unchanged: 9 });
    expect(report.rows.find((r) => r.action === 'update')).toMatchObject({ code: 'JC-2024-007', changed: ['进展情况'] });
    const risk = (await allRisks(dispatch)).find((r) => r.code === 'JC-2024-007')!;
    expect(risk).toMatchObject({ progress: '已垫付150万元', version: 2 });
    expect(rowCount(db, 'audit_log')).toBe(audit + 2); // the update and the import summary
  });

  it('rows without 编号 get the next codes, and are matched by 事项名称 + 县区 when imported again', async () => {
    const { db, dispatch } = tempCore();
    const csv = '事项名称,县区,类别,人数\n甲小区物业纠纷,城关区,其他,约20户\n乙厂欠薪,临江,欠薪,35\n';
    const first = await ok<ImportReport>(dispatch, 'imports.commit', sampleInput(Buffer.from(csv), '无编号.csv'));
    expect(first.counts.created).toBe(2);
    const risks = await allRisks(dispatch);
    // The fixed clock says 2026; codes continue the city sequence (empty register → 001, 002).
    expect(risks.map((r) => [r.code, r.title, r.region, r.domain])).toEqual([
      ['JC-2026-001', '甲小区物业纠纷', '城关区', '其他'],
      ['JC-2026-002', '乙厂欠薪', '临江区', '劳动社保'],
    ]);
    const audit = rowCount(db, 'audit_log');
    const again = await ok<ImportReport>(dispatch, 'imports.commit', sampleInput(Buffer.from(csv), '无编号.csv'));
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(rowCount(db, 'audit_log')).toBe(audit);
  });

  it('an old .xls or WPS .et file gets a clear message and nothing changes', async () => {
    const { dispatch } = tempCore();
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    for (const fileName of ['台账.xls', '台账.et', '改了扩展名.xlsx']) {
      const r = await dispatch('imports.preview', { fileName, dataBase64: ole.toString('base64') });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toMatch(/另存为.*xlsx/);
    }
  });
});

describe('all or nothing', () => {
  it('a row failing in the middle of the commit leaves the database exactly as it was', async () => {
    const { db, dispatch } = tempCore();
    const text = readFileSync(SAMPLE, 'utf8');
    await ok(dispatch, 'imports.commit', sampleInput(Buffer.from(text)));
    const snapshot = () => JSON.stringify([db.prepare('SELECT * FROM risks ORDER BY id').all(), rowCount(db, 'audit_log')]);
    const before = snapshot();
    // The storage refuses one row in the middle (as a full disk or a constraint would).
    db.exec("CREATE TRIGGER refuse_one BEFORE INSERT ON risks WHEN NEW.title = '第三条新事项' BEGIN SELECT RAISE(ABORT, 'refused'); END");
    const extra = ['JC-2025-001,城关区,其他,第一条新事项,5,低,,,,,,,待研判', 'JC-2025-002,城关区,其他,第二条新事项,5,低,,,,,,,待研判', 'JC-2025-003,城关区,其他,第三条新事项,5,低,,,,,,,待研判', 'JC-2025-004,城关区,其他,第四条新事项,5,低,,,,,,,待研判'];
    const bigger = text.trim().replace('已垫付120万元', '已垫付150万元') + '\n' + extra.join('\n') + '\n';
    const r = await dispatch('imports.commit', sampleInput(Buffer.from(bigger)));
    expect(r.ok).toBe(false);
    expect(snapshot()).toBe(before);
  });
});

describe('weekly snapshot carried forward in bulk', () => {
  it('the first write weeks after the last snapshot copies each missing week, counted exactly as a rebuild counts', async () => {
    const { tempDatabase } = await import('./helpers.js');
    const { createDispatcher } = await import('../../electron/api/dispatcher.js');
    const { db, file } = tempDatabase();
    let now = '2026-11-23T02:00:00.000Z';
    const dispatch = createDispatcher({ caller: testCaller(), db, dbPath: file, host: 'cli', defaultOperator: '测试员', now: () => now, log: () => {} });
    await ok(dispatch, 'demo.load', { risks: 120, seed: 5, asOf: '2026-11-23' });
    const weeks = () => db.prepare('SELECT week, COUNT(*) AS n FROM risk_weeks GROUP BY week ORDER BY week DESC LIMIT 5').all() as Array<{ week: string; n: number }>;
    expect(weeks()[0].week).toBe('2026-11-23');
    now = '2026-12-16T02:00:00.000Z'; // three weeks later, a Wednesday
    await ok(dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '三周后登记的事项', level: 3 });
    const after = weeks();
    expect(after.map((w) => w.week)).toEqual(['2026-12-14', '2026-12-07', '2026-11-30', '2026-11-23', '2026-11-16']);
    expect(after[0].n).toBe(after[1].n + 1); // the new risk appears in its week
    const kept = weekAggregates(db);
    rebuildWeekAggregates(db);
    expect(weekAggregates(db)).toEqual(kept);
  });
});
