// 期号/文号 of issued documents (migration 0007): the next free number of the year is taken when a
// document is first output as final and stays with it; previews read, never take.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';

export type NumberedKind = 'weekly' | 'supervision';

export interface IssuedNumber {
  year: number;
  no: number;
}

export function issuedNumber(db: Db, kind: NumberedKind, subject: string): IssuedNumber | null {
  return (db.prepare('SELECT year, no FROM brief_numbers WHERE kind = ? AND subject = ?').get(kind, subject) as IssuedNumber | undefined) ?? null;
}

/** The document's number: the one it was issued with, else the next of `year` (taken now, in one transaction). */
export function issueNumber(db: Db, ctx: WriteContext, kind: NumberedKind, year: number, subject: string): IssuedNumber {
  return db.transaction(() => {
    const had = issuedNumber(db, kind, subject);
    if (had) return had;
    const no = (db.prepare('SELECT COALESCE(MAX(no), 0) + 1 FROM brief_numbers WHERE kind = ? AND year = ?').pluck().get(kind, year) as number);
    db.prepare('INSERT INTO brief_numbers (kind, year, no, subject, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?)').run(kind, year, no, subject, ctx.now(), ctx.actor);
    writeAudit(db, ctx, 'issue', 'brief_number', null, null, { kind, year, no, subject });
    return { year, no };
  })();
}
