// Deriving once at the login that unlocks an encrypted register. That login used to prove the
// password twice, one derivation after the other: it unwraps the account's slot in the key file
// (scrypt, db/keyring.ts), then it is checked against the account's password hash inside the
// register (scrypt again, db/accounts.ts), which can only be read once the first has opened it.
//
// Every path that sets a password sets both from it, but nothing guarantees they still agree (a
// restore that mixes generations, a write that failed half-way). The binding records that they do:
// once one password was seen to open both, a MAC under the database key over that slot and that
// hash is kept in the key file. When a password later opens the same slot and the MAC matches the
// slot and the hash as they are now, the password is the hash's password too, and the second
// derivation would only repeat what the MAC proves. Any change to either (a new password, a
// re-wrap, a restore, raised parameters) changes what the MAC covers: the login then checks the
// hash in full and binds again. Without the database key nobody can write a MAC that matches.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readKeyFile, writeKeyFile, type Slot } from './keyring.js';
import type { PasswordVerifier } from './accounts.js';

/** What a login that unwrapped a slot knows: the key and the very slot the password opened. */
export interface Unwrapped {
  key: Buffer;
  slot: Slot;
  registerId: string;
}

const nameOf = (slot: Slot) => (slot.account ?? '').trim().toLowerCase();

function mac(u: Unwrapped, v: PasswordVerifier): Buffer {
  const s = u.slot;
  const covered = ['yanpan-slot-binding', u.registerId, nameOf(s), s.kdf, s.iv, s.tag, s.wrapped, v.hash, v.salt, v.params];
  return createHmac('sha256', u.key).update(JSON.stringify(covered)).digest();
}

/**
 * True when the key file holds this account's binding and it covers exactly the slot the password
 * just opened and the password hash `v` the register holds now.
 */
export function bindingHolds(file: string, u: Unwrapped, v: PasswordVerifier): boolean {
  if (u.slot.kind !== 'account') return false;
  const k = readKeyFile(file);
  const stored = k.bindings?.[nameOf(u.slot)];
  if (!stored || k.registerId !== u.registerId) return false;
  const want = mac(u, v);
  const got = Buffer.from(stored, 'base64');
  return got.length === want.length && timingSafeEqual(got, want);
}

/**
 * After a login in which one password opened the slot `u.slot` and matched the hash `v` in full:
 * the binding written, while that slot is still the account's. Best effort: a key file this
 * process cannot write (a read-only folder) leaves the next login to check both again.
 */
export function bind(file: string, u: Unwrapped, v: PasswordVerifier): void {
  if (u.slot.kind !== 'account') return;
  try {
    const k = readKeyFile(file);
    const current = k.slots.find((s) => s.kind === 'account' && nameOf(s) === nameOf(u.slot));
    if (k.registerId !== u.registerId || !current || current.wrapped !== u.slot.wrapped || current.kdf.salt !== u.slot.kdf.salt) return;
    writeKeyFile(file, { ...k, bindings: { ...k.bindings, [nameOf(u.slot)]: mac(u, v).toString('base64') } });
  } catch {
    // The login stands; the next one derives twice.
  }
}
