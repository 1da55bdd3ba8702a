// Bulk writes lift a per-row trigger and do its work once, set-wise, afterwards.
import type { Db } from './open.js';

/**
 * Drops trigger `name` and returns the function that creates it again, or null when it is not
 * there (an outer bulk write has lifted it and does its work itself). Call inside a transaction,
 * so a failure rolls the drop back too.
 */
export function liftTrigger(db: Db, name: string): (() => void) | null {
  const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name) as { sql: string } | undefined;
  if (!trigger) return null;
  db.exec(`DROP TRIGGER ${name}`);
  return () => db.exec(trigger.sql);
}
