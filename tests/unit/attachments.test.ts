// The pure rules of feedback attachments: strict base64, what a file is by its first bytes, and a
// file name safe to store and offer as a download.
import { describe, expect, it } from 'vitest';
import { base64ByteLength, isCanonicalBase64 } from '../../shared/base64.js';
import { checkAttachment, mimeFromName, sanitizeFileName, sniffAttachment } from '../../shared/attachments.js';

const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const TIFF = Buffer.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]);
const BMP = Buffer.concat([Buffer.from('BM'), Buffer.alloc(12), Buffer.from([40, 0, 0, 0]), Buffer.alloc(12)]);

describe('strict base64', () => {
  it('accepts exactly what Buffer writes, for every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff));
      const s = bytes.toString('base64');
      expect(isCanonicalBase64(s)).toBe(true);
      expect(base64ByteLength(s)).toBe(n);
    }
  });

  it('refuses what Buffer.from would decode leniently', () => {
    const bad = [
      'JVBERi0x!!!!', // characters outside the alphabet
      'JVBE Ri0x', // a space
      'JVBE\nRi0x', // a line break
      'JVBERi0', // missing padding
      'QQ=', // wrong length
      'QR==', // padding bits not zero: decodes to the same byte as QQ==
      'QUI=QUI=', // padding in the middle
      '====',
      'JVBERi0x-_', // base64url alphabet
      'ＱＵＪＤ', // full-width letters
    ];
    for (const s of bad) {
      expect({ s, ok: isCanonicalBase64(s) }).toEqual({ s, ok: false });
    }
    // The hole this closes: Node decodes the garbage without a word.
    expect(Buffer.from('JVBERi0x!!!!', 'base64').toString()).toBe('%PDF-1');
    expect(Buffer.from('QR==', 'base64')).toEqual(Buffer.from('QQ==', 'base64'));
  });
});

describe('what a file is', () => {
  it('knows each accepted type by its signature', () => {
    expect([PDF, PNG, JPEG, GIF, WEBP, TIFF, BMP].map(sniffAttachment)).toEqual(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/tiff', 'image/bmp']);
  });

  it('does not take text, other RIFF files or an executable for one', () => {
    for (const b of [Buffer.from('BM is how this letter starts, not a bitmap'), Buffer.from('RIFF\x00\x00\x00\x00WAVEfmt '), Buffer.from('MZ\x90\x00'), Buffer.from('<html>'), Buffer.from(' %PDF-1.4'), Buffer.alloc(0)]) {
      expect(sniffAttachment(b)).toBeNull();
    }
  });

  it('reads the type an extension stands for', () => {
    expect(mimeFromName('扫描件.JPG')).toBe('image/jpeg');
    expect(mimeFromName('答复.pdf')).toBe('application/pdf');
    expect(mimeFromName('答复.docx')).toBeNull();
    expect(mimeFromName('2024.11.25')).toBeNull();
  });
});

describe('file names', () => {
  const cases: Array<[string, string]> = [
    ['书面答复.pdf', '书面答复.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\System32\\drivers\\etc\\hosts', 'hosts'],
    ['C:\\Users\\张三\\Desktop\\答复.pdf', '答复.pdf'],
    ['CON', '_CON'],
    ['con.pdf', '_con.pdf'],
    ['Nul.tar.gz', '_Nul.tar.gz'],
    ['COM1 .pdf', '_COM1.pdf'],
    ['lpt9.png', '_lpt9.png'],
    ['COM¹.pdf', '_COM¹.pdf'],
    ['CONSOLE.pdf', 'CONSOLE.pdf'],
    ['答复\u202Efdp.exe', '答复fdp.exe'],
    ['\u2066答复\u2069\u200E\u200F.pdf', '答复.pdf'],
    ['a\u0000b\u0007c\u001b\u007f\u0085.pdf', 'abc.pdf'],
    ['第一行\n第二行.pdf', '第一行第二行.pdf'],
    ['report.pdf. . ', 'report.pdf'],
    ['  .hidden.pdf', 'hidden.pdf'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['', '附件'],
    ['   ', '附件'],
    ['...', '附件'],
    ['../', '附件'],
    ['\u202E', '附件'],
    ['.pdf', 'pdf'],
  ];
  it.each(cases)('%j → %j', (raw, safe) => {
    expect(sanitizeFileName(raw)).toBe(safe);
  });

  it('caps the length, keeping the extension, in characters and in UTF-8 bytes', () => {
    const long = sanitizeFileName('长'.repeat(300) + '.pdf');
    expect(long.endsWith('.pdf')).toBe(true);
    expect([...long].length).toBeLessThanOrEqual(100);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(200);
    const ascii = sanitizeFileName('a'.repeat(300) + '.jpeg');
    expect(ascii).toBe('a'.repeat(95) + '.jpeg');
    // A cut never leaves a dangling surrogate half.
    expect(sanitizeFileName('😀'.repeat(150) + '.png')).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('is idempotent: a safe name stays as it is', () => {
    for (const [raw] of cases) expect(sanitizeFileName(sanitizeFileName(raw))).toBe(sanitizeFileName(raw));
  });
});

describe('checking a file against what it claims', () => {
  it('accepts a file whose content, type and extension agree, and adds a missing extension', () => {
    expect(checkAttachment('答复.pdf', 'application/pdf', PDF)).toEqual({ ok: true, name: '答复.pdf', mime: 'application/pdf' });
    expect(checkAttachment('扫描件.JPG', 'image/jpeg', JPEG)).toEqual({ ok: true, name: '扫描件.JPG', mime: 'image/jpeg' });
    expect(checkAttachment('../../etc/passwd', 'application/pdf', PDF)).toEqual({ ok: true, name: 'passwd.pdf', mime: 'application/pdf' });
    expect(checkAttachment('2024.11.25 答复', 'application/pdf', PDF)).toEqual({ ok: true, name: '2024.11.25 答复.pdf', mime: 'application/pdf' });
    expect(checkAttachment('CON', 'image/png', PNG)).toEqual({ ok: true, name: '_CON.png', mime: 'image/png' });
  });

  it('refuses in Chinese a content that is not its declared type, a wrong extension, an unknown content', () => {
    const r1 = checkAttachment('照片.png', 'image/png', PDF);
    expect(r1).toEqual({ ok: false, message: expect.stringMatching(/「照片\.png」声明为PNG 图片，但内容是PDF 文件/) });
    const r2 = checkAttachment('答复.exe', 'application/pdf', PDF);
    expect(r2).toEqual({ ok: false, message: expect.stringMatching(/扩展名 \.exe 与内容（PDF 文件）不符/) });
    const r3 = checkAttachment('答复.png', 'application/pdf', PDF);
    expect(r3).toMatchObject({ ok: false, message: expect.stringMatching(/扩展名 \.png/) });
    const r4 = checkAttachment('答复.pdf', 'application/pdf', Buffer.from('MZ\x90\x00 this program cannot be run'));
    expect(r4).toMatchObject({ ok: false, message: expect.stringMatching(/内容不是 PDF 或图片/) });
    const r5 = checkAttachment('答复.pdf', 'application/pdf', Buffer.alloc(0));
    expect(r5).toMatchObject({ ok: false, message: expect.stringMatching(/空文件/) });
  });
});
