// The one API contract: every method the renderer (or `yanpan call`) can reach, with its input
// schema, whether it writes, and its output type. One file per area; this index joins them.
// The dispatcher, the renderer client, `yanpan methods` and the tests are all built from it.
import type { z } from 'zod';
import { appMethods } from './app.js';
import { riskMethods } from './risks.js';
import { settingsMethods } from './settings.js';
import { briefMethods } from './briefs.js';
import { meetingMethods } from './meetings.js';
import { actionMethods } from './actions.js';
import { gradingMethods } from './grading.js';
import { heatmapMethods } from './heatmap.js';
import { importMethods } from './imports.js';
import { unitMethods } from './units.js';
import { statsMethods } from './stats.js';
import { accountMethods } from './accounts.js';
import { auditMethods } from './audit.js';

export type { MethodSpec, MethodTier } from './method.js';

export const contract = {
  ...appMethods,
  ...riskMethods,
  ...settingsMethods,
  ...briefMethods,
  ...meetingMethods,
  ...actionMethods,
  ...gradingMethods,
  ...heatmapMethods,
  ...importMethods,
  ...unitMethods,
  ...statsMethods,
  ...accountMethods,
  ...auditMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** The methods a page may call (web host, Electron IPC); the rest are for the CLI and the host process. */
export type PublicMethodName = { [M in MethodName]: Contract[M]['tier'] extends 'public' ? M : never }[MethodName];
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Contract[M]['_output']>;

export interface ApiError {
  code: 'INVALID_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'UNKNOWN_METHOD' | 'FORBIDDEN' | 'DB_ERROR' | 'INTERNAL' | 'CANCELLED';
  message: string;
  details?: unknown;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export function isPublicMethod(name: string): name is PublicMethodName {
  return isMethodName(name) && contract[name].tier === 'public';
}
