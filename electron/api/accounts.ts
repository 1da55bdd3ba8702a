// Accounts, the caller's own session and the security policy. Logging in is the host's
// (electron/session.ts); these run for a caller the host already knows.
import type { HandlersFor } from './types.js';
import type { HandlerContext } from './context.js';
import { changeOwnPassword, createAccount, getAccount, getPolicy, listAccounts, resetPassword, setPolicy, unlockAccount, updateAccount } from '../../db/accounts.js';
import { passwordExpired, type SessionInfo } from '../../shared/accounts.js';
import { AppError } from '../../shared/errors.js';

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
    // The host's session holds this caller: from now on it may do what its role allows.
    ctx.caller.mustChange = false;
    return sessionInfo(ctx);
  },
  'accounts.list': (_input, ctx) => listAccounts(ctx.db),
  'accounts.create': (input, ctx) => createAccount(ctx.db, ctx, input),
  'accounts.update': (input, ctx) => updateAccount(ctx.db, ctx, ctx.caller.accountId, input),
  'accounts.resetPassword': (input, ctx) => resetPassword(ctx.db, ctx, input),
  'accounts.unlock': (input, ctx) => unlockAccount(ctx.db, ctx, input),
  'security.policy': (_input, ctx) => getPolicy(ctx.db),
  'security.setPolicy': (input, ctx) => setPolicy(ctx.db, ctx, input),
};
