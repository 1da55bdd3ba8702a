// The dispatcher: the single door into the core for every host (Electron IPC, web host, CLI).
// It checks the caller's role against the contract (before looking at the input), validates the
// input, runs the handler (writes in one transaction, sealed into the audit chain), and always
// answers {ok, value} or {ok:false, error} — it never throws across the boundary.
import { ZodError } from 'zod';
import { contract, isMethodName, type ApiError, type ApiResult, type MethodName } from '../../shared/contract/index.js';
import { AppError, zodErrorToApiError } from '../../shared/errors.js';
import { sealAudit } from '../../db/auditChain.js';
import type { Caller } from '../../shared/roles.js';
import type { Db } from '../../db/open.js';
import type { HandlerContext } from './context.js';
import type { DownloadStore } from '../downloads.js';
import type { Handlers } from './types.js';
import { appHandlers, appPreparers } from './app.js';
import { riskHandlers } from './risks.js';
import { settingsHandlers } from './settings.js';
import { briefHandlers } from './briefs.js';
import type { PrinterSlot } from '../print/types.js';
import { meetingHandlers } from './meetings.js';
import { unitHandlers } from './units.js';
import { actionHandlers } from './actions.js';
import { gradingHandlers } from './grading.js';
import { heatmapHandlers } from './heatmap.js';
import { statsHandlers } from './stats.js';
import { importHandlers, importPreparers } from './imports.js';
import { accountHandlers } from './accounts.js';
import { auditHandlers } from './audit.js';
import { encryptionHandlers } from './encryption.js';

export const handlers: Handlers = {
  ...appHandlers,
  ...riskHandlers,
  ...settingsHandlers,
  ...briefHandlers,
  ...meetingHandlers,
  ...unitHandlers,
  ...actionHandlers,
  ...gradingHandlers,
  ...heatmapHandlers,
  ...statsHandlers,
  ...importHandlers,
  ...accountHandlers,
  ...auditHandlers,
  ...encryptionHandlers,
};

/**
 * Async work a write needs before its transaction opens (reading an uploaded file, taking a
 * backup): write handlers run synchronously inside one transaction, so this cannot happen there.
 */
export type Preparer = (input: never, ctx: HandlerContext) => Promise<void>;
export const preparers: Partial<Record<MethodName, Preparer>> = {
  ...importPreparers,
  ...appPreparers,
};

export interface DispatcherOptions {
  db: Db;
  dbPath: string;
  host: HandlerContext['host'];
  defaultOperator: string;
  /** Injected clock for tests; defaults to the system clock. */
  now?: () => string;
  log?: (msg: string, err?: unknown) => void;
  /** Set by the host once it can print (web host: headless Chromium; Electron: printToPDF). */
  printer?: PrinterSlot;
  /** Where large files are offered for a streamed download (the app hosts). */
  downloads?: DownloadStore;
  /**
   * Which methods this door opens: 'public' for anything a page can reach (web host, IPC),
   * 'local' (all methods) for the CLI and code inside the host process. Default: public.
   */
  tier?: 'public' | 'local';
  /**
   * Who calls when a call names nobody: the account the CLI logged in as, or a test's account.
   * The web host names the caller of each call (its session); with neither, every call is refused.
   */
  caller?: Caller;
}

/** `caller`: the logged-in account the host vouches for (never read from the input). */
export type Dispatch = (method: string, input: unknown, caller?: Caller) => Promise<ApiResult<unknown>>;

const NOT_LOGGED_IN = '请先登录。会话可能已因空闲而锁定，请重新登录后再操作。';

export function createDispatcher(opts: DispatcherOptions): Dispatch {
  const now = opts.now ?? (() => new Date().toISOString());
  const log = opts.log ?? ((msg, err) => console.error(msg, err));
  return async (method, rawInput, callerOfCall) => {
    if (!isMethodName(method)) {
      return fail({ code: 'UNKNOWN_METHOD', message: `没有名为「${method}」的功能。请升级或检查调用的方法名（yanpan methods 可列出全部）。` });
    }
    const spec = contract[method];
    if (spec.tier === 'local' && (opts.tier ?? 'public') !== 'local') {
      return fail({ code: 'FORBIDDEN', message: `「${method}」会按路径写入本机文件，只能在命令行中使用；页面里请用下载。` });
    }
    // The role is checked before the input is looked at: a refused caller learns nothing from it.
    const caller = callerOfCall ?? opts.caller;
    const refused = refusal(method, rawInput, caller);
    if (refused || !caller) return fail(refused ?? { code: 'FORBIDDEN', message: NOT_LOGGED_IN });
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail(zodErrorToApiError(parsed.error));
    try {
      const ctx: HandlerContext = {
        db: opts.db,
        dbPath: opts.dbPath,
        host: opts.host,
        defaultOperator: opts.defaultOperator,
        now,
        actor: caller.name,
        caller,
        printer: opts.printer,
        downloads: opts.downloads,
      };
      const handler = handlers[method] as (input: unknown, ctx: HandlerContext) => unknown;
      await (preparers[method] as ((input: unknown, ctx: HandlerContext) => Promise<void>) | undefined)?.(parsed.data, ctx);
      const value = spec.write ? runWrite(opts.db, () => handler(parsed.data, ctx), now) : await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (e) {
      return fail(toApiError(method, e, log));
    }
  };
}

/** Why this caller may not call this method (null: it may). Hosts that answer a method themselves use it too. */
export function refusal(method: MethodName, rawInput: unknown, caller: Caller | undefined): ApiError | null {
  if (!caller) return { code: 'FORBIDDEN', message: NOT_LOGGED_IN };
  const spec = contract[method];
  if (!spec.roles.includes(caller.role)) {
    return { code: 'FORBIDDEN', message: `「${caller.role}」角色不能${spec.doc.replace(/（.*$/, '')}。请用有此权限的账号登录（${spec.roles.join('、')}）。` };
  }
  const narrower = spec.refuse?.(rawInput, caller.role);
  if (narrower) return { code: 'FORBIDDEN', message: narrower };
  if (caller.mustChange && !method.startsWith('session.')) {
    return { code: 'FORBIDDEN', message: '请先修改密码（首次登录、密码被重置或已过期），再进行其他操作。' };
  }
  if (caller.only && (caller.only.method !== method || caller.only.input !== JSON.stringify(rawInput ?? {}))) {
    return { code: 'FORBIDDEN', message: '这个会话只能读取正在打印的文档。' };
  }
  return null;
}

/** One transaction: the handler, then the audit chain's link for the rows it wrote. */
export function runWrite(db: Db, fn: () => unknown, now: () => string): unknown {
  return db.transaction(() => {
    const v = fn();
    if (v instanceof Promise) throw new Error('write handlers must be synchronous (they run inside one transaction)');
    sealAudit(db, now());
    return v;
  }).immediate();
}

function fail(error: ApiError): ApiResult<never> {
  return { ok: false, error };
}

export function toApiError(method: MethodName | string, e: unknown, log: (msg: string, err?: unknown) => void): ApiError {
  if (e instanceof AppError) return { code: e.code, message: e.message, details: e.details };
  if (e instanceof ZodError) return zodErrorToApiError(e);
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_FULL') return { code: 'DB_ERROR', message: '磁盘空间已满，本次修改没有保存，原有数据未受影响。请清理磁盘后重试。' };
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return { code: 'DB_ERROR', message: '数据库正被其他程序使用，本次修改没有保存。请稍后重试。' };
  if (code === 'SQLITE_READONLY') return { code: 'DB_ERROR', message: '数据库文件是只读的，本次修改没有保存。请检查文件权限。' };
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    log(`[${method}] constraint`, e);
    return { code: 'INVALID_INPUT', message: '数据不符合台账的约束（例如编号重复或引用了不存在的项目），本次修改没有保存。' };
  }
  log(`[${method}] internal error`, e);
  return { code: 'INTERNAL', message: '程序内部出错，本次操作没有生效，数据未受影响。错误已写入日志，请联系维护人员。' };
}
