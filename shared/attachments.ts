// Feedback attachments (反馈附件): what a file really is (its first bytes, not its name or the
// type it claims) and a file name that is safe to store and to offer as a download on Windows,
// macOS and Linux. Pure: the bytes come in as a Uint8Array.
import { ATTACHMENT_TYPES } from './actionItems.js';

export type AttachmentMime = (typeof ATTACHMENT_TYPES)[number];

interface Kind {
  label: string;
  /** Extensions a file of this type may carry (lower case, without the dot); the first is added when a name has none. */
  exts: readonly string[];
  matches: (b: Uint8Array) => boolean;
}

const starts = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

export const ATTACHMENT_KINDS: Record<AttachmentMime, Kind> = {
  'application/pdf': { label: 'PDF 文件', exts: ['pdf'], matches: (b) => starts(b, ascii('%PDF-')) },
  'image/png': { label: 'PNG 图片', exts: ['png'], matches: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'image/jpeg': { label: 'JPEG 图片', exts: ['jpg', 'jpeg', 'jpe', 'jfif'], matches: (b) => starts(b, [0xff, 0xd8, 0xff]) },
  'image/gif': { label: 'GIF 图片', exts: ['gif'], matches: (b) => starts(b, ascii('GIF87a')) || starts(b, ascii('GIF89a')) },
  'image/webp': { label: 'WebP 图片', exts: ['webp'], matches: (b) => starts(b, ascii('RIFF')) && starts(b, ascii('WEBP'), 8) },
  'image/tiff': { label: 'TIFF 图片', exts: ['tif', 'tiff'], matches: (b) => starts(b, [0x49, 0x49, 0x2a, 0x00]) || starts(b, [0x4d, 0x4d, 0x00, 0x2a]) },
  // "BM" alone is two letters any text may start with: the DIB header size must be a known one too.
  'image/bmp': { label: 'BMP 图片', exts: ['bmp', 'dib'], matches: (b) => starts(b, ascii('BM')) && b.length >= 26 && [12, 40, 52, 56, 64, 108, 124].includes(b[14] | (b[15] << 8) | (b[16] << 16) | (b[17] << 24)) },
};

/** What the bytes are, by their signature; null when none of the accepted types. */
export function sniffAttachment(bytes: Uint8Array): AttachmentMime | null {
  return (Object.keys(ATTACHMENT_KINDS) as AttachmentMime[]).find((m) => ATTACHMENT_KINDS[m].matches(bytes)) ?? null;
}

/** The type a file name's extension stands for, if it is one of ours ("扫描件.JPG" → image/jpeg). */
export function mimeFromName(name: string): AttachmentMime | null {
  const ext = extensionOf(name);
  return (Object.keys(ATTACHMENT_KINDS) as AttachmentMime[]).find((m) => ATTACHMENT_KINDS[m].exts.includes(ext)) ?? null;
}

/** The extension of a name, lower case: letters and digits after the last dot, starting with a letter ("2024.11.25" has none). */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z][A-Za-z0-9]{0,4})$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

// Invisible characters that reorder or hide text: bidi embeddings and overrides (U+202A–202E),
// isolates (U+2066–2069), marks (U+200E/200F, U+061C), zero-width ones, BOM, line separators.
// "invoice\u202Efdp.exe" shows as "invoiceexe.pdf".
const INVISIBLE = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/gu;
// eslint-disable-next-line no-control-regex -- C0, DEL and C1 controls are exactly what is removed
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;
// Not allowed in Windows file names.
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
// Device names Windows opens instead of a file, with any extension ("con.pdf", "LPT1.tar.gz").
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³]|conin\$|conout\$)$/i;

export const MAX_NAME_CHARS = 100;
const MAX_NAME_UTF8_BYTES = 200;

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/**
 * A file name safe to store and to offer for download: only the last path part ("../../etc/passwd"
 * → "passwd"), no control or invisible reordering characters, no characters Windows forbids, no
 * leading or trailing dots and spaces, not a Windows device name ("CON.pdf" → "_CON.pdf"), at most
 * 100 characters and 200 UTF-8 bytes with the extension kept; `fallback` when nothing is left.
 */
export function sanitizeFileName(name: string, fallback = '附件'): string {
  let s = name.normalize('NFC').replace(CONTROL, '').replace(INVISIBLE, '');
  s = s.slice(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
  s = s.replace(WINDOWS_FORBIDDEN, '_').replace(/^[\s.]+|[\s.]+$/gu, '');
  if (!s) return fallback;
  const dot = s.lastIndexOf('.');
  const ext = dot > 0 && extensionOf(s) ? s.slice(dot) : '';
  let base = ext ? s.slice(0, dot) : s;
  if (WINDOWS_RESERVED.test(base.split('.')[0].trim())) base = '_' + base;
  const chars = [...base];
  const room = MAX_NAME_CHARS - ext.length;
  if (chars.length > room) chars.length = room;
  while (chars.length && utf8Length(chars.join('') + ext) > MAX_NAME_UTF8_BYTES) chars.pop();
  base = chars.join('').replace(/[\s.]+$/u, '');
  return base ? base + ext : fallback + ext;
}

export type AttachmentCheck = { ok: true; name: string; mime: AttachmentMime } | { ok: false; message: string };

/**
 * Checks one file against what it claims: its content must be the declared type, and its name's
 * extension (when it has one) must fit that type. Returns the name to store — sanitised, with the
 * right extension added when it had none — or a Chinese message.
 */
export function checkAttachment(name: string, declared: AttachmentMime, bytes: Uint8Array): AttachmentCheck {
  const shown = sanitizeFileName(name);
  if (bytes.length === 0) return { ok: false, message: `附件「${shown}」是空文件，请重新选择。` };
  const actual = sniffAttachment(bytes);
  if (!actual) return { ok: false, message: `附件「${shown}」的内容不是 PDF 或图片（PNG、JPEG、GIF、WebP、TIFF、BMP），没有保存。请确认选对了文件；其他格式请先转换为 PDF。` };
  if (actual !== declared) {
    return { ok: false, message: `附件「${shown}」声明为${ATTACHMENT_KINDS[declared].label}，但内容是${ATTACHMENT_KINDS[actual].label}，没有保存。请确认选对了文件，或改正扩展名后再上传。` };
  }
  const kind = ATTACHMENT_KINDS[actual];
  const ext = extensionOf(shown);
  if (ext && !kind.exts.includes(ext)) {
    return { ok: false, message: `附件「${shown}」的扩展名 .${ext} 与内容（${kind.label}）不符，没有保存。请把扩展名改为 .${kind.exts[0]} 后再上传。` };
  }
  return { ok: true, name: ext ? shown : sanitizeFileName(`${shown}.${kind.exts[0]}`), mime: actual };
}
