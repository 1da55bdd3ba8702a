// Reading entries of a zip (an .xlsx) one piece at a time. fflate's unzipSync inflates a whole
// entry into one buffer of the size the zip declares; a crafted file declares little and inflates
// to gigabytes, or honestly declares gigabytes. Here the central directory is read by hand and an
// entry is inflated in pieces handed to a callback, so the caller counts the real bytes and stops.
import { Inflate } from 'fflate';

export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  /** Size the central directory declares after inflating (may lie; count the real bytes). */
  declaredSize: number;
  /** Offset of the compressed bytes in the file. */
  start: number;
  compressedSize: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

/** The entries named in the central directory, by name (a later duplicate wins, as with fflate). */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u64 = (at: number) => v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (v.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('no end of central directory');
  let count = v.getUint16(eocd + 10, true);
  let offset = v.getUint32(eocd + 16, true);
  if ((count === 0xffff || offset === MAX32) && eocd >= 20 && v.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const z = u64(eocd - 12);
    if (z + 56 > eocd || v.getUint32(z, true) !== ZIP64_EOCD) throw new ZipError('bad zip64 record');
    count = u64(z + 32);
    offset = u64(z + 48);
  }
  const out = new Map<string, ZipEntry>();
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || v.getUint32(p, true) !== CENTRAL) throw new ZipError('bad central directory');
    const flags = v.getUint16(p + 8, true);
    const method = v.getUint16(p + 10, true);
    let compressedSize = v.getUint32(p + 20, true);
    let declaredSize = v.getUint32(p + 24, true);
    const nameLength = v.getUint16(p + 28, true);
    const extraLength = v.getUint16(p + 30, true);
    const commentLength = v.getUint16(p + 32, true);
    let local = v.getUint32(p + 42, true);
    const nameEnd = p + 46 + nameLength;
    if (nameEnd + extraLength > bytes.length) throw new ZipError('bad central directory');
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(bytes.subarray(p + 46, nameEnd));
    // Zip64: the sizes and offset that do not fit in 32 bits follow in the 0x0001 extra field, in this order.
    for (let e = nameEnd; e + 4 <= nameEnd + extraLength; e += 4 + v.getUint16(e + 2, true)) {
      if (v.getUint16(e, true) !== 1) continue;
      let f = e + 4;
      if (declaredSize === MAX32) {
        declaredSize = u64(f);
        f += 8;
      }
      if (compressedSize === MAX32) {
        compressedSize = u64(f);
        f += 8;
      }
      if (local === MAX32) local = u64(f);
      break;
    }
    p = nameEnd + extraLength + commentLength;
    if (local + 30 > bytes.length || v.getUint32(local, true) !== LOCAL) throw new ZipError(`bad local header for ${name}`);
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    if (start + compressedSize > bytes.length) throw new ZipError(`${name} runs past the end`);
    if (flags & 1) throw new ZipError(`${name} is encrypted`);
    out.set(name, { name, method, declaredSize, start, compressedSize });
  }
  return out;
}

/** Compressed bytes fed to the inflater per step: one step inflates to at most ~1,032 × this. */
const STEP = 16 * 1024;

/**
 * Inflates an entry, handing each piece to onChunk as it comes with the count of compressed bytes
 * consumed so far (so the caller can watch the ratio); a throw from onChunk stops it.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, onChunk: (chunk: Uint8Array, consumed: number) => void): void {
  const data = bytes.subarray(entry.start, entry.start + entry.compressedSize);
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += STEP * 64) onChunk(data.subarray(i, i + STEP * 64), Math.min(i + STEP * 64, data.length));
    return;
  }
  if (entry.method !== 8) throw new ZipError(`${entry.name}: compression method ${entry.method}`);
  let consumed = 0;
  const inflater = new Inflate((chunk) => {
    if (chunk.length) onChunk(chunk, consumed);
  });
  try {
    if (!data.length) inflater.push(data, true);
    for (let i = 0; i < data.length; i += STEP) {
      consumed = Math.min(i + STEP, data.length);
      inflater.push(data.subarray(i, i + STEP), consumed === data.length);
    }
  } catch (e) {
    // fflate's own errors (a damaged stream) carry a numeric code; anything else came from onChunk.
    if (typeof (e as { code?: unknown }).code === 'number') throw new ZipError(`${entry.name}: ${(e as Error).message}`);
    throw e;
  }
}
