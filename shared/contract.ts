// The one API contract: every method the renderer (or `yanpan call`) can reach, with its input
// schema, whether it writes, and its output type. Hosts and the dispatcher are built from this.
import { z } from 'zod';
import { auditForEntityInput, type AuditEntry } from './audit.js';
import { isoDate, riskCreateInput, riskDeleteInput, riskGetInput, riskListInput, riskRestoreInput, riskUpdateInput, type Page, type RiskRow } from './risks.js';
import { settingsUpdateInput, type AppInfo, type AppSettings, type Lists } from './settings.js';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Writes run in one transaction and must leave an audit row. */
  write: boolean;
  /** Chinese one-line description, shown by `yanpan methods`. */
  doc: string;
  /** Phantom: carries the output type only. */
  readonly _output?: O;
}

function method<O>() {
  return <I extends z.ZodType>(input: I, write: boolean, doc: string): MethodSpec<I, O> => ({ input, write, doc });
}

const empty = z.object({}).strict();

export const contract = {
  'app.info': method<AppInfo>()(z.object({ asOf: isoDate.optional() }), false, '应用信息：数据库位置、今天日期、是否首次运行'),
  'app.initEmpty': method<AppInfo>()(empty, true, '首次运行：新建空台账'),
  'demo.load': method<{ created: number }>()(
    z.object({
      risks: z.number().int().min(1, { message: '至少 1 条' }).max(100_000, { message: '最多 100000 条' }).default(120),
      seed: z.number().int().default(20260105),
      asOf: isoDate.optional(),
    }),
    true,
    '载入示例数据（江城市虚构台账）',
  ),
  'settings.get': method<AppSettings>()(empty, false, '读取设置'),
  'settings.update': method<AppSettings>()(settingsUpdateInput, true, '修改设置（城市代码、操作人等）'),
  'lists.get': method<Lists>()(empty, false, '领域与县区列表'),
  'risks.list': method<Page<RiskRow>>()(riskListInput, false, '风险台账分页查询（搜索、筛选、排序）'),
  'risks.get': method<RiskRow>()(riskGetInput, false, '读取一条风险事项'),
  'risks.create': method<RiskRow>()(riskCreateInput, true, '新增风险事项'),
  'risks.update': method<RiskRow>()(riskUpdateInput, true, '修改风险事项（须带版本号）'),
  'risks.delete': method<RiskRow>()(riskDeleteInput, true, '删除风险事项（可恢复，须填原因）'),
  'risks.restore': method<RiskRow>()(riskRestoreInput, true, '恢复已删除的风险事项'),
  'audit.forEntity': method<AuditEntry[]>()(auditForEntityInput, false, '某条记录的变更历史'),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Contract[M]['_output']>;

export interface ApiError {
  code: 'INVALID_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'UNKNOWN_METHOD' | 'FORBIDDEN' | 'DB_ERROR' | 'INTERNAL';
  message: string;
  details?: unknown;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
