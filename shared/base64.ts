// Strict base64 (RFC 4648 §4, padded): files travel through the API as base64, and Node's
// Buffer.from(x, 'base64') decodes anything — it skips characters outside the alphabet, stops at
// the first "=", accepts missing padding — so garbage would be stored as a "file". Only the one
// canonical spelling of some bytes is accepted here; everything else is refused in Chinese.
import { z } from 'zod';

const OUTSIDE_ALPHABET = /[^A-Za-z0-9+/]/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * True when s is canonical padded base64: only A–Z a–z 0–9 + /, length a multiple of 4, at most
 * two "=" and only at the end, and the bits the padding leaves over are zero (so no two strings
 * decode to the same bytes). No spaces or line breaks. The empty string is canonical (no bytes).
 */
export function isCanonicalBase64(s: string): boolean {
  if (s.length % 4 !== 0) return false;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const body = s.slice(0, s.length - pad);
  if (OUTSIDE_ALPHABET.test(body)) return false;
  if (pad === 0) return true;
  // The last character before the padding carries 4 (==) or 2 (=) bits that must be zero.
  const last = ALPHABET.indexOf(body[body.length - 1]);
  return pad === 2 ? last % 16 === 0 : last % 4 === 0;
}

/** The number of bytes canonical base64 s decodes to (without decoding it). */
export function base64ByteLength(s: string): number {
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return (s.length / 4) * 3 - pad;
}

/** The longest base64 text of a file of at most maxBytes. */
export function base64Length(maxBytes: number): number {
  return Math.ceil(maxBytes / 3) * 4;
}

/**
 * A zod string that must be canonical base64 of at most maxBytes bytes; `what` names the file in
 * the messages ("附件", "文件"). The imports' dataBase64 can use the same field.
 */
export function strictBase64(what: string, maxBytes: number, tooBig: string) {
  return z
    .string()
    .max(base64Length(maxBytes), { message: tooBig, abort: true })
    .refine(isCanonicalBase64, {
      message: `${what}的编码（base64）不完整或含有无效字符，没有保存。请重新选择文件上传；如用程序调用，请使用带“=”补齐、不含空格和换行的标准 base64。`,
      abort: true,
    })
    .refine((s) => base64ByteLength(s) <= maxBytes, { message: tooBig });
}
