// The leader's 研判专报: a few pages read in three minutes. 一、总体情况 (counts in words and one
// level × domain table), 二、本次研判会 (this meeting's decisions first, in plain words), 三、重点风险
// (the top N, a few lines each), 四、交办督办, 五、下步工作; the full list of 重大/较大 risks only as
// an optional 附件. Pure: every number comes in from db/briefData.ts (one query per measure,
// definitions in docs/briefs.md), and this file only words them.
import { addDays, chineseDate, weekStart } from '../dates.js';
import { LEVELS, levelName } from '../labels.js';
import { MOVE_LABELS } from '../grading.js';
import { headingNumber, type Block, type Doc, type Masthead } from './model.js';
import { involved, type BriefRisk } from './register.js';

/** The 专报's counts; each is one measure with one definition (docs/briefs.md). */
/** Up to this many assignments the 专报 lists each one; more are counted by 牵头单位 (a leader's brief stays a few pages). */
export const ASSIGNMENTS_LISTED = 20;

export interface BriefCounts {
  /** 在册: risks not deleted and not closed (CLOSED_STATUSES), as of the day the brief is made. */
  active: number;
  /** 在册 per level 1..4, and 未定级. */
  byLevel: number[];
  unleveled: number;
  /** Moves of the period's weeks from the weekly snapshot (risk_weeks.kind): 新增, 升级, 降级, 销号. */
  fresh: number;
  rose: number;
  fell: number;
  closed: number;
}

/** 在册 by domain × level (domains with none left out, in list order). */
export interface LevelDomainTable {
  domains: string[];
  counts: number[][];
}

/** One risk decided at the meeting (an assessment of that meeting). */
export interface DecidedRisk {
  code: string;
  title: string;
  region: string;
  domain: string;
  involvedText: string;
  involvedCount: number | null;
  involvedUnit: string;
  /** The level before this meeting's assessment (null: first assessment). */
  prevLevel: number | null;
  finalLevel: number;
  /** What the rules gave (null when unknown); an override carries its reason. */
  ruleLevel: number | null;
  overrideReason: string;
  /** Discussed as an agenda item; the others were confirmed together on the consent list. */
  onAgenda: boolean;
  /** The decision's words: the signed 纪要 line for this risk when there is one, else the assessment's 研判意见. */
  decision: string;
}

export interface BriefAssignment {
  code: string;
  content: string;
  leadUnit: string;
  dueAt: string;
}

export interface KeyRisk extends BriefRisk {
  /** This period's move (MOVE_LABELS key) and the level before it. */
  move: string;
  prevLevel: number | null;
  /** Days past the 化解时限 on the brief's day (null: not overdue or no deadline). */
  overdueDays: number | null;
}

export interface UnitOverdue {
  unit: string;
  items: { code: string; overdueDays: number }[];
}

export interface LeaderBriefInput {
  masthead: Masthead;
  organ: string;
  from: string;
  to: string;
  asOf: string;
  counts: BriefCounts;
  table: LevelDomainTable;
  /** The meeting the brief reports (absent: no meeting held in the period). */
  meeting?: { title: string; date: string; decided: DecidedRisk[]; assignments: BriefAssignment[] };
  /** Without a meeting: assignments issued in the period. */
  periodAssignments?: BriefAssignment[];
  key: KeyRisk[];
  keyTotal: number;
  overdue: UnitOverdue[];
  sensitive: { name: string; start: string; end: string }[];
  nextMeeting?: string;
  /** The optional 附件: every 重大/较大 risk in a table. */
  appendix?: BriefRisk[];
  cc?: string;
}

/**
 * Rule-engine text in plain words: "可能性 5 × 影响程度 4 = 20 ≥ 15 → 重大" reads
 * "可能性5级、影响程度4级，定为重大". Leaders read words, not formulas or arrows.
 */
export function plainWords(s: string): string {
  return s
    .replace(/可能性\s*(\d)\s*[×x*]\s*影响程度\s*(\d)\s*=\s*\d+\s*[≥≤<>]\s*\d+\s*→\s*/g, '可能性$1级、影响程度$2级，定为')
    .replace(/\s*→\s*/g, '，')
    .replace(/\s*≥\s*/g, '不少于')
    .replace(/\s*≤\s*/g, '不超过')
    .replace(/\s*×\s*/g, '乘')
    .replace(/；\s*$/, '。');
}

const end = (s: string) => (/[。！？]$/.test(s) ? s : s.replace(/[，；、,;\s]+$/, '') + '。');

/** "涉及约1260人（420户）": what a leader reads about the people involved. */
function people(r: Pick<BriefRisk, 'involvedText' | 'involvedCount' | 'involvedUnit'>): string {
  const t = involved(r);
  if (!t) return '';
  return `涉及${t}${/[人户家）)]$/.test(t) ? '' : '人'}`;
}

/** The level sentence of a decision: 按规则定为重大 / 由较大升为重大 / 维持重大 / 会议研判定为较大（理由）. */
export function levelWords(d: Pick<DecidedRisk, 'prevLevel' | 'finalLevel' | 'ruleLevel' | 'overrideReason'>): string {
  const to = levelName(d.finalLevel);
  let s: string;
  if (d.prevLevel === null) s = `定为${to}`;
  else if (d.finalLevel < d.prevLevel) s = `由${levelName(d.prevLevel)}升为${to}`;
  else if (d.finalLevel > d.prevLevel) s = `由${levelName(d.prevLevel)}降为${to}`;
  else s = `维持${to}`;
  if (d.overrideReason.trim()) return `会议研判${s}（${d.overrideReason.trim().replace(/[。；]+$/, '')}）`;
  return d.ruleLevel === d.finalLevel ? `按规则${s}` : s;
}

function decisionSentence(d: DecidedRisk): string {
  const who = people(d);
  const head = `${d.title}（${d.code}，${d.region}${d.domain}）：${who ? who + '，' : ''}${levelWords(d)}`;
  // The level is said in words from the assessment; the decision's own "经研判，维持现有等级" would say it twice.
  let said = plainWords(d.decision.trim()).replace(/^经研判[，,]?/, '');
  said = said.replace(/^维持(现有|原)等级[，,]?/, '');
  said = said.replace(/（(重大|较大|一般|低)）(?=[。；]?$)/, '');
  return said ? `${head}，${end(said)}` : `${head}。`;
}

/** Re-graded consent items are named one by one up to this many, else counted. */
export const MAX_NAMED_REGRADED = 15;

const LEVEL_TABLE_COLS = LEVELS.map((l) => `${l.name}（${l.color}）`);

export function buildLeaderBrief(input: LeaderBriefInput): Doc {
  const c = input.counts;
  const blocks: Block[] = [];
  let h = 0;
  const heading = (text: string) => blocks.push({ t: 'h', level: 1, text: headingNumber(1, ++h) + text });
  const p = (text: string) => blocks.push({ t: 'p', text });

  heading('总体情况');
  const levelParts = LEVELS.map((l, i) => [l.name, c.byLevel[i]] as const).filter(([, n]) => n > 0).map(([k, n]) => `${k}${n}件`);
  if (c.unleveled) levelParts.push(`未定级${c.unleveled}件`);
  p(
    `截至${chineseDate(input.asOf)}，全市风险隐患台账在册${c.active}件${levelParts.length ? `，其中${levelParts.join('、')}` : ''}。` +
      `本期${MOVE_LABELS.appeared}${c.fresh}件，${MOVE_LABELS.rose}${c.rose}件，${MOVE_LABELS.fell}${c.fell}件，${MOVE_LABELS.closed}${c.closed}件。` +
      topDomains(input.table, c.active),
  );
  blocks.push({
    t: 'heatmap',
    caption: '表1  在册风险隐患等级与领域分布（件）',
    rowLabels: [...input.table.domains, '合计'],
    colLabels: LEVEL_TABLE_COLS,
    counts: [...input.table.counts, LEVELS.map((_, j) => input.table.counts.reduce((a, row) => a + row[j], 0))],
    colHex: LEVELS.map((l) => l.hex),
  });

  heading('本次研判会');
  const m = input.meeting;
  if (!m) p(`本期未召开研判会。`);
  else {
    // Named one by one: the agenda items, and re-graded consent items when they are few; many
    // re-gradings (a big register's consent list) are counted by direction in one sentence.
    const regraded = m.decided.filter((d) => !d.onAgenda && (d.prevLevel === null || d.finalLevel !== d.prevLevel));
    const named = [...m.decided.filter((d) => d.onAgenda), ...(regraded.length <= MAX_NAMED_REGRADED ? regraded : [])];
    const counted = regraded.length > MAX_NAMED_REGRADED ? regraded : [];
    const consent = m.decided.length - named.length - counted.length;
    p(`${chineseDate(m.date)}召开${m.title}，研判风险隐患${m.decided.length}件${named.length ? `，其中逐件研判${named.length}件` : ''}${consent + counted.length ? `，一揽子确认${consent + counted.length}件` : ''}。议定事项如下：`);
    named.forEach((d, i) => p(`${i + 1}. ${decisionSentence(d)}`));
    let n = named.length;
    if (counted.length) {
      const up = counted.filter((d) => d.prevLevel !== null && d.finalLevel < d.prevLevel).length;
      p(`${++n}. 一揽子研判中调整等级${counted.length}件，其中升级${up}件、降级${counted.length - up}件。`);
    }
    if (consent) p(`${++n}. 其余${consent}件风险隐患无新情况，经一揽子研判维持原等级，继续落实稳控化解措施。`);
  }

  heading('重点风险');
  if (!input.key.length) p('本期无重大、较大风险隐患。');
  else {
    p(`在册重大、较大风险隐患${input.keyTotal}件，按等级和本期变化列出${input.key.length}件${input.keyTotal > input.key.length ? '，其余见附件或风险隐患台账' : ''}。`);
    input.key.forEach((r, i) => {
      blocks.push({ t: 'h', level: 2, text: `${headingNumber(2, i + 1)}${r.title}` });
      const move = r.move === 'rose' || r.move === 'fell' ? `，本期由${levelName(r.prevLevel)}${r.move === 'rose' ? '升为' : '降为'}${levelName(r.level)}` : r.move === 'appeared' ? '，本期新增' : '';
      const who = people(r);
      // 要情: the summary's first sentence, unless it only repeats the title and the people involved.
      const gist = r.summary && !r.summary.includes(r.title) ? end(plainWords(firstSentence(r.summary))) : '';
      p(`${r.region}，${r.domain}，${levelName(r.level)}${move}。${who ? who + '。' : ''}${gist}`);
      const steps = firstSentence(r.controlMeasures || r.progress);
      const lead = r.packageLeader ? `包案领导${r.packageLeader}${r.packageLeaderTitle ? `（${r.packageLeaderTitle}）` : ''}` : '';
      const due = r.deadline ? `化解时限${chineseDate(r.deadline)}${r.overdueDays ? `，已超期${r.overdueDays}天` : ''}` : r.deadlineNote;
      p([steps ? `措施：${plainWords(steps).replace(/[。；]+$/, '')}` : '', lead, due].filter(Boolean).join('；') + '。');
    });
  }

  heading('交办督办');
  const asg = m ? m.assignments : (input.periodAssignments ?? []);
  if (!asg.length) p(m ? '本次研判会无新交办事项。' : '本期无新交办事项。');
  else if (asg.length <= ASSIGNMENTS_LISTED) {
    p(`${m ? '本次研判会' : '本期'}交办事项${asg.length}件：`);
    blocks.push({
      t: 'table',
      columns: [
        { title: '编号', width: 8, align: 'center' },
        { title: '交办内容', width: 13 },
        { title: '牵头单位', width: 7 },
        { title: '办结时限', width: 9, align: 'center' },
      ],
      rows: asg.map((a) => [a.code, a.content.replace(/[。；;]+$/, ''), a.leadUnit, chineseDate(a.dueAt)]),
      fontPt: 12,
    });
  } else {
    // More than a leader reads item by item: counted by 牵头单位; each item is on its unit's 交办单.
    const byUnit = new Map<string, { n: number; first: string }>();
    for (const a of asg) {
      const u = byUnit.get(a.leadUnit);
      if (!u) byUnit.set(a.leadUnit, { n: 1, first: a.dueAt });
      else {
        u.n++;
        if (a.dueAt < u.first) u.first = a.dueAt;
      }
    }
    const units = [...byUnit].sort((x, y) => y[1].n - x[1].n || x[0].localeCompare(y[0], 'zh'));
    p(`${m ? '本次研判会' : '本期'}交办事项${asg.length}件，涉及牵头单位${units.length}个，按牵头单位汇总如下（逐件见各单位交办单）：`);
    blocks.push({
      t: 'table',
      columns: [
        { title: '牵头单位', width: 14 },
        { title: '交办件数', width: 7, align: 'center' },
        { title: '最早办结时限', width: 11, align: 'center' },
      ],
      rows: units.map(([unit, u]) => [unit, String(u.n), chineseDate(u.first)]),
      fontPt: 12,
    });
  }
  const overdueTotal = input.overdue.reduce((a, u) => a + u.items.length, 0);
  if (!overdueTotal) p(`截至${chineseDate(input.asOf)}，无超期未办结的交办事项。`);
  else
    p(
      `截至${chineseDate(input.asOf)}，超期未办结的交办事项${overdueTotal}件：` +
        input.overdue.map((u) => `${u.unit}${u.items.length}件${u.items.length > 1 ? '，最长' : ''}超期${Math.max(...u.items.map((x) => x.overdueDays))}天`).join('；') +
        '。',
    );

  heading('下步工作');
  const next = input.sensitive.length
    ? `近期将进入${input.sensitive.map((s) => `${s.name}（${chineseDate(s.start)}至${chineseDate(s.end).replace(/^\d+年/, '')}）`).join('、')}敏感节点，各责任单位要提前排查，对有进京赴省、集访苗头的事项落实专人稳控。`
    : '近期无敏感节点，各责任单位要保持日排查、周研判，防止风险反弹。';
  p(next);
  p(`对重大风险隐患每周研判，较大风险隐患每两周研判；超期交办事项由牵头单位说明原因，限期办结。${input.nextMeeting ? `下次研判会定于${chineseDate(input.nextMeeting)}召开。` : ''}`);

  // No 署名: the 版头 names the organ and date, as a 简报 does; the 版记 follows.
  if (input.appendix?.length) {
    blocks.push({ t: 'pagebreak' });
    blocks.push({ t: 'p', text: '附件', indent: false });
    blocks.push({ t: 'title', text: '重大、较大风险隐患清单' });
    blocks.push({
      t: 'table',
      fontPt: 10.5,
      columns: [
        { title: '编号', width: 9 },
        { title: '事项名称', width: 16 },
        { title: '县区', width: 6 },
        { title: '等级', width: 4, align: 'center' },
        { title: '包案领导', width: 7 },
      ],
      rows: input.appendix.map((r) => [r.code, r.title, r.region, levelName(r.level), r.packageLeader]),
    });
  }

  const sameYear = input.from.slice(0, 4) === input.to.slice(0, 4);
  return {
    kind: 'weekly',
    orientation: 'portrait',
    masthead: input.masthead,
    title: '全市涉稳风险隐患研判情况',
    subtitle: `（${chineseDate(input.from)}至${sameYear ? chineseDate(input.to).replace(/^\d+年/, '') : chineseDate(input.to)}）`,
    blocks,
    colophon: { cc: input.cc ? `抄送：${input.cc}` : undefined, printer: `${input.organ}办公室`, printDate: `${chineseDate(input.asOf)}印发` },
  };
}

function firstSentence(s: string): string {
  const t = s.trim();
  const i = t.search(/[。！？]/);
  return i < 0 ? t : t.slice(0, i + 1);
}

function topDomains(t: LevelDomainTable, active: number): string {
  const tot = t.domains.map((d, i) => [d, t.counts[i].reduce((a, n) => a + n, 0)] as const).sort((a, b) => b[1] - a[1]).slice(0, 3);
  if (!tot.length || !active) return '';
  const share = Math.round((tot.reduce((a, [, n]) => a + n, 0) / active) * 100);
  return `从领域看，${tot.map(([d, n]) => `${d}${n}件`).join('、')}居前，合计占在册总数的${share}%。`;
}

/** The 研判周期 a brief defaults to: the Monday–Sunday before the meeting's (or the day's) week. */
export function defaultPeriod(day: string): { from: string; to: string } {
  const monday = weekStart(day);
  return { from: addDays(monday, -7), to: addDays(monday, -1) };
}
