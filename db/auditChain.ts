// The audit's hash chain: one link per committed transaction that wrote audit rows. A link covers
// the rows after the previous link up to its own last_id; its hash is sha256 over the previous
// hash and those rows. Editing a row breaks its link; recomputing the chain after an edit changes
// the head, which the 审计管理员 has written down (page, exports) — `yanpan audit verify --head H`.
import { createHash } from 'node:crypto';
import type { Db } from './open.js';

export interface ChainHead {
  seq: number;
  lastId: number;
  hash: string;
  at: string | null;
}

const GENESIS = '0'.repeat(64);
const ROWS = 'SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log WHERE id > ? AND id <= ? ORDER BY id';

function linkHash(db: Db, prevHash: string, fromId: number, toId: number): string {
  const h = createHash('sha256').update(prevHash);
  for (const row of db.prepare(ROWS).raw().iterate(fromId, toId)) h.update('\n').update(JSON.stringify(row));
  return h.digest('hex');
}

export function chainHead(db: Db): ChainHead {
  const r = db.prepare('SELECT seq, last_id AS lastId, hash, at FROM audit_chain ORDER BY seq DESC LIMIT 1').get() as ChainHead | undefined;
  return r ?? { seq: 0, lastId: 0, hash: GENESIS, at: null };
}

/** Called inside the writing transaction, after its audit rows: adds the link that covers them. */
export function sealAudit(db: Db, at: string): void {
  const head = chainHead(db);
  const maxId = (db.prepare('SELECT MAX(id) AS m FROM audit_log').get() as { m: number | null }).m ?? 0;
  if (maxId <= head.lastId) return;
  db.prepare('INSERT INTO audit_chain (seq, last_id, hash, at) VALUES (?, ?, ?, ?)').run(head.seq + 1, maxId, linkHash(db, head.hash, head.lastId, maxId), at);
}

export interface ChainCheck {
  ok: boolean;
  links: number;
  rows: number;
  head: ChainHead;
  /** The first link whose rows or hash do not match, with the audit ids it covers. */
  brokenAt: { seq: number; fromId: number; toId: number } | null;
  /** The head given to compare with is not in the chain (the chain was recomputed or cut). */
  headMismatch: boolean;
  /** Rows written after the last link (a write outside the app). */
  unsealedRows: number;
  message: string;
}

/** Recomputes every link; with `expectHead`, also checks that hash is still one of the chain's links. */
export function verifyChain(db: Db, expectHead?: string): ChainCheck {
  let prev = { lastId: 0, hash: GENESIS };
  let links = 0;
  let brokenAt: ChainCheck['brokenAt'] = null;
  let headSeen = expectHead === undefined;
  for (const link of db.prepare('SELECT seq, last_id AS lastId, hash FROM audit_chain ORDER BY seq').iterate() as Iterable<{ seq: number; lastId: number; hash: string }>) {
    links++;
    if (!brokenAt && linkHash(db, prev.hash, prev.lastId, link.lastId) !== link.hash) brokenAt = { seq: link.seq, fromId: prev.lastId + 1, toId: link.lastId };
    if (link.hash === expectHead) headSeen = true;
    prev = link;
  }
  const head = chainHead(db);
  const rows = (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
  const unsealedRows = (db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE id > ?').get(head.lastId) as { n: number }).n;
  const headMismatch = !headSeen;
  const ok = !brokenAt && !headMismatch && unsealedRows === 0;
  const message = brokenAt
    ? `审计链在第 ${brokenAt.seq} 环断开：审计记录 ${brokenAt.fromId}–${brokenAt.toId} 号被改动过。`
    : headMismatch
      ? `审计链内部一致，但其中找不到记下的链头 ${expectHead}：链在该链头之前被改写并重新计算过，或被截断。`
      : unsealedRows
        ? `有 ${unsealedRows} 条审计记录不在链上（在程序之外写入）。`
        : `审计链完好：${links} 环，${rows} 条记录，链头 ${head.hash}。`;
  return { ok, links, rows, head, brokenAt, headMismatch, unsealedRows, message };
}

type RawAuditRow = [number, string, string, string, string, number | null, string | null, string | null];

/** The audit rows after `afterId` (what a restore must carry into the restored register). */
export function auditRowsAfter(db: Db, afterId: number): RawAuditRow[] {
  return db.prepare('SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log WHERE id > ? ORDER BY id').raw().all(afterId) as RawAuditRow[];
}

export function maxAuditId(db: Db): number {
  return (db.prepare('SELECT MAX(id) AS m FROM audit_log').get() as { m: number | null }).m ?? 0;
}

/**
 * After a restore: the rows written since the backup go into the restored register (ids above its
 * own, so none collide), then the restore itself; one link seals both.
 */
export function carryAuditIntoRestored(db: Db, rows: RawAuditRow[], restore: { actor: string; at: string; detail: unknown }): void {
  db.transaction(() => {
    const base = maxAuditId(db);
    const ins = db.prepare('INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    rows.forEach(([, ...rest], i) => ins.run(base + 1 + i, ...rest));
    ins.run(base + 1 + rows.length, restore.at, restore.actor, 'restoreBackup', 'register', null, null, JSON.stringify(restore.detail));
    sealAudit(db, restore.at);
  }).immediate();
}
