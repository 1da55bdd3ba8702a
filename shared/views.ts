// Saved register views (我的筛选): a named filter + sort + visible columns, per operator.
import { z } from 'zod';
import { RISK_SORT_KEYS } from './risks.js';
import { DEFAULT_COLUMNS, REGISTER_COLUMNS } from './registerColumns.js';

export { DEFAULT_COLUMNS, REGISTER_COLUMNS, type RegisterColumn } from './registerColumns.js';

export const viewPayload = z.object({
  // The filter fields of risks.list; risks.list validates them again when the view is applied.
  filter: z.record(z.string(), z.unknown()).default({}),
  sort: z.enum(RISK_SORT_KEYS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  columns: z.array(z.enum(REGISTER_COLUMNS, { message: '未知的列' })).max(REGISTER_COLUMNS.length).default(DEFAULT_COLUMNS),
  pageSize: z.number().int().min(1).max(500).optional(),
});
export type ViewPayload = z.infer<typeof viewPayload>;

export const savedViewSaveInput = z.object({
  name: z.string().trim().min(1, { message: '请给这个筛选起个名字' }).max(30, { message: '名称不能超过30个字' }),
  payload: viewPayload,
  /** Required to overwrite an existing view of the same name (optimistic lock). */
  version: z.number().int().positive().optional(),
});
export const savedViewDeleteInput = z.object({ id: z.number().int().positive(), version: z.number({ message: '缺少版本号' }).int().positive() });

export interface SavedView {
  id: number;
  operator: string;
  name: string;
  payload: ViewPayload;
  updatedAt: string;
  version: number;
}
