/** Who is writing and what time it is: passed into every mutation so audit rows and tests never read the clock themselves. */
export interface WriteContext {
  actor: string;
  /** ISO instant (UTC). */
  now: () => string;
}

export function systemContext(actor: string): WriteContext {
  return { actor, now: () => new Date().toISOString() };
}
