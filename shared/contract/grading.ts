import { z } from 'zod';
import { method } from './method.js';
import { isoDate } from '../risks.js';
import { assessmentInput, type Assessment } from '../assessments.js';
import { riskEventFields, type RiskEvent } from '../events.js';
import { periodFields, periodUpdateInput, type SensitivePeriod } from '../periods.js';
import { ruleSetConfig, type Grade, type RuleSetConfig } from '../grading.js';

const id = z.number({ message: '应为数字编号' }).int().positive();
const version = z.number({ message: '缺少版本号' }).int().positive();

export interface RuleSetView {
  version: number;
  config: RuleSetConfig;
  note: string;
  createdAt: string;
  createdBy: string;
}
export type NearPeriod = SensitivePeriod & { state: '进行中' | '临近'; daysToStart: number };

export const gradingMethods = {
  'events.list': method<RiskEvent[]>()(z.object({ riskId: id }), false, '某事项的动态（进京、赴省、到市集访、网上舆情、极端言行）'),
  'events.create': method<RiskEvent>()(riskEventFields.extend({ riskId: id }), true, '新增一条动态'),
  'events.update': method<RiskEvent>()(z.object({ id, version, patch: riskEventFields.partial() }), true, '修改一条动态（须带版本号）'),
  'events.delete': method<RiskEvent>()(z.object({ id, version }), true, '删除一条动态'),
  'assessments.list': method<Assessment[]>()(z.object({ riskId: id }), false, '某事项的研判记录（新的在前）'),
  'assessments.preview': method<Grade & { ruleSetVersion: number; nextReview: string }>()(assessmentInput, false, '按当前规则试算等级与定级依据（不保存）'),
  'assessments.record': method<Assessment>()(assessmentInput, true, '记录一次研判（更新事项的等级、态势、下次研判日期）'),
  'rules.current': method<RuleSetView>()(z.object({}).strict(), false, '当前定级规则'),
  'rules.list': method<RuleSetView[]>()(z.object({}).strict(), false, '定级规则的全部版本'),
  'rules.save': method<RuleSetView>()(z.object({ config: ruleSetConfig, note: z.string().trim().max(500).default(''), baseVersion: version }), true, '保存定级规则（生成新版本，已有研判记录不变）'),
  'periods.list': method<SensitivePeriod[]>()(z.object({ year: z.number().int().min(2000).max(2100).optional() }), false, '敏感节点日历'),
  'periods.near': method<NearPeriod[]>()(z.object({ asOf: isoDate.optional(), days: z.number().int().min(0).max(90).optional() }), false, '正在进行或临近的敏感节点'),
  'periods.create': method<SensitivePeriod>()(periodFields, true, '新增敏感节点'),
  'periods.update': method<SensitivePeriod>()(periodUpdateInput, true, '修改敏感节点（须带版本号）'),
  'periods.delete': method<{ id: number }>()(z.object({ id, version }), true, '删除敏感节点'),
} as const;
