// Documents built from the register alone: the printed register (landscape table) and the
// weekly 研判专报 (summary in words, heat map, key risks). Parts that need meetings (decisions,
// raised/lowered counts, assignments) come in through WeeklyMeetingPart, filled from a meeting by
// shared/briefs/fromMeeting.ts. On a big register the counts come precomputed (WeeklyStats).
import { addDays, chineseDate } from '../dates.js';
import { LEVELS, levelName } from '../labels.js';
import { isClosedStatus } from '../risks.js';
import { headingNumber, type Block, type Doc, type Masthead } from './model.js';

/** The fields of a risk that printed documents use (a subset of RiskRow). */
export interface BriefRisk {
  code: string;
  region: string;
  domain: string;
  title: string;
  summary: string;
  involvedText: string;
  involvedCount: number | null;
  involvedUnit: string;
  level: number | null;
  levelBasis: string;
  trend: string | null;
  leadUnit: string;
  packageLeader: string;
  packageLeaderTitle: string;
  deadline: string | null;
  deadlineNote: string;
  status: string;
  firstFound: string | null;
  controlMeasures: string;
  progress: string;
}

export interface RegisterDocInput {
  organ: string;
  asOf: string;
  /** Words describing the filter, e.g. "领域：问题楼盘；等级：重大". Empty for the whole register. */
  filterText: string;
  risks: BriefRisk[];
}

export function involved(r: Pick<BriefRisk, 'involvedText' | 'involvedCount' | 'involvedUnit'>): string {
  if (r.involvedText) return r.involvedText;
  return r.involvedCount === null ? '' : `${r.involvedCount}${r.involvedUnit}`;
}

/** Tables keep ISO dates (compact, sortable); running text uses 2026年3月5日 as documents do. */
function deadlineText(r: BriefRisk, words = false): string {
  return [r.deadline ? (words ? chineseDate(r.deadline) : r.deadline) : '', r.deadlineNote].filter(Boolean).join(' ');
}

/** The register as printed every week: a landscape table, header repeated on every page. */
export function buildRegisterDoc(input: RegisterDocInput): Doc {
  const rows = input.risks.map((r, i) => [
    String(i + 1),
    r.code,
    r.region,
    r.domain,
    r.title,
    involved(r),
    levelName(r.level),
    r.trend ?? '',
    r.leadUnit,
    [r.packageLeader, r.packageLeaderTitle].filter(Boolean).join(' '),
    deadlineText(r),
    r.status,
  ]);
  return {
    kind: 'register',
    orientation: 'landscape',
    title: `${input.organ}风险隐患台账`,
    subtitle: `（截至${chineseDate(input.asOf)}${input.filterText ? '；' + input.filterText : ''}；共${input.risks.length}件）`,
    blocks: [
      {
        t: 'table',
        fontPt: 10.5,
        columns: [
          { title: '序号', width: 5, align: 'center' },
          { title: '编号', width: 12 },
          { title: '县区', width: 6 },
          { title: '领域', width: 8 },
          { title: '事项名称', width: 20 },
          { title: '涉及人数', width: 7 },
          { title: '等级', width: 5, align: 'center' },
          { title: '态势', width: 5, align: 'center' },
          { title: '主办单位', width: 12 },
          { title: '包案领导', width: 10 },
          { title: '化解时限', width: 10 },
          { title: '状态', width: 7, align: 'center' },
        ],
        rows,
      },
    ],
  };
}

/** What a meeting adds to the weekly brief. The meeting module maps its data to this later. */
export interface WeeklyMeetingPart {
  /** Counts from assessments of the period. */
  raised?: number;
  lowered?: number;
  closed?: number;
  /** Decision text per risk code (研判意见/决定事项). */
  decisions?: Record<string, string>;
  /** 交办事项 table rows. */
  assignments?: { code: string; content: string; leadUnit: string; dueAt: string }[];
  /** Weekly counts for the trend chart, oldest first. */
  trend?: { labels: string[]; series: { name: string; values: number[] }[] };
}

/** Counts the 专报 prints, computed by SQL aggregates on a big register (or from rows, below). */
export interface WeeklyStats {
  /** Items in the register that are not closed (已销号/转司法终结). */
  active: number;
  /** Active items per level 1..4, and without a level. */
  byLevel: number[];
  unleveled: number;
  /** Active items per domain (in list order, domains with none left out): total and per level 1..4. */
  byDomain: { name: string; total: number; levels: number[] }[];
  /** Active items first found in the period, and of those 重大/较大. */
  fresh: number;
  freshHigh: number;
  /** Items first found in each of the 8 weeks ending `to` (all statuses), for the trend chart. */
  trend: { labels: string[]; series: { name: string; values: number[] }[] };
}

export interface WeeklyBriefInput {
  masthead: Masthead;
  organ: string;
  /** The period the brief covers (inclusive), and the day it is issued. */
  from: string;
  to: string;
  asOf: string;
  domains: string[];
  /** Either every row (small registers, tests) or the precomputed stats plus the key risks. */
  risks?: BriefRisk[];
  stats?: WeeklyStats;
  /** 重大 and 较大 items to print, ordered by level then code (at most a page budget's worth). */
  keyRisks?: BriefRisk[];
  /** How many key risks there are in all (more than keyRisks.length when the list was cut). */
  keyTotal?: number;
  meeting?: WeeklyMeetingPart;
  cc?: string;
}

/** Key risks printed in full at most; the rest are counted and referred to the register export. */
export const MAX_KEY_RISKS = 200;

function countText(parts: [string, number][]): string {
  return parts.filter(([, n]) => n > 0).map(([k, n]) => `${k}${n}件`).join('、');
}

/** The same stats computed from rows (what the SQL aggregates in db/briefData.ts must equal). */
export function weeklyStatsFromRisks(domains: string[], risks: BriefRisk[], from: string, to: string): WeeklyStats {
  const active = risks.filter((r) => !isClosedStatus(r.status));
  const fresh = active.filter((r) => r.firstFound !== null && r.firstFound >= from && r.firstFound <= to);
  return {
    active: active.length,
    byLevel: LEVELS.map((l) => active.filter((r) => r.level === l.value).length),
    unleveled: active.filter((r) => r.level === null).length,
    byDomain: domains
      .map((d) => {
        const inD = active.filter((r) => r.domain === d);
        return { name: d, total: inD.length, levels: LEVELS.map((l) => inD.filter((r) => r.level === l.value).length) };
      })
      .filter((d) => d.total > 0),
    fresh: fresh.length,
    freshHigh: fresh.filter((r) => r.level === 1 || r.level === 2).length,
    trend: newItemsTrend(risks, to),
  };
}

function statsOf(input: WeeklyBriefInput): WeeklyStats {
  return input.stats ?? weeklyStatsFromRisks(input.domains, input.risks ?? [], input.from, input.to);
}

/** The summary paragraph in words, computed from the counts (no meeting data needed). */
export function weeklySummary(input: WeeklyBriefInput): string {
  const st = statsOf(input);
  const byLevel: [string, number][] = [...LEVELS.map((l, i) => [l.name, st.byLevel[i]] as [string, number]), ['未定级', st.unleveled]];
  const top = st.byDomain
    .map((d) => [d.name, d.total] as [string, number])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  let s = `截至${chineseDate(input.asOf)}，全市风险隐患台账在册${st.active}件`;
  s += st.active ? `，其中${countText(byLevel)}。` : '。';
  s += `本期（${chineseDate(input.from)}至${chineseDate(input.to)}）新排查${st.fresh}件`;
  s += !st.fresh ? '。' : st.freshHigh ? `，其中重大、较大${st.freshHigh}件。` : '，无重大、较大风险。';
  const share = `${Math.round((top.reduce((a, [, n]) => a + n, 0) / Math.max(1, st.active)) * 100)}%`;
  if (top.length === 1) s += `从领域看，均为${top[0][0]}类，共${top[0][1]}件。`;
  else if (top.length) s += `从领域看，${top.map(([d]) => d).join('、')}类风险较多，分别为${top.map(([, n]) => `${n}件`).join('、')}，占在册总数的${share}。`;
  const m = input.meeting;
  if (m && (m.raised !== undefined || m.lowered !== undefined || m.closed !== undefined)) {
    s += `经本期研判，调升等级${m.raised ?? 0}件、调降等级${m.lowered ?? 0}件、销号${m.closed ?? 0}件。`;
  }
  return s;
}

/** The domain × level counts the heat map shows (rows: domains with at least one item, in list order). */
export function heatCounts(domains: string[], risks: BriefRisk[]): { rowLabels: string[]; counts: number[][] } {
  const active = risks.filter((r) => !isClosedStatus(r.status));
  const rows = domains.filter((d) => active.some((r) => r.domain === d));
  return { rowLabels: rows, counts: rows.map((d) => LEVELS.map((l) => active.filter((r) => r.domain === d && r.level === l.value).length)) };
}

/** The 8 week ends (inclusive) of the trend chart ending `to`, and their labels (week start dates). */
export function trendWeeks(to: string, weeks = 8): { ends: string[]; labels: string[] } {
  const ends = Array.from({ length: weeks }, (_, i) => addDays(to, -7 * (weeks - 1 - i)));
  return { ends, labels: ends.map((e) => `${Number(addDays(e, -6).slice(5, 7))}/${Number(addDays(e, -6).slice(8))}`) };
}

/**
 * Trend from the register alone: items first found in each of the `weeks` weeks ending `to`,
 * split into 重大/较大 and 一般及以下. A meeting's own trend (assessment history) replaces it.
 */
export function newItemsTrend(risks: BriefRisk[], to: string, weeks = 8): { labels: string[]; series: { name: string; values: number[] }[] } {
  const { ends, labels } = trendWeeks(to, weeks);
  const inWeek = (r: BriefRisk, end: string) => r.firstFound !== null && r.firstFound > addDays(end, -7) && r.firstFound <= end;
  const count = (pred: (r: BriefRisk) => boolean) => ends.map((end) => risks.filter((r) => inWeek(r, end) && pred(r)).length);
  return {
    labels,
    series: [
      { name: '新排查合计', values: count(() => true) },
      { name: '其中重大、较大', values: count((r) => r.level === 1 || r.level === 2) },
    ],
  };
}

export function buildWeeklyBrief(input: WeeklyBriefInput): Doc {
  const st = statsOf(input);
  const allKey = input.keyRisks ?? (input.risks ?? []).filter((r) => !isClosedStatus(r.status) && (r.level === 1 || r.level === 2)).sort((a, b) => (a.level! - b.level!) || a.code.localeCompare(b.code));
  const key = allKey.slice(0, MAX_KEY_RISKS);
  const keyTotal = input.keyTotal ?? allKey.length;
  const blocks: Block[] = [];
  let h = 0;
  const heading = (text: string) => blocks.push({ t: 'h', level: 1, text: headingNumber(1, ++h) + text });
  heading('总体情况');
  blocks.push({ t: 'p', text: weeklySummary(input) });
  blocks.push({ t: 'heatmap', caption: '表1  风险隐患领域与等级分布（件）', rowLabels: st.byDomain.map((d) => d.name), colLabels: LEVELS.map((l) => `${l.name}（${l.color}）`), counts: st.byDomain.map((d) => d.levels), colHex: LEVELS.map((l) => l.hex) });
  if (input.meeting?.trend) blocks.push({ t: 'trend', caption: '图1  近期风险隐患数量走势', ...input.meeting.trend });
  else blocks.push({ t: 'trend', caption: '图1  近8周新排查风险隐患数量（件，按周起始日）', ...st.trend });
  heading('重点风险隐患');
  if (!key.length) blocks.push({ t: 'p', text: '本期无重大、较大风险隐患。' });
  key.forEach((r, i) => {
    blocks.push({ t: 'h', level: 2, text: `${headingNumber(2, i + 1)}${r.title}（${levelName(r.level)}）` });
    const facts = [`编号${r.code}，${r.region}，${r.domain}`, involved(r) ? `涉及${involved(r)}` : '', r.summary].filter(Boolean).join('；');
    blocks.push({ t: 'p', text: facts.endsWith('。') ? facts : facts + '。' });
    blocks.push({ t: 'p', text: `定级依据：${r.levelBasis || '未填写'}${/[。！]$/.test(r.levelBasis) ? '' : '。'}` });
    const resp = [r.leadUnit ? `主办单位${r.leadUnit}` : '', r.packageLeader ? `包案领导${r.packageLeader}${r.packageLeaderTitle ? `（${r.packageLeaderTitle}）` : ''}` : '', deadlineText(r) ? `化解时限${deadlineText(r, true)}` : ''].filter(Boolean).join('，');
    if (resp) blocks.push({ t: 'p', text: resp + '。' });
    const decision = input.meeting?.decisions?.[r.code];
    if (decision) blocks.push({ t: 'p', text: `研判意见：${decision}` });
  });
  if (keyTotal > key.length) {
    blocks.push({ t: 'p', text: `以上列出重大、较大风险隐患${key.length}件（按等级、编号排序），另有${keyTotal - key.length}件未逐件列出，完整清单见风险隐患台账导出。` });
  }
  heading('交办事项');
  const asg = input.meeting?.assignments ?? [];
  if (!asg.length) blocks.push({ t: 'p', text: '本期研判会交办事项待会议召开后填入。' });
  else
    blocks.push({
      t: 'table',
      columns: [
        { title: '序号', width: 3, align: 'center' },
        { title: '交办内容', width: 14 },
        { title: '牵头单位', width: 6 },
        { title: '办结时限', width: 5, align: 'center' },
      ],
      rows: asg.map((a, i) => [String(i + 1), `${a.content}（${a.code}）`, a.leadUnit, a.dueAt]),
    });
  blocks.push({ t: 'signature', organ: input.organ, date: chineseDate(input.asOf) });
  return {
    kind: 'weekly',
    orientation: 'portrait',
    masthead: input.masthead,
    title: '全市涉稳风险隐患研判情况',
    subtitle: `（${chineseDate(input.from)}—${input.from.slice(0, 4) === input.to.slice(0, 4) ? chineseDate(input.to).replace(/^\d+年/, '') : chineseDate(input.to)}）`,
    blocks,
    colophon: { cc: input.cc ? `抄送：${input.cc}` : undefined, printer: `${input.organ}办公室`, printDate: `${chineseDate(input.asOf)}印发` },
  };
}
