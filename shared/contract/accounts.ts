import { z } from 'zod';
import { method } from './method.js';
import { ALL_ROLES } from '../roles.js';
import type { FilePayload } from '../files.js';
import { confirmPasswordInput, registerEncryptInput, type EncryptOutcome, type EncryptionStatus, accountCreateInput, accountResetInput, accountUnlockInput, accountUpdateInput, changePasswordInput, policyUpdateInput, type AccountRow, type SecurityPolicy, type SessionInfo } from '../accounts.js';

const empty = z.object({}).strict();

// Logging in and out are not methods: the host does them (electron/session.ts) and then knows the caller.
export const accountMethods = {
  'session.me': method<SessionInfo>()(empty, false, '当前登录的账号、是否须改密码、安全策略', 'public', ALL_ROLES),
  'session.changePassword': method<SessionInfo>()(changePasswordInput, true, '修改自己的密码（须输入原密码）', 'public', ALL_ROLES),
  'accounts.list': method<AccountRow[]>()(empty, false, '账号列表', 'public', ['系统管理员']),
  'accounts.create': method<AccountRow>()(accountCreateInput, true, '新建账号（初始密码，首次登录须修改）', 'public', ['系统管理员']),
  'accounts.update': method<AccountRow>()(accountUpdateInput, true, '修改账号的姓名、角色或停用', 'public', ['系统管理员']),
  'accounts.resetPassword': method<AccountRow>()(accountResetInput, true, '重置密码（下次登录须修改）', 'public', ['系统管理员']),
  'accounts.unlock': method<AccountRow>()(accountUnlockInput, true, '解除因密码错误造成的锁定', 'public', ['系统管理员']),
  'security.policy': method<SecurityPolicy>()(empty, false, '密码策略与空闲锁定', 'public', ALL_ROLES),
  'security.setPolicy': method<SecurityPolicy>()(policyUpdateInput, true, '修改密码策略、有效期和空闲锁定时间', 'public', ['安全管理员']),
  'register.encryption': method<EncryptionStatus>()(empty, false, '台账加密状态：谁能解锁、有无恢复密钥、备份是否加密', 'public', ['系统管理员']),
  'register.encrypt': method<EncryptOutcome>()(registerEncryptInput, true, '加密台账（须再次输入密码；得到只显示一次的恢复密钥）', 'public', ['系统管理员']),
  'register.newRecoveryKey': method<{ recoveryKey: string }>()(confirmPasswordInput, true, '更换恢复密钥（旧的作废；须再次输入密码）', 'public', ['系统管理员']),
  'backups.exportPlain': method<FilePayload>()(confirmPasswordInput, false, '导出未加密的台账副本（须再次输入密码，记入审计）', 'public', ['系统管理员']),
} as const;
