// Roles with separated duties (三员分立). Each account holds exactly one role, so no account can
// hold two administrator roles, and administrators are not register roles: they never edit it.
export const ROLES = ['研判员', '领导', '查看', '系统管理员', '安全管理员', '审计管理员'] as const;
export type Role = (typeof ROLES)[number];

/** The three administrators (三员): accounts and roles; security policies; the audit. */
export const ADMIN_ROLES = ['系统管理员', '安全管理员', '审计管理员'] as const satisfies readonly Role[];
/** Who reads the register (台账、会议、交办、专报). */
export const REGISTER_READERS = ['研判员', '领导', '查看'] as const satisfies readonly Role[];
/** Who edits the register (台账、议程、会议运行、纪要草稿、交办). */
export const REGISTER_EDITORS = ['研判员'] as const satisfies readonly Role[];
/** 研判员 records and 领导 decides (签发、审批延期、办结). */
export const REGISTER_DECIDERS = ['研判员', '领导'] as const satisfies readonly Role[];
/** Every role: the shell (app.info), one's own password, logging out. */
export const ALL_ROLES = ROLES;

export const ROLE_DUTIES: Record<Role, string> = {
  研判员: '维护台账、议程、会议运行、纪要草稿和交办事项；可代签发人记录签发',
  领导: '查阅全部内容，签发纪要，审批延期和办结',
  查看: '只读查阅',
  系统管理员: '管理账号和角色（不编辑台账）',
  安全管理员: '设置密码策略、有效期、空闲锁定（不编辑台账）',
  审计管理员: '查阅和导出审计记录（不做其他操作）',
};

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

export function isAdminRole(r: Role): boolean {
  return (ADMIN_ROLES as readonly Role[]).includes(r);
}

/** Who is calling: the logged-in account as the host knows it (never taken from the input). */
export interface Caller {
  accountId: number;
  /** The login name: unique, written as the audit's actor. */
  name: string;
  displayName: string;
  role: Role;
  /**
   * A session limited to one call (the host's print browser): only this method with exactly this
   * input (as JSON) is allowed.
   */
  only?: { method: string; input: string };
  /**
   * Logged in with a password that must change first (new, reset or expired): until it does, only
   * session.* answers. Cleared on the session's caller when the password changes.
   */
  mustChange?: boolean;
}
