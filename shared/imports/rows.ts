// One sheet row → the risk fields it states, with every problem pinned to its cell.
// Only mapped columns produce fields, so an import never clears what the sheet does not mention.
import { riskFields, type RiskFields } from '../risks.js';
import { OPINION_RISKS, RISK_SOURCES, RISK_STATUSES, TRENDS, COUNT_UNITS, LEVELS, parseLevel } from '../labels.js';
import { cellText, matchListItem, parseAmountWan, parseCount, parseDateCell, parseEnum, parseYesNo, splitLeader, splitUnits, toHalfWidth, type Cell, type NamedOption, type Parsed } from './normalise.js';
import { IMPORT_FIELDS, type ColumnInfo, type ImportField } from './headers.js';

export interface CellIssue {
  /** Sheet row number as the user sees it (1-based). */
  row: number;
  /** Column letter, '' when the issue is about the whole row. */
  col: string;
  header: string;
  message: string;
}

export interface ParsedRow {
  row: number;
  fields: Partial<RiskFields>;
  errors: CellIssue[];
  warnings: CellIssue[];
}

export type RowResult = { kind: 'skip'; row: number; reason: string } | ({ kind: 'row' } & ParsedRow);

export interface ImportLists {
  regions: NamedOption[];
  domains: NamedOption[];
}

const STATUS_VARIANTS: Record<string, (typeof RISK_STATUSES)[number]> = {
  '稳控(未化解)': '稳控', 稳控中: '稳控', '转司法/终结': '转司法终结', 转司法: '转司法终结', 终结: '转司法终结', 已终结: '转司法终结',
  销号: '已销号', 已化解: '已销号', 化解: '化解中', 正在化解: '化解中', 待定: '待研判', 新增: '待研判', 申请销号中: '申请销号', 反复: '反弹',
};
const SOURCE_VARIANTS: Record<string, (typeof RISK_SOURCES)[number]> = { 排查: '日排查', 网信: '网上信访', 网上: '网上信访', '12345热线': '12345', 交办: '上级交办', 网络舆情: '舆情' };
const DOMAIN_ALIASES: Record<string, string> = { 欠薪: '劳动社保', 劳资纠纷: '劳动社保', 征地拆迁: '城乡建设', 非法集资: '集资融资', 楼盘: '问题楼盘', 房地产: '问题楼盘', 涉法涉诉类: '涉法涉诉' };

// Built once: zod 4 schema construction is costly and this runs for every row.
const partialRiskFields = riskFields.partial();

const TOTAL_ROW = /^(合\s*计|总\s*计|小\s*计|共\s*计|总数|total\b|sum\b)/i;

/** Which column a validation problem of a risk field belongs to. */
const FIELD_SOURCE: Partial<Record<keyof RiskFields, ImportField[]>> = {
  regionId: ['region'], domainId: ['domain'], involvedUnit: ['involvedUnit', 'involvedCount'], involvedText: ['involvedText', 'involvedCount'],
  leadUnit: ['leadUnit', 'units'], coUnits: ['coUnits', 'units'], packageLeaderTitle: ['packageLeaderTitle', 'packageLeader'], deadlineNote: ['deadlineNote', 'deadline'],
};

export function normaliseRow(cells: Cell[], columns: ColumnInfo[], lists: ImportLists, rowNumber: number): RowResult {
  const mapped = columns.filter((c) => c.field);
  const texts = columns.map((c) => cellText(cells[c.index] ?? null));
  if (texts.every((t) => t === '')) return { kind: 'skip', row: rowNumber, reason: '空行' };
  const firstTexts = texts.filter(Boolean).slice(0, 3);
  if (firstTexts.some((t) => TOTAL_ROW.test(t.replace(/[:：]/g, '')))) return { kind: 'skip', row: rowNumber, reason: '合计行' };

  const fields: Partial<RiskFields> = {};
  const errors: CellIssue[] = [];
  const warnings: CellIssue[] = [];
  const colOf = new Map<ImportField, ColumnInfo>(mapped.map((c) => [c.field!, c]));
  const has = (f: ImportField) => colOf.has(f);
  const issue = (col: ColumnInfo | undefined, message: string): CellIssue => ({ row: rowNumber, col: col?.letter ?? '', header: col?.header ?? '', message });
  const take = <T>(col: ColumnInfo, p: Parsed<T>, set: (v: T) => void) => {
    if (!p.ok) errors.push(issue(col, p.message));
    else {
      set(p.value);
      if (p.warning) warnings.push(issue(col, p.warning));
    }
  };

  for (const col of mapped) {
    const cell = cells[col.index] ?? null;
    const t = cellText(cell);
    switch (col.field!) {
      case 'code':
        if (t) fields.code = toHalfWidth(t).toUpperCase().replace(/\s/g, '').replace(/[—–_]/g, '-');
        break;
      case 'region':
        if (!t) errors.push(issue(col, '所属县区不能为空'));
        else take(col, matchListItem(t, lists.regions, '县区'), (v) => (fields.regionId = v.id));
        break;
      case 'domain':
        if (!t) errors.push(issue(col, '领域不能为空'));
        else take(col, matchListItem(t, lists.domains, '领域', DOMAIN_ALIASES), (v) => (fields.domainId = v.id));
        break;
      case 'involvedCount':
        take(col, parseCount(cell), (v) => {
          fields.involvedCount = v.count;
          if (!has('involvedUnit')) fields.involvedUnit = v.unit;
          if (!has('involvedText')) fields.involvedText = v.text;
        });
        break;
      case 'involvedUnit':
        if (t) take(col, parseEnum(t, COUNT_UNITS, '人数单位'), (v) => v && (fields.involvedUnit = v));
        break;
      case 'amountWan':
        take(col, parseAmountWan(cell), (v) => (fields.amountWan = v));
        break;
      case 'level':
        if (!t) fields.level = null;
        else {
          const l = parseLevel(toHalfWidth(t).replace(/\s/g, '').replace(/[（(].*?[)）]/g, ''));
          if (l) fields.level = l;
          else errors.push(issue(col, `「${t}」不是风险等级，应为 ${LEVELS.map((x) => `${x.name}（${x.color}）`).join('、')}`));
        }
        break;
      case 'likelihood':
      case 'impact': {
        const n = t === '' ? null : Number(t);
        if (n !== null && !(Number.isInteger(n) && n >= 1 && n <= 5)) errors.push(issue(col, `「${t}」应为 1–5 的整数`));
        else fields[col.field] = n;
        break;
      }
      case 'firstFound':
        take(col, parseDateCell(cell), (v) => {
          if (v.date) fields.firstFound = v.date;
          else if (v.note) errors.push(issue(col, `「${v.note}」不是日期，请写成 2024-03-05 或 2024年3月5日`));
        });
        break;
      case 'deadline': {
        const p = parseDateCell(cell);
        take(col, p, (v) => {
          fields.deadline = v.date;
          if (!has('deadlineNote')) fields.deadlineNote = v.date && p.ok && !p.warning ? '' : v.note;
        });
        break;
      }
      case 'units': {
        const u = splitUnits(t);
        if (!has('leadUnit')) fields.leadUnit = u.lead;
        if (!has('coUnits')) fields.coUnits = u.co;
        break;
      }
      case 'leadUnit':
        if (has('coUnits')) fields.leadUnit = t;
        else {
          const u = splitUnits(t);
          fields.leadUnit = u.lead;
          fields.coUnits = u.co;
        }
        break;
      case 'coUnits':
        {
          const u = splitUnits(t);
          fields.coUnits = [u.lead, ...u.co].filter(Boolean);
        }
        break;
      case 'packageLeader':
        if (has('packageLeaderTitle')) fields.packageLeader = t;
        else {
          const l = splitLeader(t);
          fields.packageLeader = l.name;
          fields.packageLeaderTitle = l.title;
        }
        break;
      case 'status':
        take(col, parseEnum(t, RISK_STATUSES, '状态', STATUS_VARIANTS), (v) => v && (fields.status = v));
        break;
      case 'source':
        take(col, parseEnum(t, RISK_SOURCES, '来源', SOURCE_VARIANTS), (v) => v && (fields.source = v));
        break;
      case 'opinionRisk':
        take(col, parseEnum(t, OPINION_RISKS, '舆情'), (v) => v && (fields.opinionRisk = v));
        break;
      case 'trend':
        take(col, parseEnum(t, TRENDS, '态势'), (v) => v && (fields.trend = v));
        break;
      case 'extremeRisk':
        take(col, parseYesNo(cell), (v) => (fields.extremeRisk = v));
        break;
      default:
        // Plain text fields keep what the analyst wrote (line breaks included).
        (fields as Record<string, unknown>)[col.field!] = t;
    }
  }

  if (!has('title') || !fields.title) errors.push(issue(colOf.get('title'), '事项名称不能为空'));
  if (!has('region')) errors.push(issue(undefined, '没有「所属县区」列，请在列对应中指定'));
  if (!has('domain')) errors.push(issue(undefined, '没有「领域」列，请在列对应中指定'));

  if (errors.length === 0) {
    const v = partialRiskFields.safeParse(fields);
    if (!v.success) {
      for (const i of v.error.issues) {
        const f = String(i.path[0]) as keyof RiskFields;
        const col = (FIELD_SOURCE[f] ?? [f as ImportField]).map((x) => colOf.get(x)).find(Boolean);
        errors.push(issue(col, `${col?.header || IMPORT_FIELDS[f as ImportField]?.label || f}${i.message}`));
      }
    } else Object.assign(fields, v.data);
  }
  return { kind: 'row', row: rowNumber, fields, errors, warnings };
}

/** "第7行 D列「领域」：…" — how a person finds the cell. */
export function describeIssue(i: CellIssue): string {
  return i.col ? `第${i.row}行 ${i.col}列「${i.header}」：${i.message}` : `第${i.row}行：${i.message}`;
}
