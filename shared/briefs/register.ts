// The printed register (landscape table) and the fields of a risk that printed documents use.
// The leader's 研判专报 is shared/briefs/weekly.ts.
import { chineseDate } from '../dates.js';
import { levelName } from '../labels.js';
import type { Doc } from './model.js';

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
