// The import pipeline, host side: file → grid → header and mapping → normalised rows → plan.
// The same function serves the wizard's dry run, the commit and `yanpan import`.
import type { Db } from '../../db/open.js';
import { getLists } from '../../db/settings.js';
import { planImport, type PlannedRow } from '../../db/imports.js';
import { AppError } from '../../shared/errors.js';
import { applyMapping, findHeaderRow, readColumns } from '../../shared/imports/headers.js';
import { normaliseRow, type RowResult } from '../../shared/imports/rows.js';
import { cellText } from '../../shared/imports/normalise.js';
import { countActions, type ImportFileInput, type ImportReport } from '../../shared/imports/report.js';
import type { SheetData } from './sheet.js';
import { resolveUnitNames } from '../../db/units.js';

export interface PreparedImport {
  report: ImportReport;
  plan: PlannedRow[];
}

export function prepareImport(db: Db, input: ImportFileInput, sheet: SheetData): PreparedImport {
  const detected = input.headerRow ? input.headerRow - 1 : findHeaderRow(sheet.grid);
  if (detected === null || !sheet.grid[detected]) {
    throw new AppError('INVALID_INPUT', `在「${sheet.sheet}」的前 30 行中找不到表头（应含「事项名称」「领域」「所属县区」等列名）。请确认选对了工作表，或指定表头所在的行。`);
  }
  const { columns, errors: mappingErrors } = applyMapping(readColumns(sheet.grid, detected), input.mapping);
  const lists = getLists(db);
  const active = { regions: lists.regions.filter((x) => x.active), domains: lists.domains.filter((x) => x.active) };
  const results = [];
  for (let r = detected + 1; r < sheet.grid.length; r++) results.push(normaliseRow(sheet.grid[r], columns, active, r + 1));
  const plan = planImport(db, results);
  const report: ImportReport = {
    fileName: input.fileName,
    sheet: sheet.sheet,
    sheets: sheet.sheets,
    headerRow: detected + 1,
    columns,
    samples: columns.map((c) => samplesOf(sheet, detected + 1, c.index)),
    mappingErrors,
    counts: countActions(plan),
    rows: plan.map(({ patch: _p, version: _v, ...row }) => row),
    committed: false,
    backupFile: null,
    units: unitsOf(db, results, plan),
  };
  return { report, plan };
}

/**
 * The unit names the sheet gives on the rows the import writes, mapped to the 责任单位 list: names not on
 * it (added on write) and names found by a former name or another spelling (written as the unit's
 * current name, see db/units.ts currentUnitNames; ids follow by the database's triggers).
 */
function unitsOf(db: Db, results: RowResult[], plan: PlannedRow[]): ImportReport['units'] {
  const names = plan.flatMap((p, i) => {
    const r = results[i];
    return (p.action === 'create' || p.action === 'update') && r.kind !== 'skip' ? [r.fields.leadUnit ?? '', ...(r.fields.coUnits ?? [])] : [];
  });
  const r = resolveUnitNames(db, names);
  return { fresh: r.fresh, renamed: r.known.filter((k) => k.name !== k.unitName).map((k) => ({ name: k.name, unitName: k.unitName })) };
}

function samplesOf(sheet: SheetData, from: number, col: number): string[] {
  const out: string[] = [];
  for (let r = from; r < sheet.grid.length && out.length < 3; r++) {
    const t = cellText(sheet.grid[r][col] ?? null);
    if (t) out.push(t.length > 40 ? t.slice(0, 40) + '…' : t);
  }
  return out;
}
