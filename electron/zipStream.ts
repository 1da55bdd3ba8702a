// A .zip of files on disk, streamed (stored, not compressed: an encrypted register does not
// compress), for a backup that must travel with its key file as one download. fflate writes the
// format; this only feeds it from the files with back-pressure and knows the size in advance.
import { createReadStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { Zip, ZipPassThrough } from 'fflate';

export interface ZipEntry {
  /** The name inside the archive. */
  name: string;
  path: string;
}

/**
 * The archive's exact size: per file a local header (30 bytes + name), the data, a data descriptor
 * (16), a central-directory record (46 + name); then the end record (22). fflate adds no extra
 * fields for these entries (checked by the download test, which compares bytes sent with this).
 */
export function storedZipSize(entries: ZipEntry[]): number {
  return entries.reduce((n, e) => n + 30 + Buffer.byteLength(e.name) + statSync(e.path).size + 16 + 46 + Buffer.byteLength(e.name), 0) + 22;
}

export function zipStream(entries: ZipEntry[]): Readable {
  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) return void out.destroy(err);
    out.write(chunk);
    if (final) out.end();
  });
  void (async () => {
    for (const e of entries) {
      const file = new ZipPassThrough(e.name);
      zip.add(file);
      for await (const chunk of createReadStream(e.path)) {
        file.push(chunk as Uint8Array);
        // The client reads slower than the disk: wait rather than hold the whole file in memory.
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      file.push(new Uint8Array(0), true);
    }
    zip.end();
  })().catch((e) => out.destroy(e as Error));
  return out;
}
