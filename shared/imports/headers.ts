// Finding the header row of a real 台账 (below title rows, across merged cells) and proposing
// which column feeds which field, by header name and the variants bureaus actually use.
import { cellText, type Cell } from './normalise.js';

/**
 * Import targets: the risk fields plus two that split into several (责任单位 → lead + co-units; 包案领导 →
 * name + title). Aliases are compared after normHeader, so full-width brackets, spaces, line breaks and
 * 、，/ between alternatives need no variants of their own; a bracketed unit or note is also tried without.
 */
export const IMPORT_FIELDS = {
  code: { label: '编号', aliases: ['编号', '事项编号', '风险编号', '台账编号', '序号编号', '隐患编号', '风险隐患编号', '登记编号', 'code'] },
  region: {
    label: '所属县区',
    aliases: ['所属县区', '县区', '县(市、区)', '所属县(市、区)', '县市区', '所属县市区', '地区', '属地', '区县', '所属区县', '所属地区', '所在县区', '县(区)', '区(县)', '辖区', '所属辖区', '行政区划', '所属区域', 'region'],
  },
  domain: { label: '领域', aliases: ['领域', '所属领域', '风险领域', '类别', '问题类别', '行业领域', '类型', '风险类型', '风险类别', '问题类型', '矛盾类型', '事项类别', '事项类型', '所属行业', 'domain'] },
  subCategory: { label: '细类', aliases: ['细类', '子类', '小类', '具体类别', '具体类型', '二级类别', '细分类别'] },
  title: { label: '事项名称', aliases: ['事项名称', '风险事项', '风险隐患事项', '风险事项名称', '风险隐患名称', '隐患名称', '风险名称', '事项', '名称', '风险点', '矛盾纠纷名称', '标题', '事项标题', 'title'] },
  summary: { label: '基本情况', aliases: ['基本情况', '简要情况', '事项简介', '基本案情', '简要案情', '情况简介', '情况说明', '主要情况', '具体情况', '事项概况', '问题描述', '风险描述', '风险隐患描述'] },
  source: { label: '来源', aliases: ['来源', '线索来源', '信息来源', '风险来源', '事项来源', '来源渠道', '发现渠道'] },
  firstFound: { label: '首次发现日期', aliases: ['首次发现日期', '首次发现时间', '发现日期', '发现时间', '排查时间', '排查日期', '首次排查时间', '登记日期', '登记时间', '录入日期'] },
  involvedCount: { label: '涉及人数', aliases: ['涉及人数', '涉及群众', '涉及群众人数', '人数', '涉稳人数', '涉及人员', '涉及人员数量', '群体人数', '参与人数', '涉及人(户)数', '涉及人数(户数)'] },
  involvedUnit: { label: '人数单位', aliases: ['人数单位', '人数计量单位'] },
  involvedText: { label: '涉及人数（原文）', aliases: ['涉及人数(原文)', '人数原文', '涉及人数原文'] },
  amountWan: { label: '涉及金额（万元）', aliases: ['涉及金额(万元)', '涉及金额', '涉案金额', '金额', '金额(万元)', '涉及资金', '涉案资金', '涉及款项', '欠薪金额'] },
  mainDemands: { label: '主要诉求', aliases: ['主要诉求', '诉求', '群众诉求', '诉求内容', '反映诉求', '诉求事项', '具体诉求', '信访诉求', '主要诉求及理由'] },
  opinionRisk: { label: '舆情', aliases: ['舆情', '舆情风险', '舆情情况', '舆情状态', '舆情态势', '网络舆情', '涉网舆情'] },
  extremeRisk: { label: '极端倾向', aliases: ['极端倾向', '极端风险', '是否有极端倾向', '有无极端倾向', '个人极端倾向', '极端言行', '是否极端'] },
  likelihood: { label: '可能性', aliases: ['可能性', '发生可能性', '可能性等级', '可能性评分', '发生概率'] },
  impact: { label: '影响程度', aliases: ['影响程度', '影响', '影响等级', '危害程度', '严重程度'] },
  level: { label: '风险等级', aliases: ['风险等级', '等级', '风险级别', '级别', '预警等级', '预警级别', '研判等级', '风险等次', '定级'] },
  levelBasis: { label: '定级依据', aliases: ['定级依据', '定级理由', '定级说明', '等级依据', '研判依据'] },
  trend: { label: '态势', aliases: ['态势', '趋势', '发展态势', '发展趋势', '风险态势', '走势'] },
  controlMeasures: {
    label: '稳控措施',
    aliases: ['稳控措施', '稳控/化解措施', '稳控化解措施', '措施', '工作措施', '防控措施', '管控措施', '稳控及化解措施', '稳控工作措施', '应对措施'],
  },
  resolutionMeasures: { label: '化解措施', aliases: ['化解措施', '化解方案', '化解办法', '化解工作措施', '化解思路'] },
  units: { label: '责任单位（主办、协办）', aliases: ['责任单位', '牵头单位', '包案单位', '责任主体', '责任部门', '牵头部门'] },
  leadUnit: { label: '主办单位', aliases: ['主办单位', '主责单位', '主办部门', '主责部门'] },
  coUnits: { label: '协办单位', aliases: ['协办单位', '配合单位', '协办部门', '配合部门', '协同单位'] },
  responsiblePerson: { label: '责任人', aliases: ['责任人', '具体责任人', '直接责任人', '责任人员', '联系人', '经办人'] },
  packageLeader: { label: '包案领导', aliases: ['包案领导', '包案领导及职务', '包保领导', '包联领导', '包案领导姓名', '责任领导', '包案责任人'] },
  packageLeaderTitle: { label: '包案领导职务', aliases: ['包案领导职务', '领导职务', '职务'] },
  taskForce: { label: '专班', aliases: ['专班', '工作专班', '化解专班', '专班名称'] },
  deadline: { label: '化解时限', aliases: ['化解时限', '时限', '办结时限', '完成时限', '化解期限', '化解时间', '计划化解时间', '预计化解时间'] },
  deadlineNote: { label: '时限说明', aliases: ['时限说明', '时限备注'] },
  progress: { label: '进展情况', aliases: ['进展情况', '进展', '当前进展', '工作进展', '工作进展情况', '化解进展', '化解情况', '最新进展', '目前进展', '进展及成效'] },
  status: { label: '状态', aliases: ['状态', '当前状态', '事项状态', '风险状态', '化解状态', '办理状态'] },
} as const;
export type ImportField = keyof typeof IMPORT_FIELDS;
export const IMPORT_FIELD_KEYS = Object.keys(IMPORT_FIELDS) as ImportField[];

// Brackets of every shape become ( ); separators between alternatives (市、区 / 市,区 / 市/区) become 、.
const OPEN_BRACKETS = /[【〔〖［[｛{〈《「『<]/g;
const CLOSE_BRACKETS = /[】〕〗］\]｝}〉》」』>]/g;
const SEPARATORS = /[,，;；/／|｜\\]/g;
// Spaces and line breaks inside the cell, the marks of a required column, a trailing colon.
const NOISE = /[\s*※★☆▲△●○◆◇■□#:：]/g;

/**
 * Header text as compared: NFKC (full-width letters, digits, brackets and punctuation to half-width,
 * the ideographic space to a space), every bracket shape as ( ), separators as 、, no spaces, line
 * breaks or marks, lower case. 「所属县（市，区）」 and 「所属县〔市、区〕」 both become 「所属县(市、区)」.
 */
export function normHeader(s: string): string {
  return s.normalize('NFKC').replace(OPEN_BRACKETS, '(').replace(CLOSE_BRACKETS, ')').replace(SEPARATORS, '、').replace(NOISE, '').toLowerCase();
}

/** Without its bracketed parts: a unit (万元), a scale (1-5), the alternatives of a choice. */
const withoutBrackets = (h: string) => h.replace(/\([^()]*\)/g, '');
/** Brackets and separators dropped, their contents kept: 县(市、区) → 县市区, 县(区) → 县区. */
const flattened = (h: string) => h.replace(/[()、.\-_~]/g, '');

const EXACT = new Map<string, ImportField>();
for (const f of IMPORT_FIELD_KEYS) for (const a of IMPORT_FIELDS[f].aliases) EXACT.set(normHeader(a), f);
// The flattened forms of the aliases, where they name no other field.
for (const [alias, f] of [...EXACT]) if (!EXACT.has(flattened(alias))) EXACT.set(flattened(alias), f);

/**
 * The field a header names: the header as normalised, then without its bracketed parts, then
 * flattened; failing those, the longest alias it contains (a few characters more at most).
 */
export function fieldForHeader(header: string): ImportField | null {
  const h = normHeader(header);
  if (!h) return null;
  const bare = withoutBrackets(h);
  const field = EXACT.get(h) ?? (bare ? EXACT.get(bare) : undefined) ?? EXACT.get(flattened(h)) ?? containedAlias(h) ?? (bare ? containedAlias(bare) : null);
  // 金额（元）, 金额（亿元）: numbers in another unit would be stored 10,000 times off; the person maps it.
  if (field === 'amountWan' && /\((?![^)]*万)[^)]*元/.test(h)) return null;
  return field ?? null;
}

function containedAlias(h: string): ImportField | null {
  let best: { f: ImportField; len: number } | null = null;
  for (const [alias, f] of EXACT) {
    if (alias.length >= 2 && h.includes(alias) && h.length <= alias.length + 6 && (!best || alias.length > best.len)) best = { f, len: alias.length };
  }
  return best?.f ?? null;
}

/** Column index (0-based) → letters: 0 → A, 26 → AA. */
export function colLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function letterToCol(s: string): number {
  let n = 0;
  for (const ch of s.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * The header row: among the first 30 rows, the one whose cells name the most known fields
 * (merged cells arrive filled with their master's value, so a two-row header's lower row
 * carries both the vertically merged names and the sub-headers, and wins). Needs ≥ 2 known names.
 */
export function findHeaderRow(grid: Cell[][]): number | null {
  let best: number | null = null;
  let bestScore = 2;
  for (let r = 0; r < Math.min(grid.length, 30); r++) {
    const score = new Set((grid[r] ?? []).map((c) => fieldForHeader(cellText(c))).filter(Boolean)).size;
    // Ties go to the lower row: of a two-row header, the sub-header row sits right above the data.
    if (score >= bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

export interface ColumnInfo {
  /** 0-based column index. */
  index: number;
  letter: string;
  header: string;
  field: ImportField | null;
}

/** Headers of the chosen row; a blank cell under a group header takes the group's name. */
export function readColumns(grid: Cell[][], headerRow: number): ColumnInfo[] {
  const row = grid[headerRow] ?? [];
  const above = grid[headerRow - 1] ?? [];
  const width = Math.max(row.length, ...grid.slice(headerRow, headerRow + 50).map((r) => r?.length ?? 0));
  const out: ColumnInfo[] = [];
  const seen = new Set<ImportField>();
  for (let i = 0; i < width; i++) {
    const header = cellText(row[i] ?? null) || cellText(above[i] ?? null);
    let field = fieldForHeader(header);
    // The first column naming a field wins; a second 编号 or 状态 column stays unmapped.
    if (field && seen.has(field)) field = null;
    if (field) seen.add(field);
    out.push({ index: i, letter: colLetter(i), header, field });
  }
  return out;
}

/** A user's mapping: keys are column letters ("D") or header texts; values a field key, its Chinese label, or null to ignore. */
export type MappingInput = Record<string, string | null>;

export function applyMapping(columns: ColumnInfo[], mapping: MappingInput | undefined): { columns: ColumnInfo[]; errors: string[] } {
  if (!mapping) return { columns, errors: [] };
  const errors: string[] = [];
  const out = columns.map((c) => ({ ...c }));
  for (const [key, target] of Object.entries(mapping)) {
    const col = /^[A-Z]{1,3}$/.test(key) ? out.find((c) => c.letter === key) : out.find((c) => normHeader(c.header) === normHeader(key));
    if (!col) {
      errors.push(`映射中的「${key}」既不是列字母，也不是表头中的列名`);
      continue;
    }
    if (target === null || target === '' || target === '不导入') {
      col.field = null;
      continue;
    }
    const field = (IMPORT_FIELD_KEYS as string[]).includes(target) ? (target as ImportField) : IMPORT_FIELD_KEYS.find((f) => IMPORT_FIELDS[f].label === target) ?? fieldForHeader(target);
    if (!field) {
      errors.push(`映射中的「${target}」不是可导入的字段`);
      continue;
    }
    for (const other of out) if (other !== col && other.field === field) other.field = null;
    col.field = field;
  }
  return { columns: out, errors };
}
