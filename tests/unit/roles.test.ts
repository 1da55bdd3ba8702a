// Every method called as every role: allowed or refused exactly as declared, and the role is
// checked before the input (a refused caller gets FORBIDDEN even for nonsense input; an allowed
// one gets the input's error). The expected table is written here, not read from the contract.
import { describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/contract/index.js';
import { ROLES, type Role } from '../../shared/roles.js';
import { createDispatcher } from '../../electron/api/dispatcher.js';
import { fixedClock, tempDatabase, testCaller } from './helpers.js';

const READERS: Role[] = ['研判员', '领导', '查看'];
const EDITORS: Role[] = ['研判员'];
const EVERYONE: Role[] = [...ROLES];
const SETUP: Role[] = ['研判员', '系统管理员'];
const BACKUP: Role[] = ['研判员', '系统管理员'];

/** Methods whose roles are not the default (reads: 研判员/领导/查看; writes: 研判员). */
const DECLARED: Partial<Record<MethodName, Role[]>> = {
  'app.info': EVERYONE,
  'settings.get': EVERYONE,
  'lists.get': EVERYONE,
  'app.initEmpty': SETUP,
  'demo.load': SETUP,
  'actions.transition': ['研判员', '领导'],
  'meetings.transition': ['研判员', '领导'],
  'actions.decideExtension': ['领导'],
  'briefs.recordPrint': READERS,
  'backups.list': BACKUP,
  'backups.create': BACKUP,
  'backups.download': BACKUP,
  'backups.restore': BACKUP,
  'recovery.restore': BACKUP,
  'audit.forEntity': [...READERS, '审计管理员'],
  'session.me': EVERYONE,
  'session.changePassword': EVERYONE,
  'accounts.list': ['系统管理员'],
  'accounts.create': ['系统管理员'],
  'accounts.update': ['系统管理员'],
  'accounts.resetPassword': ['系统管理员'],
  'accounts.unlock': ['系统管理员'],
  'security.policy': EVERYONE,
  'security.setPolicy': ['安全管理员'],
  'audit.list': ['审计管理员'],
  'audit.export': ['审计管理员'],
  'audit.verify': ['审计管理员'],
  'register.encryption': ['系统管理员'],
  'register.encrypt': ['系统管理员'],
  'register.newRecoveryKey': ['系统管理员'],
  'backups.exportPlain': ['系统管理员'],
};

const expected = (m: MethodName): Role[] => DECLARED[m] ?? (contract[m].write ? EDITORS : READERS);

describe('roles per method', () => {
  it('every method × every role: allowed ones reach input validation, refused ones are FORBIDDEN before it', async () => {
    const { db, file } = tempDatabase();
    const dispatch = createDispatcher({ db, dbPath: file, host: 'cli', defaultOperator: '测试员', now: fixedClock(), log: () => {}, tier: 'local' });
    const wrong: string[] = [];
    for (const m of Object.keys(contract) as MethodName[]) {
      for (const role of ROLES) {
        // 42 is no method's input: an allowed call stops at validation and changes nothing.
        const r = await dispatch(m, 42, testCaller('某人', role));
        const allowed = expected(m).includes(role);
        const got = r.ok ? 'ok' : r.error.code;
        if (allowed ? got !== 'INVALID_INPUT' : got !== 'FORBIDDEN' || !/角色不能/.test(r.ok ? '' : r.error.message)) wrong.push(`${m} as ${role}: ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no administrator may write to the register, and the 审计管理员 reaches nothing but the audit', () => {
    // register.*: the register's encryption (keys, recovery key), the 系统管理员's, not its contents.
    const accountsAndPolicy = /^(session|accounts|security|register)\.|^(app\.initEmpty|demo\.load|backups\.|recovery\.)/;
    for (const [m, spec] of Object.entries(contract)) {
      if (spec.write && !accountsAndPolicy.test(m)) expect(spec.roles.filter((r) => r.endsWith('管理员')), m).toEqual([]);
      if (spec.roles.includes('审计管理员')) expect(m, 'the 审计管理员 reads the audit only').toMatch(/^(audit\.|session\.|app\.info|settings\.get|lists\.get|security\.policy)/);
    }
  });

  it('without a logged-in caller every method is refused', async () => {
    const { db, file } = tempDatabase();
    const dispatch = createDispatcher({ db, dbPath: file, host: 'web', defaultOperator: '测试员', now: fixedClock(), log: () => {} });
    for (const m of ['app.info', 'risks.list', 'session.me']) {
      const r = await dispatch(m, {});
      expect(r.ok ? 'ok' : r.error.message, m).toMatch(/请先登录/);
    }
  });
});
