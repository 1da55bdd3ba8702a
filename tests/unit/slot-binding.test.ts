// Deriving once at the login that unlocks (db/slotBinding.ts): the binding in the key file holds
// only for the very slot a password opened and the very password hash the register holds; any
// change to either, a binding made with another key, or one moved to another account, does not
// hold. And the login's check skips the hash only when told the password was proven, never past a
// lock or a disabled account.
import { randomBytes, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEncryptedRegister, readKeyFile, rewrapSlot, unlockSlot, writeKeyFile } from '../../db/keyring.js';
import { bind, bindingHolds } from '../../db/slotBinding.js';
import { forgetKeys, keysFileFor } from '../../db/cipher.js';
import { createAccount, passwordVerifier, updateAccount } from '../../db/accounts.js';
import { login } from '../../electron/session.js';
import { fixedClock, tempDatabase, tempDir, testContext } from './helpers.js';

vi.setConfig({ testTimeout: 120_000 });
afterEach(() => forgetKeys());

const A = { account: 'root', password: 'Hecheng-2026!' };
const B = { account: 'analyst', password: 'Yanpan-Li-001' };
const V = { hash: 'aGFzaA==', salt: 'c2FsdA==', params: '{"N":65536,"r":8,"p":1,"keylen":32}' };

function register() {
  const file = join(tempDir(), 'yanpan.db');
  createEncryptedRegister(file, { accounts: [A, B] });
  return file;
}

describe('the binding of a key slot to a password hash', () => {
  it('holds after bind for that slot and that hash only', () => {
    const file = register();
    const u = unlockSlot(file, A);
    expect(bindingHolds(file, u, V)).toBe(false);
    bind(file, u, V);
    expect(Object.keys(readKeyFile(file).bindings ?? {})).toEqual(['root']);
    expect(bindingHolds(file, u, V)).toBe(true);
    expect(bindingHolds(file, unlockSlot(file, A), { ...V })).toBe(true);
    // The hash, its salt or its parameters changed in the register: not the hash that was bound.
    expect(bindingHolds(file, u, { ...V, hash: 'b3RoZXI=' })).toBe(false);
    expect(bindingHolds(file, u, { ...V, salt: 'b3RoZXI=' })).toBe(false);
    expect(bindingHolds(file, u, { ...V, params: '{"N":131072,"r":8,"p":1,"keylen":32}' })).toBe(false);
    // Another account's slot, even with the same hash: not bound.
    expect(bindingHolds(file, unlockSlot(file, B), V)).toBe(false);
  });

  it('a re-wrapped slot (a password change) is not the slot that was bound', () => {
    const file = register();
    bind(file, unlockSlot(file, A), V);
    rewrapSlot(file, { account: A.account, oldPassword: A.password, newPassword: 'Hecheng-2027!' });
    expect(bindingHolds(file, unlockSlot(file, { account: A.account, password: 'Hecheng-2027!' }), V)).toBe(false);
    // Even the same password wrapped again (a new salt) must be bound again.
    rewrapSlot(file, { account: A.account, oldPassword: 'Hecheng-2027!', newPassword: A.password });
    expect(bindingHolds(file, unlockSlot(file, A), V)).toBe(false);
  });

  it('a binding not made with the register’s key, or moved to another account, does not hold', () => {
    const file = register();
    const u = unlockSlot(file, A);
    const k = readKeyFile(file);
    // Made the same way but under another key (whoever lacks the database key can do no better).
    const forged = createHmac('sha256', randomBytes(32)).update('anything').digest('base64');
    writeKeyFile(file, { ...k, bindings: { root: forged } });
    expect(bindingHolds(file, u, V)).toBe(false);
    bind(file, u, V);
    const good = readKeyFile(file).bindings!.root;
    writeKeyFile(file, { ...readKeyFile(file), bindings: { analyst: good } });
    expect(bindingHolds(file, unlockSlot(file, B), V)).toBe(false);
  });

  it('is not written for a slot that is no longer the account’s', () => {
    const file = register();
    const u = unlockSlot(file, A);
    rewrapSlot(file, { account: A.account, oldPassword: A.password, newPassword: 'Hecheng-2027!' });
    const before = readFileSync(keysFileFor(file), 'utf8');
    bind(file, u, V);
    expect(readFileSync(keysFileFor(file), 'utf8')).toBe(before);
  });
});

describe('the login check told the password is proven', () => {
  function withAccount() {
    const { db } = tempDatabase();
    const ctx = testContext('系统');
    const a = createAccount(db, ctx, { name: 'zhang', displayName: '张', role: '研判员', password: 'Yanpan-Li-001', mustChange: false });
    return { db, a, ctx };
  }

  it('skips the hash only then: given the stored hash, it logs in without deriving it again', () => {
    const { db, a } = withAccount();
    const now = fixedClock();
    const seen: unknown[] = [];
    // A password that is not the hash's: refused unless proven, so the hash was not derived.
    expect(() => login(db, 'zhang', 'Not-the-pass-1', now)).toThrow('账号或密码不正确');
    expect(login(db, 'zhang', 'Not-the-pass-1', now, (v) => (seen.push(v), true)).name).toBe('zhang');
    expect(seen).toEqual([passwordVerifier(db, a.id)]);
    expect(() => login(db, 'zhang', 'Not-the-pass-1', now, () => false)).toThrow('账号或密码不正确');
    expect(login(db, 'zhang', 'Yanpan-Li-001', now, () => false).name).toBe('zhang');
  });

  it('a locked or disabled account is refused before the proof is asked', () => {
    const { db, a, ctx } = withAccount();
    const now = fixedClock();
    let asked = 0;
    const proven = () => (asked++, true);
    for (let i = 0; i < 5; i++) expect(() => login(db, 'zhang', `Wrong-pass-${i}`, now)).toThrow();
    expect(() => login(db, 'zhang', 'Yanpan-Li-001', now, proven)).toThrow('已锁定');
    db.prepare('UPDATE accounts SET locked_until = NULL, failed_count = 0').run();
    updateAccount(db, ctx, 0, { id: a.id, version: a.version, disabled: true });
    expect(() => login(db, 'zhang', 'Yanpan-Li-001', now, proven)).toThrow('停用');
    expect(asked).toBe(0);
  });
});
