// What an import will do (dry run) or did (commit), row by row: the report the wizard shows,
// the CLI prints as JSON and the user can download as .xlsx.
import { z } from 'zod';
import { strictBase64 } from '../base64.js';
import type { RiskFields, RiskRow } from '../risks.js';
import type { ColumnInfo } from './headers.js';
import type { CellIssue } from './rows.js';

// The web host accepts 50 MB request bodies; 30 MB of file is 40 MB as base64.
export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;

export const importFileInput = z.object({
  fileName: z.string().trim().min(1, { message: '缺少文件名' }).max(255),
  /** The file's bytes, base64: the renderer has no file system, so the bytes travel through the API. */
  dataBase64: z.string().min(1, { message: '文件是空的' }).pipe(strictBase64('文件', MAX_IMPORT_BYTES, '文件超过 30MB，请拆分后分批导入')),
  sheet: z.string().max(100).optional(),
  /** 1-based header row, when the detected one is wrong. */
  headerRow: z.number().int().min(1).max(1000).optional(),
  mapping: z.record(z.string(), z.string().nullable()).optional(),
});
export type ImportFileInput = z.infer<typeof importFileInput>;

export type RowAction = 'create' | 'update' | 'unchanged' | 'reject' | 'skip';

export interface ImportRowReport {
  row: number;
  action: RowAction;
  code: string;
  title: string;
  riskId: number | null;
  /** Chinese labels of the fields an update changes. */
  changed: string[];
  /** Why a row is rejected or skipped, one sentence per problem ("第7行 D列「领域」：…"). */
  reasons: string[];
  issues: CellIssue[];
  warnings: CellIssue[];
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skipped: number;
}

export interface ImportReport {
  fileName: string;
  sheet: string;
  sheets: string[];
  /** 1-based. */
  headerRow: number;
  columns: ColumnInfo[];
  /** Per column, the first few non-empty values under the header (shown beside the mapping). */
  samples: string[][];
  mappingErrors: string[];
  counts: ImportCounts;
  rows: ImportRowReport[];
  committed: boolean;
  /** Backup taken just before the commit. */
  backupFile: string | null;
  /** 主办/配合单位 names of the rows against the 责任单位 list: new ones join it on commit; a former name finds its unit. */
  units?: { fresh: string[]; renamed: Array<{ name: string; unitName: string }> };
}

export function countActions(rows: ImportRowReport[]): ImportCounts {
  const c: ImportCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0 };
  for (const r of rows) {
    if (r.action === 'create') c.created++;
    else if (r.action === 'update') c.updated++;
    else if (r.action === 'unchanged') c.unchanged++;
    else if (r.action === 'reject') c.rejected++;
    else c.skipped++;
  }
  return c;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of a sheet row that differ from the stored risk (undefined = the sheet does not say). */
export function changedFields(existing: RiskRow, fields: Partial<RiskFields>): Array<keyof RiskFields> {
  return (Object.keys(fields) as Array<keyof RiskFields>).filter((f) => fields[f] !== undefined && !same(fields[f], existing[f as keyof RiskRow]));
}
