// Assessments (研判记录): the history of a risk's level. Input schema and row type.
import { z } from 'zod';
import { isoDate } from './risks.js';
import { TRENDS } from './labels.js';

const lvlMsg = '应为 1（重大）至 4（低）';
export const assessmentInput = z.object({
  riskId: z.number({ message: '缺少风险事项序号' }).int().positive(),
  meetingId: z.number().int().positive().nullable().optional(),
  assessedOn: isoDate.optional(),
  likelihood: z.number({ message: '应为整数' }).int({ message: '应为整数' }).min(1, { message: '应为 1 到矩阵边长之间的整数（默认 5×5 矩阵为 1–5）' }).max(6, { message: '应为 1 到矩阵边长之间的整数（默认 5×5 矩阵为 1–5）' }),
  impact: z.number({ message: '应为整数' }).int({ message: '应为整数' }).min(1, { message: '应为 1 到矩阵边长之间的整数（默认 5×5 矩阵为 1–5）' }).max(6, { message: '应为 1 到矩阵边长之间的整数（默认 5×5 矩阵为 1–5）' }),
  finalLevel: z.number({ message: lvlMsg }).int().min(1, { message: lvlMsg }).max(4, { message: lvlMsg }).nullable().optional(),
  overrideReason: z.string().trim().max(1000, { message: '不能超过1000个字' }).optional(),
  trend: z.enum(TRENDS, { message: `只能是：${TRENDS.join('、')}` }).optional(),
  analysis: z.string().trim().max(5000, { message: '不能超过5000个字' }).optional(),
  countermeasures: z.string().trim().max(5000, { message: '不能超过5000个字' }).optional(),
  reportUp: z.boolean().optional(),
  nextReview: isoDate.optional(),
  /** Preview only: grade without saving. */
});
export type AssessmentInput = z.infer<typeof assessmentInput>;

export interface Assessment {
  id: number;
  riskId: number;
  meetingId: number | null;
  kind: string;
  assessedOn: string;
  likelihood: number | null;
  impact: number | null;
  score: number | null;
  matrixLevel: number | null;
  ruleLevel: number | null;
  computedLevel: number | null;
  finalLevel: number;
  overrideReason: string | null;
  escalationPeriod: string | null;
  escalationBasis: string | null;
  basis: string;
  ruleSetVersion: number;
  trend: string | null;
  analysis: string;
  countermeasures: string;
  reportUp: boolean;
  nextReview: string | null;
  createdAt: string;
  createdBy: string;
}
