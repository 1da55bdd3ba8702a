// When an app host does its start-up work (the start-up backup, a large register's contents check):
// not while the user waits for the login and the first page. Both read the whole file (1.4 GB at
// 100,000 risks) and took a core and the disk from the first page, which came 1.3–1.5 s later for it.
// The work begins once the host has answered its first call (the first page) and then seen no call
// for `idleMs` (both hosts count the page's files they serve as calls too: Core.track); at the
// latest `latestMs` after the register opened (a user who never pauses, a window left at its login
// page). A host that closes or restores first cancels the gate and takes a backup
// still due itself (core.ts finishStartWork), so it is never lost.

/** Quiet time after the first page before the start-up work begins. */
export const START_WORK_IDLE_MS = 3_000;
/** The start-up work begins by this time after the register opened, busy or not. */
export const START_WORK_LATEST_MS = 60_000;

/** What `yanpan serve` prints once the start-up work is over (the bench waits for it before timing fresh tabs). */
export const START_WORK_DONE_LINE = '启动后的备份与内容检查已完成。';

export interface StartWorkGate {
  /** Wraps a call: the work waits while calls run, and counts quiet time from the last one's end. */
  track: <T>(call: () => Promise<T>) => Promise<T>;
  /** The work will not begin any more. */
  cancel: () => void;
  /** Neither begun nor cancelled: the work is still to come. */
  waiting: () => boolean;
}

export function startWorkGate(work: () => void, o: { idleMs?: number; latestMs?: number } = {}): StartWorkGate {
  const idleMs = o.idleMs ?? START_WORK_IDLE_MS;
  let state: 'waiting' | 'begun' | 'cancelled' = 'waiting';
  let running = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const clear = () => {
    clearTimeout(idle);
    clearTimeout(latest);
  };
  const begin = () => {
    if (state !== 'waiting') return;
    state = 'begun';
    clear();
    work();
  };
  const latest = setTimeout(begin, o.latestMs ?? START_WORK_LATEST_MS);
  // A process with nothing else to do (a test, a command) does not wait for it.
  latest.unref();
  return {
    track: async (call) => {
      // Once begun or cancelled (never waiting again), a call passes straight through.
      if (state !== 'waiting') return call();
      running++;
      clearTimeout(idle);
      try {
        return await call();
      } finally {
        running--;
        if (state === 'waiting' && running === 0) {
          idle = setTimeout(begin, idleMs);
          idle.unref();
        }
      }
    },
    cancel: () => {
      if (state === 'waiting') state = 'cancelled';
      clear();
    },
    waiting: () => state === 'waiting',
  };
}
