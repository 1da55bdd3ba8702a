// What the print-preview page offers: each choice is a brief request without the options.
import type { BriefRequest } from '../../shared/briefs/request';

export interface BriefChoice {
  key: string;
  label: string;
  request: Pick<BriefRequest, 'kind' | 'sample' | 'samplePages'>;
  /** Which option groups apply. */
  period?: boolean;
  filter?: boolean;
  masthead?: boolean;
  /** Needs a meeting ('required': defaults to the latest) or can take one ('optional': the 专报's decisions). */
  meeting?: 'required' | 'optional';
}

export const BRIEF_CHOICES: BriefChoice[] = [
  { key: 'weekly', label: '研判专报（周研判报告）', request: { kind: 'weekly' }, period: true, masthead: true, meeting: 'optional' },
  { key: 'register', label: '风险隐患台账（横向表格）', request: { kind: 'register' }, filter: true },
  { key: 'minutes', label: '会议纪要', request: { kind: 'minutes' }, masthead: true, meeting: 'required' },
  { key: 'assignment', label: '交办单（每牵头单位一页）', request: { kind: 'assignment' }, meeting: 'required' },
  { key: 'agenda', label: '会议议程', request: { kind: 'agenda' }, meeting: 'required' },
  { key: 'supervision', label: '督办单（全部超期交办事项）', request: { kind: 'supervision' } },
  { key: 'stats', label: '年度/季度风险研判工作情况（选整年或整季度，默认本年）', request: { kind: 'stats' }, period: true },
  { key: 'sample-minutes', label: '会议纪要（样张）', request: { kind: 'minutes', sample: 'minutes' } },
  { key: 'sample-assignment', label: '交办单（样张，每单位一页）', request: { kind: 'assignment', sample: 'assignment' } },
  { key: 'calibration', label: '版心校准页（核对打印机）', request: { kind: 'register', sample: 'calibration', samplePages: 1 } },
];

/** #/briefs?kind=minutes&meeting=12 → the choice and meeting to open with (the meeting page links here). */
export function initialFromHash(hash: string): { choiceKey?: string; meetingId?: number; from?: string; to?: string } {
  const q = new URLSearchParams(hash.split('?')[1] ?? '');
  const kind = q.get('kind') ?? undefined;
  const meeting = Number(q.get('meeting'));
  return {
    choiceKey: BRIEF_CHOICES.some((c) => c.key === kind) ? kind : undefined,
    meetingId: Number.isInteger(meeting) && meeting > 0 ? meeting : undefined,
    // 统计 links here with the year or quarter to print (#/briefs?kind=stats&from=…&to=…).
    from: /^\d{4}-\d{2}-\d{2}$/.test(q.get('from') ?? '') ? q.get('from')! : undefined,
    to: /^\d{4}-\d{2}-\d{2}$/.test(q.get('to') ?? '') ? q.get('to')! : undefined,
  };
}
