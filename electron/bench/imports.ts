// Import and export at scale: a 10,000-row sheet end to end, the import's write phase against raw
// prepared inserts of the same rows (same run, same database), and the export of the whole register.
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../core.js';
import { planImport, commitImport } from '../../db/imports.js';
import { getLists } from '../../db/settings.js';
import { findHeaderRow, readColumns } from '../../shared/imports/headers.js';
import { normaliseRow, type RowResult } from '../../shared/imports/rows.js';
import { DEFAULT_DOMAINS, DEFAULT_REGIONS } from '../../shared/labels.js';
import { readSheetFile } from '../imports/sheet.js';
import type { BenchSuite } from './types.js';
import { BENCH_CALLER } from './caller.js';

const ROWS = 10_000;
const HEADER = ['编号', '所属县区', '领域', '事项名称', '基本情况', '涉及人数', '风险等级', '主要诉求', '稳控措施', '责任单位', '包案领导', '化解时限', '进展情况', '状态'];

/** A plain but realistic register sheet: a title row, Chinese text, counts with units, dates in several forms. */
async function bigSheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['江城市风险隐患台账（基准测试）']);
  ws.addRow(HEADER);
  for (let i = 1; i <= ROWS; i++) {
    ws.addRow([
      `JC-2027-${String(i).padStart(5, '0')}`, DEFAULT_REGIONS[i % DEFAULT_REGIONS.length], DEFAULT_DOMAINS[i % DEFAULT_DOMAINS.length],
      `第${i}号 滨江片区棚改征收补偿争议`, `涉及${i % 500}户群众，反映补偿标准偏低，多次到区信访局反映。`, i % 3 ? `约${(i % 900) + 1}人` : `${(i % 300) + 1}户`,
      '红橙黄蓝'[i % 4], '按新标准补偿、增加安置面积', '网格日走访；逐户复核评估', i % 5 ? '区征收办' : '区征收办、区住建局', '副区长张×',
      i % 7 ? `2027年${(i % 12) + 1}月${(i % 28) + 1}日` : '按季研判', `复核${i % 90}户`, '化解中',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

class Rollback extends Error {}

export const importsSuite: BenchSuite = {
  name: 'imports',
  // The quick guard imports as many rows into its smaller register: with fewer (3,000 tried), the
  // import's fixed costs weigh more and the ratio drifted to 2.2–3.3.
  setup: async ({ core, asOf }) => {
    const file = await bigSheet();
    const input = { fileName: '基准台账.xlsx', dataBase64: file.toString('base64') };
    // Parsed once for the write-phase case: the cases below time only what they name.
    const sheet = await readSheetFile(input.fileName, file);
    const header = findHeaderRow(sheet.grid)!;
    const columns = readColumns(sheet.grid, header);
    const lists = getLists(core.db);
    const results: RowResult[] = sheet.grid.slice(header + 1).map((cells, k) => normaliseRow(cells, columns, lists, header + k + 2));
    // The demo's own date: the import lands in the week the register was built for. (The first write of a
    // later week first carries the weekly snapshot forward, a cost of that week, not of the import.)
    const ctx = { actor: '基准', now: () => `${asOf}T02:00:00.000Z` };
    const db = core.db;

    /** Runs fn in a transaction on the big register and rolls it back, so every run starts equal. */
    const rolledBack = <T>(fn: () => T): T => {
      let out: T | undefined;
      try {
        db.transaction(() => {
          out = fn();
          throw new Rollback();
        })();
      } catch (e) {
        if (!(e instanceof Rollback)) throw e;
      }
      return out!;
    };

    // Raw (the definition the ratio is judged against): the very rows the import stores in risks,
    // assessments and audit_log (every column, the grading cache, lead_unit_id and the audit JSON
    // included), captured from one rolled-back import and written back table by table, one prepared
    // INSERT per row, with the search index's insert trigger lifted; the schema's other per-row
    // triggers fire as on any INSERT (0006's units trigger sets lead_unit_id again and writes the
    // co-unit links). No matching, no grading, no search index, no snapshot or history rows — what the
    // write phase costs beyond plain SQLite. (The app does that units work set-wise since issue 15.)
    const captured = rolledBack(() => {
      const since = (table: string) => (db.prepare(`SELECT COALESCE(MAX(id), 0) AS m FROM ${table}`).get() as { m: number }).m;
      const from = { risks: since('risks'), assessments: since('assessments'), audit_log: since('audit_log') };
      commitImport(db, ctx, planImport(db, results), { fileName: input.fileName, sheet: '台账' });
      return Object.entries(from).map(([table, after]) => ({ table, rows: db.prepare(`SELECT * FROM ${table} WHERE id > ? ORDER BY id`).all(after) as Array<Record<string, unknown>> }));
    });
    const inserts = captured.map(({ table, rows }) => {
      const cols = Object.keys(rows[0]).filter((c) => c !== 'id');
      return { table, stmt: db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`), rows: rows.map((r) => cols.map((c) => r[c])) };
    });
    /** Raw prepared inserts of the captured rows of the given tables, the search-index trigger lifted. */
    const rawInsert = (tables: string[]) =>
      rolledBack(() => {
        db.exec('DROP TRIGGER IF EXISTS risks_fts_ai');
        for (const t of inserts.filter((i) => tables.includes(i.table))) for (const values of t.rows) t.stmt.run(...values);
        return inserts[0].rows.length;
      });
    const writePhase = async () =>
      rolledBack(() => {
        const plan = planImport(db, results);
        commitImport(db, ctx, plan, { fileName: input.fileName, sheet: '台账' });
        return plan.filter((p) => p.action === 'create').length;
      });
    const sameCount = (a: unknown, b: unknown) => {
      if (a !== b || a !== ROWS) throw new Error(`write phase: api ${String(a)} rows, raw ${String(b)} rows`);
    };

    return [
      {
        name: `import ${ROWS} 行 .xlsx 端到端（读取、识别、预演、备份、提交）`,
        runs: 5,
        api: async () => {
          const dir = mkdtempSync(join(tmpdir(), 'yanpan-bench-import-'));
          const fresh = openCore({ caller: BENCH_CALLER, dbPath: join(dir, 'fresh.db'), host: 'cli' });
          try {
            const r = await fresh.dispatch('imports.commit', input);
            if (!r.ok) throw new Error(r.error.message);
            return (r.value as { counts: { created: number } }).counts.created;
          } finally {
            fresh.close();
            rmSync(dir, { recursive: true, force: true });
          }
        },
        same: (created) => {
          if (created !== ROWS) throw new Error(`end to end: ${String(created)} rows created, expected ${ROWS}`);
        },
        targetMs: 3000,
      },
      {
        // The measure: the write phase against raw prepared inserts of the same rows it
        // stores — the risks, their 登记定级 assessments and the audit rows — so what is timed
        // beyond SQLite's own work is the app's: matching, grading, the search index, the snapshot.
        name: `import 写入阶段 ${ROWS} 行（匹配、定级、插入、审计、检索索引、周快照） vs 原始 INSERT 它写入的全部行（事项、研判、审计）`,
        runs: 5,
        api: writePhase,
        raw: () => rawInsert(['risks', 'assessments', 'audit_log']),
        same: sameCount,
        // Rate at least half of raw ⇔ time at most twice raw. The quick guard judges it at the common 3×
        // ceiling (4.5× until issue 15, when it measured 3.0–3.3×; 1.61× after it, the old code 1.87× under the same load).
        targetRatio: 2,
      },
      {
        // Reported, no target: against the bare risk rows alone the phase also pays for the
        // assessment and audit rows the issue requires (an imported level is recorded as an
        // assessment; every change is audited), ~0.4 s of plain inserts on their own here.
        name: `import 写入阶段 ${ROWS} 行 vs 原始 INSERT 仅事项行（不含研判、审计）`,
        runs: 7,
        api: writePhase,
        raw: () => rawInsert(['risks']),
        same: sameCount,
      },
      {
        // The measure: the register of 100,000 risks as .xlsx (风险台账 sheet).
        name: '导出台账 .xlsx（全部事项，风险台账表）',
        runs: 3,
        api: async () => {
          const r = await core.dispatch('exports.register', { format: 'xlsx', sheets: ['register'] });
          if (!r.ok) throw new Error(r.error.message);
          return (r.value as { rows: number }).rows;
        },
        targetMs: 10_000,
      },
      {
        // The whole workbook: the register, every assessment (1.5 million here, continued over two
        // sheets past Excel's row limit) and every action. Reported, no target: it is the size that costs.
        name: '导出整本 .xlsx（风险台账 + 全部研判记录 + 交办事项）',
        runs: 1,
        api: async () => {
          const r = await core.dispatch('exports.register', { format: 'xlsx' });
          if (!r.ok) throw new Error(r.error.message);
          return (r.value as { rows: number }).rows;
        },
      },
    ];
  },
};
