// The stored, ranked agenda proposal of a meeting as pages: the main list (主议程建议) and the
// consent list (一揽子研判). Contract types and input schemas; the rules are in ./agendaRank.ts.
import { z } from 'zod';
import { isoDate } from './risks.js';
import type { AgendaReason } from './agenda.js';

export const PROPOSAL_LISTS = ['main', 'consent'] as const;
export type ProposalList = (typeof PROPOSAL_LISTS)[number];
export const PROPOSAL_LIST_LABELS: Record<ProposalList, string> = { main: '主议程建议', consent: '一揽子研判' };

/** No page of the proposal is larger than this, however many risks are due. */
export const PROPOSAL_MAX_PAGE = 100;

export interface ProposalRow {
  riskId: number;
  code: string;
  title: string;
  region: string;
  domain: string;
  level: number | null;
  reasons: AgendaReason[];
  minutes: number;
  rank: number;
  /** Already on the meeting's agenda. */
  inAgenda: boolean;
  /** Assessed at this meeting (for a consent item: the list was confirmed). */
  assessed: boolean;
}

export interface ProposalSummary {
  asOf: string;
  generatedAt: string;
  /** Everything proposed (both lists). */
  all: number;
  main: number;
  mainNotInAgenda: number;
  /** Consent items not pulled onto the agenda, and how many of them are still to be confirmed. */
  consent: number;
  consentPending: number;
}

export interface ProposalPage {
  list: ProposalList | 'all';
  rows: ProposalRow[];
  total: number;
  page: number;
  pageSize: number;
  /** null until the proposal has been generated for this meeting. */
  summary: ProposalSummary | null;
}

const id = z.number({ message: '应为数字编号' }).int().positive();
const version = z.number({ message: '缺少版本号' }).int().positive();
export const proposalGenerateInput = z.object({ meetingId: id, asOf: isoDate.optional() });
export const proposalPageInput = z.object({
  meetingId: id,
  /** 'all': both lists in one ranking (what the ranking itself is checked on). */
  list: z.enum([...PROPOSAL_LISTS, 'all'], { message: '只能是 主议程建议、一揽子研判 或 全部' }).default('main'),
  page: z.number({ message: '页码应为数字' }).int().min(1, { message: '页码从 1 开始' }).max(100_000).default(1),
  pageSize: z.number({ message: '每页条数应为数字' }).int().min(1).max(PROPOSAL_MAX_PAGE, { message: `每页最多 ${PROPOSAL_MAX_PAGE} 条` }).default(20),
});
export const agendaFillInput = z.object({ meetingId: id, version });
export const agendaRemoveManyInput = z.object({ meetingId: id, version, itemIds: z.array(id).min(1, { message: '请至少选择一项' }).max(2000) });
export const consentConfirmInput = z.object({ meetingId: id, version, asOf: isoDate.optional() });

export interface ConsentConfirmResult {
  /** Assessments created (维持原等级). */
  confirmed: number;
  /** Items whose computed level changed since the proposal: moved onto the main agenda instead. */
  movedToAgenda: number;
}
