// Accounts, the caller's own session and the security policy. Logging in is the host's
// (electron/session.ts); these run for a caller the host already knows.
import type { HandlersFor } from './types.js';
import type { HandlerContext } from './context.js';
import { changeOwnPassword, createAccount, getAccount, getPolicy, listAccounts, resetPassword, setPolicy, unlockAccount, updateAccount } from '../../db/accounts.js';
import { passwordExpired, type SessionInfo } from '../../shared/accounts.js';
import { AppError } from '../../shared/errors.js';
import { dropSlot, putSlot } from '../../db/keyring.js';
import { keyOf } from '../../db/sqlite.js';

/**
 * An encrypted register's key file follows the accounts: each account's copy of the key is wrapped
 * with its current password (written last in the handler, so a failure rolls the account back too).
 */
export function syncSlot(ctx: Pick<HandlerContext, 'db' | 'dbPath'>, account: string, password: string | null): void {
  const k = keyOf(ctx.db);
  if (!k) return;
  if (password === null) dropSlot(ctx.dbPath, k.key, account);
  else putSlot(ctx.dbPath, k.key, { account, password });
}

export function sessionInfo(ctx: Pick<HandlerContext, 'db' | 'caller' | 'now'>): SessionInfo {
  const policy = getPolicy(ctx.db);
  const { caller } = ctx;
  // A test's or a script's caller may have no row (accountId 0): nothing to change then.
  const row = caller.accountId > 0 ? getAccount(ctx.db, caller.accountId) : null;
  const mustChange = !!row && !row.demo && (row.mustChange || passwordExpired(row.passwordChangedAt, ctx.now(), policy.expiryDays));
  return { account: { id: caller.accountId, name: caller.name, displayName: caller.displayName, role: caller.role }, mustChange, policy };
}

export const accountHandlers: HandlersFor<
  'session.me' | 'session.changePassword' | 'accounts.list' | 'accounts.create' | 'accounts.update' | 'accounts.resetPassword' | 'accounts.unlock' | 'security.policy' | 'security.setPolicy'
> = {
  'session.me': (_input, ctx) => sessionInfo(ctx),
  'session.changePassword': ({ current, next }, ctx) => {
    if (ctx.caller.accountId <= 0) throw new AppError('INVALID_INPUT', '这个会话没有对应的账号，不能修改密码。');
    changeOwnPassword(ctx.db, ctx, ctx.caller.accountId, current, next);
    syncSlot(ctx, ctx.caller.name, next);
    // The host's session holds this caller: from now on it may do what its role allows.
    ctx.caller.mustChange = false;
    return sessionInfo(ctx);
  },
  'accounts.list': (_input, ctx) => listAccounts(ctx.db),
  'accounts.create': (input, ctx) => {
    const a = createAccount(ctx.db, ctx, input);
    syncSlot(ctx, a.name, input.password);
    return a;
  },
  'accounts.update': (input, ctx) => {
    const a = updateAccount(ctx.db, ctx, ctx.caller.accountId, input);
    // A disabled account no longer opens the register; enabled again, it gets a copy at its next login.
    if (input.disabled) syncSlot(ctx, a.name, null);
    return a;
  },
  'accounts.resetPassword': (input, ctx) => {
    const a = resetPassword(ctx.db, ctx, input);
    syncSlot(ctx, a.name, input.password);
    return a;
  },
  'accounts.unlock': (input, ctx) => unlockAccount(ctx.db, ctx, input),
  'security.policy': (_input, ctx) => getPolicy(ctx.db),
  'security.setPolicy': (input, ctx) => setPolicy(ctx.db, ctx, input),
};
