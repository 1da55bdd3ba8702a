// Zip parts parsed as they inflate, within bounds (issue 11): the real inflated bytes are counted
// against the workbook's budget and a part's compression ratio; a DTD, deep nesting and a single
// token of megabytes are refused. Refusals are XlsxLimitError, whose message is Chinese for the user.
import { SaxesParser } from 'saxes';
import { inflateEntry, zipEntries, type ZipEntry } from './zip.js';

/** The file is not a readable workbook (the caller says so in Chinese). */
export class XlsxError extends Error {}
/** The workbook is refused on purpose; the message is Chinese and says why, for the user. */
export class XlsxLimitError extends XlsxError {
  constructor(
    message: string,
    /** The refusal is about one sheet (the caller names it), not the whole file. */
    public readonly inSheet = false,
  ) {
    super(message);
  }
}

/** Inflated bytes a workbook may expand to, all parts read together (the import takes files up to 30 MB). */
export const MAX_EXPANDED_BYTES = 1024 * 1024 * 1024;
/**
 * Sheet XML deflates about 10:1 (a 100,000-row register: 53 MB in 5.8 MB); deflate reaches ~1,000:1 on
 * repeated bytes, which only a crafted file has. Past 16 MB, a part that has inflated more than 100 times
 * the compressed bytes read so far is refused there, instead of after a gigabyte of parsing (saxes reads
 * dense sheet XML at ~10 MB/s).
 */
const MAX_RATIO = 100;
const RATIO_FLOOR = 16 * 1024 * 1024;
/** The workbook, its relationships and its styles are small; a huge one is not a spreadsheet. */
const MAX_SMALL_PART_BYTES = 64 * 1024 * 1024;
/** One text, name or attribute run inside saxes (Excel's cell holds at most 32,767 characters). */
export const MAX_XML_TOKEN = 4 * 1024 * 1024;
/** Characters handed to saxes between two looks at its state (a piece of normal sheet XML is ~150 K: not cut). */
const PIECE = 256 * 1024;
/** Elements open at once (looked at between pieces): spreadsheet XML is about ten deep. */
const MAX_XML_DEPTH = 100;
const GB = (n: number) => `${(n / 1024 ** 3).toFixed(0)} GB`;

export type Attributes = Record<string, string>;

export interface Handlers {
  /** An element opens: its name without prefix, its attributes as written (prefixes kept). */
  open?(name: string, a: Attributes): void;
  close?(name: string): void;
  text?(t: string): void;
}

/**
 * saxes's state between pieces: the text, name or attribute it is reading (held whole until the
 * token ends), the open elements, whether the root element has started. Private in its typings;
 * tests/unit/imports-hostile.test.ts fails if a later saxes renames them (a long token, deep nesting).
 */
interface SaxesState {
  text: string;
  name: string;
  entity: string;
  piTarget: string;
  attribList: unknown[];
  tags: unknown[];
  sawRoot: boolean;
}

/** Parses one part of the workbook; false if the zip has no such part. `small` parts get the lower cap. */
export type PartReader = (path: string, h: Handlers, small?: boolean) => boolean;

/** The workbook's parts, read against one budget of inflated bytes for the whole file. */
export function openParts(bytes: Uint8Array): PartReader {
  let entries: Map<string, ZipEntry>;
  try {
    entries = zipEntries(bytes);
  } catch (e) {
    throw new XlsxError(`not a zip: ${(e as Error).message}`);
  }
  const budget = { left: MAX_EXPANDED_BYTES };
  return (path, h, small = true) => {
    const entry = entries.get(path);
    if (!entry) return false;
    parseXml(bytes, entry, budget, small ? MAX_SMALL_PART_BYTES : Infinity, h);
    return true;
  };
}

/**
 * SAX over a part as it inflates; element names without their namespace prefix (some writers emit
 * x:c, x:row). Counts the real inflated bytes against the book's budget, refuses a DTD (no entity
 * is ever expanded: saxes knows only the five predefined ones, and a DOCTYPE is refused before its
 * entities could be used), deep nesting and a single token of megabytes (saxes would hold it whole).
 */
function parseXml(bytes: Uint8Array, entry: ZipEntry, budget: { left: number }, partLimit: number, h: Handlers): void {
  const limit = Math.min(partLimit, budget.left);
  const stop = (why: string) =>
    new XlsxLimitError(`${why}（${entry.name}），不像正常的表格，已停止读取（这样的文件可能是恶意构造的“压缩炸弹”）。请确认文件来源，或在 Excel/WPS 中把台账复制到新工作簿另存后再导入。`);
  const tooBig = () => stop(`解压后超过 ${limit === budget.left ? GB(MAX_EXPANDED_BYTES) : `${MAX_SMALL_PART_BYTES / 1024 ** 2} MB`}`);
  // An honest header says so at once; a lying one is caught by counting below.
  if (entry.declaredSize > limit) throw tooBig();
  const p = new SaxesParser({ xmlns: false, position: false });
  const state = p as unknown as SaxesState;
  const local = (n: string) => {
    const i = n.indexOf(':');
    return i < 0 ? n : n.slice(i + 1);
  };
  // Handlers as before the bounds: the checks below look at saxes's state once per piece, not per tag.
  if (h.open) p.on('opentag', (t) => h.open!(local(t.name), t.attributes));
  if (h.close) p.on('closetag', (t) => h.close!(local(t.name)));
  if (h.text) p.on('text', h.text);
  p.on('doctype', () => {
    throw new XlsxLimitError(`含有 DTD 声明（<!DOCTYPE>，${entry.name}）。Excel 和 WPS 保存的文件不会有它，它可用来展开海量内容或读取本机文件，出于安全不予读取。`);
  });
  const utf8 = new Utf8Pieces();
  let read = 0;
  const write = (s: string) => {
    // A piece can inflate to 16 MB of tiny tags: saxes gets at most 256 K characters between checks.
    if (s.length > PIECE) {
      for (let i = 0; i < s.length; i += PIECE) write(s.slice(i, i + PIECE));
      return;
    }
    p.write(s);
    if (state.text.length > MAX_XML_TOKEN || state.name.length > MAX_XML_TOKEN || state.entity.length > MAX_XML_TOKEN || state.piTarget.length > MAX_XML_TOKEN || state.attribList.length > 10_000) {
      throw new XlsxLimitError(`中有一段超过 ${MAX_XML_TOKEN / 1024 ** 2} MB 的文字或标记（${entry.name}），不是 Excel 或 WPS 保存的内容，已停止读取。`);
    }
    if (state.tags.length > MAX_XML_DEPTH) throw new XlsxLimitError(`的 XML 嵌套超过 ${MAX_XML_DEPTH} 层（${entry.name}），不是 Excel 或 WPS 保存的内容，已停止读取。`);
    // A DOCTYPE is reported only when it ends: do not let one grow (the root element comes first in any real part).
    if (!state.sawRoot && read > 1024 * 1024) throw new XlsxLimitError(`在正文之前有超过 1 MB 的内容（${entry.name}），不是 Excel 或 WPS 保存的内容，已停止读取。`);
  };
  try {
    inflateEntry(bytes, entry, (chunk, consumed) => {
      read += chunk.length;
      if (read > limit) throw tooBig();
      if (read > RATIO_FLOOR && read > MAX_RATIO * consumed) throw stop(`解压到 ${RATIO_FLOOR / 1024 ** 2} MB 时已是压缩大小的 ${MAX_RATIO} 倍以上`);
      write(utf8.decode(chunk));
    });
    budget.left -= read;
    write(utf8.end());
    p.close();
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw new XlsxError(`bad XML in ${entry.name}: ${(e as Error).message}`);
  }
}

/**
 * UTF-8 pieces to text. TextDecoder's stream mode is markedly slower than one-shot decoding (measured
 * ~+40 ms on a 10,000-row sheet), so each piece is decoded whole up to its last complete character
 * and the bytes of a character cut in two wait for the next piece.
 */
class Utf8Pieces {
  private readonly decoder = new TextDecoder();
  private carry: Uint8Array | null = null;

  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.carry) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
      this.carry = null;
    }
    const cut = completeLength(bytes);
    if (cut < bytes.length) this.carry = bytes.slice(cut);
    return this.decoder.decode(cut < bytes.length ? bytes.subarray(0, cut) : bytes);
  }

  end(): string {
    const rest = this.carry ? this.decoder.decode(this.carry) : '';
    this.carry = null;
    return rest;
  }
}

/** The length of `bytes` up to the end of its last complete UTF-8 character. */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  // Look back at most 3 bytes for the lead byte of the last character.
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const b = bytes[i];
    if (b < 0x80) return n; // ASCII: everything before is complete
    if (b >= 0xc0) {
      const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return i + size <= n ? n : i;
    }
  }
  return n; // not UTF-8 here: let the decoder replace it
}
