// One-time downloads for large files (see shared/files.ts). A handler offers bytes or a file on
// disk; the page gets an id and fetches `download/<id>` from its host (the web host's HTTP server,
// the desktop app's app:// protocol), which streams it once. Ids are random and single-use and
// expire, so an id seen in a log is worthless. Bytes are kept in memory, never written to a temp
// file, so no plain copy of register data is left on disk.
import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { DOWNLOAD_ID, INLINE_FILE_LIMIT, type FilePayload } from '../shared/files.js';
import { storedZipSize, zipStream, type ZipEntry } from './zipStream.js';
import { zipSync } from 'fflate';

/** Bytes in memory, a file on disk, or files zipped on the fly (a backup with its key file). */
type Source = { bytes: Buffer } | { path: string } | { zip: ZipEntry[] };

export interface OfferedDownload {
  fileName: string;
  mime: string;
  size: number;
  /** A fresh stream of the file's bytes. */
  open: () => Readable;
}

interface Entry extends OfferedDownload {
  expires: number;
}

export interface DownloadStoreOptions {
  /** Files up to this size go inline as base64 (tests lower it). */
  inlineLimit?: number;
  /** How long an offer stays valid. */
  ttlMs?: number;
  now?: () => number;
}

export class DownloadStore {
  readonly inlineLimit: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly offers = new Map<string, Entry>();

  constructor(o: DownloadStoreOptions = {}) {
    this.inlineLimit = o.inlineLimit ?? INLINE_FILE_LIMIT;
    this.ttlMs = o.ttlMs ?? 10 * 60_000;
    this.now = o.now ?? Date.now;
  }

  offer(src: Source, fileName: string, mime: string): string {
    this.sweep();
    const id = randomBytes(16).toString('hex');
    const size = sizeOf(src);
    const open = 'bytes' in src ? () => Readable.from([src.bytes]) : 'zip' in src ? () => zipStream(src.zip) : () => createReadStream(src.path);
    this.offers.set(id, { fileName, mime, size, open, expires: this.now() + this.ttlMs });
    return id;
  }

  /** The offer with this id, removed (each id serves once); null when unknown or expired. */
  take(id: string): OfferedDownload | null {
    this.sweep();
    if (!DOWNLOAD_ID.test(id)) return null;
    const hit = this.offers.get(id);
    this.offers.delete(id);
    return hit ?? null;
  }

  /** Drops every offer (the host is closing). */
  clear(): void {
    this.offers.clear();
  }

  get size(): number {
    return this.offers.size;
  }

  private sweep() {
    const now = this.now();
    for (const [id, e] of this.offers) if (e.expires <= now) this.offers.delete(id);
  }
}

/**
 * The reply for a file: inline base64 when small or when there is no store (the command line
 * writes files itself), else a one-time download id.
 */
function sizeOf(src: Source): number {
  return 'bytes' in src ? src.bytes.length : 'zip' in src ? storedZipSize(src.zip) : statSync(src.path).size;
}

function bytesOf(src: Source): Buffer {
  if ('bytes' in src) return src.bytes;
  if ('path' in src) return readFileSync(src.path);
  return Buffer.from(zipSync(Object.fromEntries(src.zip.map((e) => [e.name, readFileSync(e.path)])), { level: 0 }));
}

export function fileReply(store: DownloadStore | undefined, src: Source, fileName: string, mime: string, extra: { rows?: number } = {}): FilePayload {
  const size = sizeOf(src);
  if (!store || size <= store.inlineLimit) {
    const bytes = bytesOf(src);
    return { fileName, bytes: size, dataBase64: bytes.toString('base64'), ...extra };
  }
  return { fileName, bytes: size, downloadId: store.offer(src, fileName, mime), ...extra };
}

/** Response headers for a download: saved under its Chinese name, never rendered or cached. */
export function downloadHeaders(d: OfferedDownload): Record<string, string> {
  const ascii = d.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return {
    'Content-Type': d.mime,
    'Content-Length': String(d.size),
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(d.fileName)}`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

/** The Chinese message when an id is unknown, used or expired. */
export const DOWNLOAD_GONE = '下载链接已失效（每个链接只能下载一次，10 分钟内有效）。请回到页面重新导出。';

/** The desktop app's answer to app://app/download/<id> (its protocol handler takes fetch Responses). */
export function downloadResponse(d: OfferedDownload | null): Response {
  if (!d) return new Response(DOWNLOAD_GONE, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(Readable.toWeb(d.open()) as ReadableStream<Uint8Array>, { headers: downloadHeaders(d) });
}
