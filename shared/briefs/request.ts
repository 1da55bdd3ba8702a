// What a caller asks to print: which document, over which data, with which 版头 options.
// The same object travels in the print route's URL (#/print/<kind>?q=…) and in the API calls.
import { z } from 'zod';
import { isoDate } from '../risks.js';
import { RISK_STATUSES } from '../labels.js';
import { BRIEF_KINDS } from './model.js';
import { SAMPLE_NAMES } from './samples.js';

export const briefRequest = z.object({
  kind: z.enum(BRIEF_KINDS, { message: `文档类型只能是：${BRIEF_KINDS.join('、')}` }),
  /** 样张: meeting documents from fixture data until the meeting module supplies real ones. */
  sample: z.enum(SAMPLE_NAMES).optional(),
  /** Pages of the 版心校准页 sample. */
  samplePages: z.number().int().min(1).max(200).optional(),
  /** The meeting a 纪要/交办单/议程 (and the 专报's decisions) come from; meeting kinds default to the latest. */
  meetingId: z.number({ message: '会议编号应为数字' }).int().positive().optional(),
  asOf: isoDate.optional(),
  /** Period of the weekly brief; defaults to the Monday–Sunday before the meeting's week (or asOf's). */
  from: isoDate.optional(),
  to: isoDate.optional(),
  filter: z
    .object({
      query: z.string().trim().max(100).optional(),
      domainId: z.number().int().positive().optional(),
      regionId: z.number().int().positive().optional(),
      level: z.number().int().min(1).max(4).optional(),
      status: z.enum(RISK_STATUSES).optional(),
    })
    .default({}),
  masthead: z
    .object({
      copyNo: z.string().regex(/^\d{6}$/, { message: '份号应为6位阿拉伯数字，例如 000001' }).optional(),
      secret: z.string().max(20).optional(),
      urgency: z.enum(['特急', '加急']).optional(),
      signer: z.string().max(20).optional(),
      issueNo: z.number().int().min(1).max(999).optional(),
      internal: z.boolean().optional(),
    })
    .default({}),
  cc: z.string().max(200).optional(),
  /** 专报: how many 重点风险 to describe (default 10), and whether to add the full 重大/较大 list as 附件. */
  topN: z.number({ message: '重点风险件数应为数字' }).int().min(1, { message: '重点风险至少列1件' }).max(50, { message: '重点风险最多列50件' }).optional(),
  appendix: z.boolean().optional(),
  /** Output as issued (PDF/Word to send): takes the 期号/文号 if the document has none. Previews leave it out and show 预览. */
  final: z.boolean().optional(),
});
export type BriefRequest = z.input<typeof briefRequest>;
export type BriefRequestParsed = z.output<typeof briefRequest>;

/** Options of a generated document; the bytes come back to the caller (local callers may name a file: briefs.savePdf). */
export const briefOutput = z.object({
  copies: z.number().int().min(1).max(999).default(1),
  /** Client-chosen id for progress and cancel. */
  jobId: z.string().regex(/^[\w-]{1,64}$/).optional(),
});

/** base64url of the JSON request: what follows "?q=" in the print route. */
export function encodeRequest(r: BriefRequest): string {
  const bytes = new TextEncoder().encode(JSON.stringify(r));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeRequest(q: string): unknown {
  const bin = atob(q.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
}

export function printRoute(r: BriefRequest): string {
  return `#/print/${r.kind}?q=${encodeRequest(r)}`;
}

/** Document kinds by the names people use (the issue's 专报|纪要|交办单|督办单|议程) as well as the keys. */
export const BRIEF_KIND_ALIASES: Record<string, (typeof BRIEF_KINDS)[number]> = {
  专报: 'weekly', 研判专报: 'weekly', 周研判报告: 'weekly', 纪要: 'minutes', 会议纪要: 'minutes', 交办单: 'assignment',
  督办单: 'supervision', 议程: 'agenda', 会议议程: 'agenda', 台账: 'register', 工作情况: 'stats', 风险研判工作情况: 'stats',
};

export function briefKindOf(name: string): (typeof BRIEF_KINDS)[number] | undefined {
  const k = name.trim();
  return (BRIEF_KINDS as readonly string[]).includes(k) ? (k as (typeof BRIEF_KINDS)[number]) : BRIEF_KIND_ALIASES[k];
}
