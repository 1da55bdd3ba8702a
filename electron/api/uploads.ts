// Feedback attachments sent one by one before the feedback that carries them (逐个上传). One
// request holds one file of at most 10 MB, so the ten a feedback may carry never meet the web
// host's body limit; the feedback then stores all of them in its one transaction, or none.
//
// Staged files live in this process's memory beside the connection they were sent to, never in
// the register: nothing is half-saved when a user gives up or a later upload fails, and nothing
// needs cleaning from the database or its backups. An upload is dropped once a feedback stores it,
// after an hour, or when newer uploads need the room (oldest first).
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/open.js';
import type { AttachmentFile } from '../../db/attachments.js';
import { AppError } from '../../shared/errors.js';
import { MAX_ATTACHMENT_BYTES, MAX_FEEDBACK_ATTACHMENTS, type AttachmentUpload } from '../../shared/actionItems.js';

export const UPLOAD_TTL_MS = 60 * 60 * 1000;
/** One feedback's full set plus a few left from an attempt that was given up. */
export const MAX_STAGED_FILES = MAX_FEEDBACK_ATTACHMENTS + 4;
const MAX_STAGED_BYTES = MAX_STAGED_FILES * MAX_ATTACHMENT_BYTES;

interface Staged {
  file: AttachmentFile;
  at: number;
}

/** Per connection: a restore that reopens the register starts with none. */
const stores = new WeakMap<Db, Map<string, Staged>>();

function storeOf(db: Db): Map<string, Staged> {
  let s = stores.get(db);
  if (!s) stores.set(db, (s = new Map()));
  return s;
}

function prune(s: Map<string, Staged>, now: number, room: { files: number; bytes: number }) {
  let bytes = 0;
  for (const v of s.values()) bytes += v.file.data.length;
  // Map keeps insertion order: the first entries are the oldest.
  for (const [id, v] of s) {
    if (now - v.at < UPLOAD_TTL_MS && s.size + room.files <= MAX_STAGED_FILES && bytes + room.bytes <= MAX_STAGED_BYTES) break;
    s.delete(id);
    bytes -= v.file.data.length;
  }
}

/** Keeps a checked file until a feedback takes it; returns the number the feedback names it by. */
export function stageUpload(db: Db, file: AttachmentFile, now = Date.now()): AttachmentUpload {
  const s = storeOf(db);
  prune(s, now, { files: 1, bytes: file.data.length });
  const uploadId = randomBytes(16).toString('hex');
  s.set(uploadId, { file, at: now });
  return { uploadId, name: file.name, mime: file.mime, size: file.data.length };
}

/** The staged files, in the order named; refuses in Chinese when one has expired or never was. */
export function stagedFiles(db: Db, ids: readonly string[], now = Date.now()): AttachmentFile[] {
  const s = storeOf(db);
  prune(s, now, { files: 0, bytes: 0 });
  const missing = ids.filter((id) => !s.has(id)).length;
  if (missing) {
    throw new AppError('NOT_FOUND', `有 ${missing} 个附件的上传已过期或不存在（上传后超过 1 小时未提交，或程序已重启），反馈没有保存。请重新选择这些附件后再提交。`);
  }
  return ids.map((id) => s.get(id)!.file);
}

/** Once a feedback stored them. */
export function dropStaged(db: Db, ids: readonly string[]): void {
  const s = storeOf(db);
  for (const id of ids) s.delete(id);
}
