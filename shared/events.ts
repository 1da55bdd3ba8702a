// Risk events (动态): 进京, 赴省, 到市集访 (head count; ≥5 is a collective visit), 网上舆情 (苗头/发酵), 极端言行.
import { z } from 'zod';
import { isoDate } from './risks.js';
import { EVENT_KINDS, OPINION_STAGES } from './grading.js';

export const riskEventFields = z.object({
  kind: z.enum(EVENT_KINDS, { message: `只能是：${EVENT_KINDS.join('、')}` }),
  occurredOn: isoDate,
  count: z.number({ message: '人数应为整数' }).int({ message: '人数应为整数' }).min(0, { message: '人数不能为负' }).max(1_000_000, { message: '人数过大' }).nullable().optional(),
  stage: z.enum(OPINION_STAGES, { message: '阶段只能是：苗头、发酵' }).nullable().optional(),
  source: z.string().trim().max(100, { message: '不能超过100个字' }).optional(),
  note: z.string().trim().max(1000, { message: '不能超过1000个字' }).optional(),
});
export type RiskEventFields = z.infer<typeof riskEventFields>;

export interface RiskEvent {
  id: number;
  riskId: number;
  kind: string;
  occurredOn: string;
  count: number | null;
  stage: string | null;
  source: string;
  note: string;
  version: number;
}
