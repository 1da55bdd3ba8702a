// Large files reach the page as a one-time streamed download, not base64 inside JSON (issue 11):
// the real web host over a real register, a real backup file over the real 20 MB limit, and an
// export with the limit lowered so a real workbook takes the streamed path.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core.js';
import { DownloadStore } from '../../electron/downloads.js';
import { startWebHost, type WebHost } from '../../electron/webhost.js';
import { backupsDirFor } from '../../db/backups.js';
import { backupFileName } from '../../shared/backups.js';
import { INLINE_FILE_LIMIT, type FilePayload } from '../../shared/files.js';
import { tempDir, testCaller, authHeaders } from './helpers.js';

const open: Array<{ host: WebHost; core: Core }> = [];
afterEach(async () => {
  for (const { host, core } of open.splice(0)) {
    await host.close();
    core.close();
  }
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function http(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

async function serve(downloads?: DownloadStore) {
  const dir = tempDir();
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const dbPath = join(dir, 'register.db');
  const core = openCore({ caller: testCaller(), dbPath, host: 'web', downloads });
  const host = await startWebHost({ dispatch: core.dispatch, staticDir, downloads: core.downloads });
  open.push({ host, core });
  const call = async (method: string, input: unknown) => {
    const r = await http(host.port, `/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders(host) }, body: JSON.stringify(input) });
    return { size: r.body.length, json: JSON.parse(r.body.toString('utf8')) as { ok: boolean; value: FilePayload; error?: { message: string } } };
  };
  return { host, core, dbPath, call };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('large files as one-time streamed downloads', () => {
  it('a backup over 20 MB comes back as an id (a small JSON reply), streams byte for byte once under its Chinese name, then the link is gone', async () => {
    const { host, dbPath, call } = await serve();
    const name = backupFileName('2026-11-24T01:00:00.000Z', 'manual', 'register');
    const bytes = randomBytes(INLINE_FILE_LIMIT + 3 * 1024 * 1024);
    mkdirSync(backupsDirFor(dbPath), { recursive: true });
    writeFileSync(join(backupsDirFor(dbPath), name), bytes);

    const reply = await call('backups.download', { name });
    expect(reply.json.ok).toBe(true);
    expect(reply.json.value.dataBase64).toBeUndefined();
    expect(reply.json.value.downloadId).toMatch(/^[0-9a-f]{32}$/);
    expect(reply.json.value.bytes).toBe(bytes.length);
    expect(reply.size).toBeLessThan(1024);

    const path = `/download/${reply.json.value.downloadId}`;
    // A HEAD does not use up the link.
    expect((await http(host.port, path, { method: 'HEAD' })).status).toBe(405);
    const got = await http(host.port, path, { headers: authHeaders(host) });
    expect(got.status).toBe(200);
    expect(got.headers['content-length']).toBe(String(bytes.length));
    expect(String(got.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(got.headers['cache-control']).toBe('no-store');
    expect(sha(got.body)).toBe(sha(bytes));

    const again = await http(host.port, path, { headers: authHeaders(host) });
    expect(again.status).toBe(404);
    expect(again.body.toString('utf8')).toMatch(/下载链接已失效/);
    for (const bad of ['/download/', '/download/zz', `/download/${'0'.repeat(32)}`, '/download/..%2fregister.db']) {
      const r = await http(host.port, bad, { headers: authHeaders(host) });
      expect(r.status, bad).toBe(404);
      expect(r.body.toString('utf8'), bad).toMatch(/下载链接已失效|找不到/);
    }
  });

  it('a small backup still comes back inline, and nothing is left offered', async () => {
    const { core, dbPath, call } = await serve();
    const name = backupFileName('2026-11-24T02:00:00.000Z', 'manual', 'register');
    const bytes = randomBytes(4096);
    mkdirSync(backupsDirFor(dbPath), { recursive: true });
    writeFileSync(join(backupsDirFor(dbPath), name), bytes);
    const reply = await call('backups.download', { name });
    expect(reply.json.value.downloadId).toBeUndefined();
    expect(Buffer.from(reply.json.value.dataBase64!, 'base64').equals(bytes)).toBe(true);
    expect(core.downloads?.size).toBe(0);
  });

  it('an export over the limit streams a workbook that opens with every risk in it', async () => {
    const { host, call } = await serve(new DownloadStore({ inlineLimit: 1000 }));
    for (const title of ['某小区业主集体维权', '某企业拖欠工资']) {
      const r = await call('risks.create', { title, domainId: 1, regionId: 1 });
      expect(r.json.ok, r.json.error?.message).toBe(true);
    }
    const reply = await call('exports.register', { format: 'xlsx', sheets: ['register'] });
    expect(reply.json.ok).toBe(true);
    expect(reply.json.value.dataBase64).toBeUndefined();
    expect(reply.json.value.rows).toBe(2);
    const got = await http(host.port, `/download/${reply.json.value.downloadId}`, { headers: authHeaders(host) });
    expect(got.status).toBe(200);
    expect(got.body.length).toBe(reply.json.value.bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(got.body as unknown as ArrayBuffer);
    const titles = wb.worksheets[0].getSheetValues().flat().filter((v) => typeof v === 'string');
    expect(titles).toEqual(expect.arrayContaining(['某小区业主集体维权', '某企业拖欠工资']));
  });

  it('an offer expires', () => {
    let t = 0;
    const store = new DownloadStore({ ttlMs: 1000, now: () => t });
    const id = store.offer({ bytes: Buffer.from('x') }, 'a.csv', 'text/csv');
    t = 999;
    const other = store.offer({ bytes: Buffer.from('y') }, 'b.csv', 'text/csv');
    expect(store.take(id)).not.toBeNull();
    t = 2000;
    expect(store.take(other)).toBeNull();
    expect(store.size).toBe(0);
  });

  it('the command line gets files inline (it writes them itself)', () => {
    const core = openCore({ caller: testCaller(), dbPath: join(tempDir(), 'cli.db'), host: 'cli' });
    try {
      expect(core.downloads).toBeUndefined();
    } finally {
      core.close();
    }
  });
});
