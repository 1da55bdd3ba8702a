// Feedback attachments through the real web host and dispatcher: the documented 10 files of
// 10 MB each are sent one by one and stored with their feedback in one write (or not at all);
// contents are checked against their type, names made safe, base64 read strictly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/webhost.js';
import { MAX_ATTACHMENT_BYTES, MAX_FEEDBACK_ATTACHMENTS, type ActionDetail, type ActionRow, type AttachmentUpload } from '../../shared/actionItems.js';
import { MAX_STAGED_FILES, UPLOAD_TTL_MS } from '../../electron/api/uploads.js';
import type { ApiResult } from '../../shared/contract/index.js';
import type { Db } from '../../db/open.js';
import type { RiskRow } from '../../shared/risks.js';
import { ok, rowCount, tempCore, tempDir, authHeaders } from './helpers.js';

let host: WebHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
  vi.useRealTimers();
});

async function setup() {
  const core = tempCore();
  const risk = await ok<RiskRow>(core.dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '锦绣华庭逾期交房' });
  const action = await ok<ActionRow>(core.dispatch, 'actions.create', { riskIds: [risk.id], content: '约谈开发商', leadUnit: '城关区住建局', dueAt: '2026-12-10' });
  return { ...core, action };
}

async function webSetup() {
  const s = await setup();
  const staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startWebHost({ dispatch: s.dispatch, staticDir });
  const h = host;
  /** One call over HTTP, as the page makes it. */
  const call = async <T>(method: string, input: unknown): Promise<{ status: number; result: ApiResult<T> }> => {
    const res = await fetch(`${h.url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders(h) }, body: JSON.stringify(input) });
    return { status: res.status, result: (await res.json()) as ApiResult<T> };
  };
  return { ...s, call };
}

/** A PDF of exactly `size` bytes whose bytes differ by `seed`. */
function pdf(size: number, seed = 0): Buffer {
  const head = Buffer.from(`%PDF-1.4\n% 扫描件 ${seed}\n`);
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 0x20 + (seed % 90)), tail]);
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** Everything a write could touch, and SQLite's own count of changed rows on this connection. */
function snapshot(db: Db) {
  return {
    feedback: rowCount(db, 'action_feedback'),
    attachments: rowCount(db, 'action_attachments'),
    audit: rowCount(db, 'audit_log'),
    changes: (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n,
  };
}

describe('feedback attachments through the web host', () => {
  it('sends the documented 10 × 10 MB one by one and stores them with the feedback in one write', async () => {
    const { db, action, call } = await webSetup();
    const files = Array.from({ length: MAX_FEEDBACK_ATTACHMENTS }, (_, i) => pdf(MAX_ATTACHMENT_BYTES, i));
    const uploads: AttachmentUpload[] = [];
    for (const [i, f] of files.entries()) {
      const r = await call<AttachmentUpload>('actions.attachmentUpload', { name: `答复第${i + 1}页.pdf`, mime: 'application/pdf', base64: f.toString('base64') });
      expect(r.status).toBe(200);
      if (!r.result.ok) throw new Error(r.result.error.message);
      expect(r.result.value).toMatchObject({ name: `答复第${i + 1}页.pdf`, mime: 'application/pdf', size: MAX_ATTACHMENT_BYTES });
      uploads.push(r.result.value);
    }
    // Uploading wrote nothing to the register.
    expect(rowCount(db, 'action_attachments')).toBe(0);
    const fb = await call<ActionRow>('actions.feedback', { actionId: action.id, version: action.version, text: '书面答复及附件', final: false, uploads: uploads.map((u) => u.uploadId) });
    expect(fb.result).toMatchObject({ ok: true });
    const d = await call<ActionDetail>('actions.get', { id: action.id });
    if (!d.result.ok) throw new Error(d.result.error.message);
    const stored = d.result.value.feedback[0].attachments;
    expect(stored.map((a) => [a.name, a.size])).toEqual(files.map((_, i) => [`答复第${i + 1}页.pdf`, MAX_ATTACHMENT_BYTES]));
    const back = await call<{ base64: string; name: string }>('actions.attachment', { id: stored[9].id });
    if (!back.result.ok) throw new Error(back.result.error.message);
    expect(Buffer.from(back.result.value.base64, 'base64').equals(files[9])).toBe(true);
    // One audit row for the feedback, naming every file with its checksum.
    const audit = db.prepare("SELECT after FROM audit_log WHERE action = 'feedback'").all() as Array<{ after: string }>;
    expect(audit).toHaveLength(1);
    const named = JSON.parse(audit[0].after).attachments as Array<{ name: string; size: number; sha256: string }>;
    expect(named).toHaveLength(10);
    expect(new Set(named.map((a) => a.sha256)).size).toBe(10);
    // The uploads were used up: naming them again is refused and stores nothing.
    const again = await call('actions.feedback', { actionId: action.id, version: action.version + 1, text: '重复提交', uploads: [uploads[0].uploadId] });
    expect(again.result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/上传已过期或不存在/) } });
  }, 60_000);

  it('the old way, all files inside one feedback request, gets the Chinese 413 and stores nothing', async () => {
    const { db, action, call } = await webSetup();
    const before = snapshot(db);
    const attachments = Array.from({ length: 4 }, (_, i) => ({ name: `${i}.pdf`, mime: 'application/pdf', base64: pdf(MAX_ATTACHMENT_BYTES, i).toString('base64') }));
    const r = await call('actions.feedback', { actionId: action.id, version: action.version, text: '书面答复', attachments });
    expect(r.status).toBe(413);
    expect(r.result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/反馈附件请逐个上传/) } });
    expect(snapshot(db)).toEqual(before);
  }, 60_000);
});

describe('feedback attachments: nothing half-saved', () => {
  it('a refused feedback stores none of its files, and the same uploads work on the retry', async () => {
    const { db, dispatch, action } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await ok<AttachmentUpload>(dispatch, 'actions.attachmentUpload', { name: `${i}.pdf`, mime: 'application/pdf', base64: pdf(2000, i).toString('base64') })).uploadId);
    const before = snapshot(db);
    const stale = await dispatch('actions.feedback', { actionId: action.id, version: action.version + 5, text: '书面答复', uploads: ids });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const unknown = await dispatch('actions.feedback', { actionId: action.id, version: action.version, text: '书面答复', uploads: [...ids, 'f'.repeat(32)] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/有 1 个附件的上传已过期或不存在.*反馈没有保存/) } });
    const twice = await dispatch('actions.feedback', { actionId: action.id, version: action.version, text: '书面答复', uploads: [ids[0], ids[0]] });
    expect(twice).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/列了两次/) } });
    const eleven = await dispatch('actions.feedback', { actionId: action.id, version: action.version, text: '书面答复', uploads: ids, attachments: Array.from({ length: 8 }, (_, i) => ({ name: `${i}.pdf`, mime: 'application/pdf', base64: pdf(100, i).toString('base64') })) });
    expect(eleven).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/最多 10 个附件/) } });
    // A bad inline file refuses the whole feedback, including the good uploads.
    const badInline = await dispatch('actions.feedback', { actionId: action.id, version: action.version, text: '书面答复', uploads: ids, attachments: [{ name: 'x.pdf', mime: 'application/pdf', base64: PNG.toString('base64') }] });
    expect(badInline).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(snapshot(db)).toEqual(before);
    await ok(dispatch, 'actions.feedback', { actionId: action.id, version: action.version, text: '书面答复', uploads: ids });
    expect(rowCount(db, 'action_attachments')).toBe(3);
  });

  it('keeps a few uploads of an abandoned attempt, dropping the oldest beyond that and any older than an hour', async () => {
    const { dispatch, action } = await setup();
    const up = async (i: number) => (await ok<AttachmentUpload>(dispatch, 'actions.attachmentUpload', { name: `${i}.pdf`, mime: 'application/pdf', base64: pdf(500, i).toString('base64') })).uploadId;
    const ids: string[] = [];
    for (let i = 0; i <= MAX_STAGED_FILES; i++) ids.push(await up(i));
    const first = await dispatch('actions.feedback', { actionId: action.id, version: action.version, text: '书面答复', uploads: [ids[0]] });
    expect(first).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + UPLOAD_TTL_MS + 1000 });
    const late = await dispatch('actions.feedback', { actionId: action.id, version: action.version, text: '书面答复', uploads: [ids[MAX_STAGED_FILES]] });
    expect(late).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const fresh = await up(99);
    await ok(dispatch, 'actions.feedback', { actionId: action.id, version: action.version, text: '书面答复', uploads: [fresh] });
  });
});

describe('feedback attachments: content, names, base64', () => {
  it('refuses in Chinese a file whose content is not its declared type or extension, and stores nothing', async () => {
    const { db, dispatch, action } = await setup();
    const before = snapshot(db);
    const cases = [
      { name: '照片.png', mime: 'image/png', base64: pdf(300).toString('base64'), msg: /声明为PNG 图片，但内容是PDF 文件/ },
      { name: '答复.exe', mime: 'application/pdf', base64: pdf(300).toString('base64'), msg: /扩展名 \.exe 与内容（PDF 文件）不符/ },
      { name: '答复.pdf', mime: 'application/pdf', base64: Buffer.from('MZ\x90\x00\x03 not a pdf').toString('base64'), msg: /内容不是 PDF 或图片/ },
      { name: '答复.pdf', mime: 'application/pdf', base64: Buffer.from('<script>alert(1)</script>').toString('base64'), msg: /内容不是 PDF 或图片/ },
    ];
    for (const c of cases) {
      for (const r of [
        await dispatch('actions.attachmentUpload', c),
        await dispatch('actions.feedback', { actionId: action.id, version: action.version, text: '书面答复', attachments: [c] }),
      ]) {
        expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(c.msg) } });
      }
    }
    expect(snapshot(db)).toEqual(before);
  });

  it('refuses base64 that is not canonical instead of storing what a lenient decoder makes of it', async () => {
    const { db, dispatch, action } = await setup();
    const good = pdf(300).toString('base64');
    const before = snapshot(db);
    for (const base64 of [good.slice(0, 40) + '!!!!' + good.slice(44), good.replace(/=+$/, '') + 'A', good.slice(0, 76) + '\n' + good.slice(76), good.slice(0, -4) + 'QR==', 'JVBERi0x' + '@'.repeat(4)]) {
      for (const r of [
        await dispatch('actions.attachmentUpload', { name: '答复.pdf', mime: 'application/pdf', base64 }),
        await dispatch('actions.feedback', { actionId: action.id, version: action.version, text: '书面答复', attachments: [{ name: '答复.pdf', mime: 'application/pdf', base64 }] }),
      ]) {
        expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/编码（base64）不完整或含有无效字符/) } });
      }
    }
    expect(snapshot(db)).toEqual(before);
  });

  it('stores and offers names made safe: no path parts, no reordering characters, no device names', async () => {
    const { db, dispatch, action } = await setup();
    const names = ['../../etc/passwd', '..\\..\\boot.ini.pdf', 'CON.pdf', 'lpt1', '答复\u202Efdp.pdf', '扫描件.pdf. . ', '\u0007铃.pdf'];
    const expected = ['passwd.pdf', 'boot.ini.pdf', '_CON.pdf', '_lpt1.pdf', '答复fdp.pdf', '扫描件.pdf', '铃.pdf'];
    const uploads = [];
    for (const [i, name] of names.entries()) uploads.push(await ok<AttachmentUpload>(dispatch, 'actions.attachmentUpload', { name, mime: 'application/pdf', base64: pdf(300, i).toString('base64') }));
    expect(uploads.map((u) => u.name)).toEqual(expected);
    await ok(dispatch, 'actions.feedback', { actionId: action.id, version: action.version, text: '书面答复', uploads: uploads.map((u) => u.uploadId) });
    expect((db.prepare('SELECT name FROM action_attachments ORDER BY id').all() as Array<{ name: string }>).map((r) => r.name)).toEqual(expected);
    const d = await ok<ActionDetail>(dispatch, 'actions.get', { id: action.id });
    expect(d.feedback[0].attachments.map((a) => a.name)).toEqual(expected);
    const one = await ok<{ name: string }>(dispatch, 'actions.attachment', { id: d.feedback[0].attachments[0].id });
    expect(one.name).toBe('passwd.pdf');
  });

  it('offers a safe name for a file stored before names were checked', async () => {
    const { db, dispatch, action } = await setup();
    await ok(dispatch, 'actions.feedback', { actionId: action.id, version: action.version, text: '书面答复', attachments: [{ name: '答复.pdf', mime: 'application/pdf', base64: pdf(300).toString('base64') }] });
    db.prepare("UPDATE action_attachments SET name = '../../AUX.pdf\u202E'").run();
    const d = await ok<ActionDetail>(dispatch, 'actions.get', { id: action.id });
    expect(d.feedback[0].attachments[0].name).toBe('_AUX.pdf');
    expect((await ok<{ name: string }>(dispatch, 'actions.attachment', { id: d.feedback[0].attachments[0].id })).name).toBe('_AUX.pdf');
  });
});
