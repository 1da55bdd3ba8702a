// Feedback attachments (反馈附件) in the register: decoded exactly and checked before anything is
// written, stored as BLOBs beside their feedback (so every backup holds them), offered back under
// a safe name.
import { createHash } from 'node:crypto';
import type { Db } from './open.js';
import { AppError } from '../shared/errors.js';
import { isCanonicalBase64 } from '../shared/base64.js';
import { checkAttachment, sanitizeFileName, type AttachmentMime } from '../shared/attachments.js';
import { MAX_ATTACHMENT_BYTES, type FeedbackEntry } from '../shared/actionItems.js';

/** A checked file, ready to store: its name is the one to keep, its type the one its bytes are. */
export interface AttachmentFile {
  name: string;
  mime: AttachmentMime;
  data: Buffer;
  sha256: string;
}

/**
 * Decodes one attachment as sent ({name, mime, base64}) and checks it: canonical base64 (the
 * contract refuses the rest; this guards callers that skip it), the size limit, content against the
 * declared type and the name's extension. Throws a Chinese AppError; writes nothing.
 */
export function readAttachment(a: { name: string; mime: AttachmentMime; base64: string }): AttachmentFile {
  const shown = sanitizeFileName(a.name);
  if (!isCanonicalBase64(a.base64)) throw new AppError('INVALID_INPUT', `附件「${shown}」的编码（base64）不完整或含有无效字符，没有保存。请重新选择文件上传。`);
  const data = Buffer.from(a.base64, 'base64');
  if (data.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError('INVALID_INPUT', `附件「${shown}」有 ${(data.length / 1048576).toFixed(1)} MB，超过 ${MAX_ATTACHMENT_BYTES / 1048576} MB 的上限。请压缩或分页扫描后再上传。`);
  }
  const c = checkAttachment(a.name, a.mime, data);
  if (!c.ok) throw new AppError('INVALID_INPUT', c.message);
  return { name: c.name, mime: c.mime, data, sha256: createHash('sha256').update(data).digest('hex') };
}

export function insertAttachments(db: Db, feedbackId: number, files: readonly AttachmentFile[], now: string): void {
  const ins = db.prepare('INSERT INTO action_attachments (feedback_id, name, mime, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const f of files) ins.run(feedbackId, f.name, f.mime, f.data.length, f.data, now);
}

/** What the audit row says of each file: enough to tell later which bytes were stored. */
export function auditOfFiles(files: readonly AttachmentFile[]) {
  return files.map((f) => ({ name: f.name, mime: f.mime, size: f.data.length, sha256: f.sha256 }));
}

/** Names are sanitised on the way out too: rows stored before names were checked may hold anything. */
export function listAttachments(db: Db, feedbackId: number): FeedbackEntry['attachments'] {
  const rows = db.prepare('SELECT id, name, mime, size FROM action_attachments WHERE feedback_id = ? ORDER BY id').all(feedbackId) as FeedbackEntry['attachments'];
  return rows.map((r) => ({ ...r, name: sanitizeFileName(r.name) }));
}

export function getAttachment(db: Db, id: number): { name: string; mime: string; size: number; base64: string } {
  const r = db.prepare('SELECT name, mime, size, data FROM action_attachments WHERE id = ?').get(id) as { name: string; mime: string; size: number; data: Buffer } | undefined;
  if (!r) throw new AppError('NOT_FOUND', '找不到该附件，可能已被删除。');
  return { name: sanitizeFileName(r.name), mime: r.mime, size: r.size, base64: r.data.toString('base64') };
}
