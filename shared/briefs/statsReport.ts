// 年度/季度 风险研判工作情况: a GB/T 9704 document written from a period's figures (shared/statsSentences.ts),
// with the overview, domain and unit-ranking tables and the definitions it used. Pure.
import type { Block, Doc } from './model.js';
import { chineseDate } from '../dates.js';
import { MEASURE_INFO, periodName } from '../stats.js';
import { actionsSentence, manualSentence, meetingsSentence, ratesSentence, registerSentence } from '../statsSentences.js';
import { cellText, statsTables, type StatsTable } from '../statsTables.js';
import type { StatsSummary } from '../statsTypes.js';

export interface StatsReportInput {
  organ: string;
  summary: StatsSummary;
  /** The date line: the day it is printed (or was issued). */
  asOf: string;
  cc?: string;
}

function tableBlock(t: StatsTable, caption: string, keep?: (row: string[]) => boolean, fontPt = 12): Block {
  const rows = t.rows.map((r) => r.map(cellText)).filter((r) => !keep || keep(r));
  return { t: 'table', caption, columns: t.columns.map((c, i) => ({ title: c, width: i === 0 ? 3 : c === '责任单位' ? 5 : 1.6, align: i === 0 || c === '责任单位' ? 'left' : 'center' })), rows, fontPt };
}

export function buildStatsReport(input: StatsReportInput): Doc {
  const s = input.summary;
  const name = periodName(s.current.period);
  const tables = Object.fromEntries(statsTables(s).map((t) => [t.key, t])) as Record<StatsTable['key'], StatsTable>;
  const manual = manualSentence(s);
  // The unit table in print: rank, unit, 交办, 办结, 应办结, 按期办结, 按期办结率, 平均办结天数.
  const u = tables.units;
  const pickCols = [0, 1, 2, 3, 4, 5, 6, u.columns.length - 1];
  const units: StatsTable = { ...u, columns: pickCols.map((i) => u.columns[i]), rows: u.rows.map((r) => pickCols.map((i) => r[i])) };
  const defs = s.definitions;
  const blocks: Block[] = [
    { t: 'h', level: 1, text: '一、总体情况' },
    { t: 'p', text: meetingsSentence(s) },
    { t: 'p', text: registerSentence(s) },
    { t: 'h', level: 1, text: '二、化解成效' },
    { t: 'p', text: ratesSentence(s) },
    ...(manual ? [{ t: 'p', text: manual } as Block] : []),
    { t: 'h', level: 1, text: '三、交办督办' },
    { t: 'p', text: actionsSentence(s) },
    ...(u.rows.length > 1 ? [{ t: 'p', text: `各责任单位按期办结率排名见表3${u.rows.length > 4 ? `，${String(u.rows[0][1].v)}、${String(u.rows[1][1].v)}、${String(u.rows[2][1].v)}位列前三` : ''}。` } as Block] : []),
    { t: 'h', level: 1, text: '四、统计表' },
    tableBlock(tables.overview, `表1　${name}风险研判工作主要数据`),
    tableBlock(tables.domain, `表2　${name}各领域风险隐患情况`),
    tableBlock(units, `表3　${name}责任单位交办事项按期办结情况（以按期办结率排名）`, undefined, 10.5),
    { t: 'h', level: 1, text: '五、统计口径' },
    { t: 'p', text: `本报告统计期间为${s.current.from.replaceAll('-', '.')}—${s.current.to.replaceAll('-', '.')}，日期均按北京时间计。${MEASURE_INFO.resolveRate.def}，化解状态为${defs.resolvedStatuses.join('、')}；${MEASURE_INFO.controlRate.def.replace(/（设置，默认：.*?）/, '')}，在控状态为${defs.controlledStatuses.join('、')}；${MEASURE_INFO.packageRate.def}；${MEASURE_INFO.onTimeRate.def}（${MEASURE_INFO.due.def}）。召开研判会只计已召开的会议，筹备中和已取消的不计。及时受理率、按期答复率、参评率、满意率取自全国信访信息系统，由人工录入，本程序不作计算。` },
    ...(s.frozen ? [{ t: 'p', text: `本报告数字于${chineseDate(s.frozen.issuedAt.slice(0, 10))}印发时冻结，重印不变。` } as Block] : []),
    { t: 'signature', organ: input.organ, date: chineseDate(s.frozen ? s.frozen.issuedAt.slice(0, 10) : input.asOf) },
  ];
  return {
    kind: 'stats',
    orientation: 'portrait',
    title: `${input.organ}${name}${s.current.period.kind === 'year' ? '度' : ''}风险研判工作情况`,
    blocks,
    colophon: { cc: input.cc ? `抄送：${input.cc}` : undefined, printer: `${input.organ}办公室`, printDate: `${chineseDate(s.frozen ? s.frozen.issuedAt.slice(0, 10) : input.asOf)}印发` },
  };
}
