// Test-only seam: lets a test kill an import at a moment it knows is inside the write transaction.
// YANPAN_TEST_PAUSE_IMPORT_AFTER=n: once the import has written its n-th new row, the process
// prints YANPAN_TEST_PAUSED on stderr and blocks (the write is synchronous, so nothing commits
// meanwhile) for up to 60 s, then carries on. Unset — always, outside tests — an import reads one
// environment variable and calls nothing per row.
import { writeSync } from 'node:fs';

export const IMPORT_PAUSE_ENV = 'YANPAN_TEST_PAUSE_IMPORT_AFTER';
export const IMPORT_PAUSED_LINE = 'YANPAN_TEST_PAUSED';

/** A per-row callback for one import, or undefined when no pause was asked for. */
export function importPauseHook(env: NodeJS.ProcessEnv = process.env): (() => void) | undefined {
  const after = Number(env[IMPORT_PAUSE_ENV]);
  if (!Number.isSafeInteger(after) || after <= 0) return undefined;
  let written = 0;
  return () => {
    if (++written !== after) return;
    writeSync(2, IMPORT_PAUSED_LINE + '\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  };
}

export const ENCRYPT_PAUSE_ENV = 'YANPAN_TEST_PAUSE_ENCRYPT';

/**
 * YANPAN_TEST_PAUSE_ENCRYPT=1: the one-time encryption of a plain register (db/encryptRegister.ts)
 * stops after the encrypted copy and its key file are written and before the copy replaces the
 * register, prints YANPAN_TEST_PAUSED and blocks up to 60 s, so a test can kill it there.
 */
export function encryptPause(env: NodeJS.ProcessEnv = process.env): void {
  if (env[ENCRYPT_PAUSE_ENV] !== '1') return;
  writeSync(2, IMPORT_PAUSED_LINE + '\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}
