import { z } from 'zod';
import { method } from './method.js';
import { ALL_ROLES, type Role } from '../roles.js';
import type { DemoAccount } from '../accounts.js';

/** A new register is set up by its first 系统管理员 or by a 研判员 (empty register only). */
const SETUP_ROLES: readonly Role[] = ['研判员', '系统管理员'];
import { isoDate } from '../risks.js';
import { settingsUpdateInput, type AppInfo, type AppSettings, type Lists } from '../settings.js';

const empty = z.object({}).strict();

export const appMethods = {
  'app.info': method<AppInfo>()(z.object({ asOf: isoDate.optional() }), false, '应用信息：数据库位置、今天日期、是否首次运行', 'public', ALL_ROLES),
  'app.initEmpty': method<AppInfo>()(empty, true, '首次运行：新建空台账', 'public', SETUP_ROLES),
  'demo.load': method<{ created: number; accounts: DemoAccount[] }>()(
    z.object({
      risks: z.number().int().min(1, { message: '至少 1 条' }).max(100_000, { message: '最多 100000 条' }).default(120),
      seed: z.number().int().default(20260105),
      asOf: isoDate.optional(),
    }),
    true,
    '载入示例数据（江城市虚构台账）',
    'public',
    SETUP_ROLES,
  ),
  'settings.get': method<AppSettings>()(empty, false, '读取设置', 'public', ALL_ROLES),
  'settings.update': method<AppSettings>()(settingsUpdateInput, true, '修改设置（城市代码、操作人等）'),
  'lists.get': method<Lists>()(empty, false, '领域与县区列表', 'public', ALL_ROLES),
} as const;
