// Hostile .xlsx files (issue 11, finding 4): a 718-byte file with one cell at XFD1048576 once made
// the reader pad every row to 16,384 columns and die of memory. Each file of fixtures/hostile.ts is
// refused with a Chinese message (never INTERNAL) or read into exactly the cells it holds, under
// 200 MB peak memory measured in a fresh process, and the API's preview answers it promptly.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSheetFile } from '../../electron/imports/sheet.js';
import { AppError } from '../../shared/errors.js';
import { HOSTILE, type Hostile } from './fixtures/hostile.js';
import { rowCount, tempCore, tempDir } from './helpers.js';

const CJK = /[\u4e00-\u9fff]/;
const ROOT = join(import.meta.dirname, '..', '..');
const PEAK_LIMIT_MB = 200;

// The zip bombs take a second to deflate: build each file once for the whole file of tests.
const built = new Map<string, Promise<Buffer>>();
const bytesOf = (h: Hostile) => {
  if (!built.has(h.name)) built.set(h.name, Promise.resolve(h.bytes()));
  return built.get(h.name)!;
};

interface ChildOutcome {
  ok: boolean;
  code?: string;
  message?: string;
  rows?: number;
  columns?: number;
  ms: number;
  peakMb: number;
}

/** Reads `file` in a fresh Node process through readSheetFile; a heap cap makes a regression fail fast instead of eating the machine. */
function readInChild(file: string): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=1024', '--import', 'tsx', join(ROOT, 'tests/unit/fixtures/readPeak.ts'), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) return reject(new Error(`reading ${file} ended with ${signal ?? code}: ${err.slice(-2000)}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildOutcome);
    });
  });
}

describe('hostile import files', () => {
  it('each is refused with a Chinese INVALID_INPUT message naming the problem, or read into exactly its cells', async () => {
    for (const h of HOSTILE) {
      const bytes = await bytesOf(h);
      const read = readSheetFile(h.name, bytes);
      if (h.refused) {
        const e = await read.then(
          () => null,
          (x: unknown) => x,
        );
        expect(e, h.name).toBeInstanceOf(AppError);
        expect((e as AppError).code, h.name).toBe('INVALID_INPUT');
        expect((e as AppError).message, h.name).toMatch(CJK);
        expect((e as AppError).message, h.name).toMatch(h.refused);
        expect((e as AppError).message, h.name).not.toMatch(/root:|\/bin\/|lollol/);
      } else {
        expect((await read).grid, h.name).toEqual(h.grid);
      }
    }
  }, 60_000);

  it(`each is read or refused under ${PEAK_LIMIT_MB} MB peak memory, measured in a fresh process`, async () => {
    const dir = tempDir();
    const queue = [...HOSTILE];
    const figures: Array<{ file: string; outcome: string; peakMb: number; ms: number }> = [];
    // Two at a time: the machine's two cores are shared.
    await Promise.all(
      [0, 1].map(async () => {
        for (let h = queue.shift(); h; h = queue.shift()) {
          const file = join(dir, h.name);
          writeFileSync(file, await bytesOf(h));
          const got = await readInChild(file);
          figures.push({ file: h.name, outcome: got.ok ? `read ${got.rows}×${got.columns}` : `refused ${got.code}`, peakMb: got.peakMb, ms: got.ms });
          expect(got.ok, `${h.name}: ${got.message}`).toBe(!h.refused);
          if (h.refused) expect(got.code, h.name).toBe('INVALID_INPUT');
          expect(got.peakMb, h.name).toBeLessThan(PEAK_LIMIT_MB);
        }
      }),
    );
    console.log(figures.sort((a, b) => a.file.localeCompare(b.file)).map((f) => `${f.file.padEnd(34)} ${f.outcome.padEnd(22)} peak ${f.peakMb} MB, ${f.ms} ms`).join('\n'));
  }, 180_000);

  it('imports.preview answers each promptly in Chinese; a refused commit writes nothing and takes no backup', async () => {
    const { db, file, dispatch } = tempCore();
    const before = [rowCount(db, 'risks'), rowCount(db, 'audit_log')];
    for (const h of HOSTILE) {
      const input = { fileName: h.name, dataBase64: (await bytesOf(h)).toString('base64') };
      const started = performance.now();
      const r = await dispatch('imports.preview', input);
      expect(performance.now() - started, h.name).toBeLessThan(15_000);
      if (h.refused) {
        expect(r.ok, h.name).toBe(false);
        if (!r.ok) {
          expect(r.error.code, h.name).toBe('INVALID_INPUT');
          expect(r.error.message, h.name).toMatch(h.refused);
        }
        const c = await dispatch('imports.commit', input);
        expect(c.ok || c.error.code, h.name).toBe('INVALID_INPUT');
      } else {
        // Readable: a report (or, where the merge hides the header, a Chinese refusal about the header).
        if (!r.ok) expect(r.error, h.name).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/表头/) });
      }
    }
    expect([rowCount(db, 'risks'), rowCount(db, 'audit_log')]).toEqual(before);
    expect(existsSync(join(dirname(file), 'backups'))).toBe(false);
  }, 120_000);
});

describe('import bytes are strict base64', () => {
  it('a file whose base64 is not canonical (stray characters, no padding, spaces, a tail after "=") is refused in Chinese and nothing is read or written', async () => {
    const { db, file, dispatch } = tempCore();
    const good = Buffer.from('编号,事项名称\nA-1,某小区维权\n', 'utf8').toString('base64');
    expect(good.endsWith('=')).toBe(true);
    const bad = [good.replace(/=+$/, ''), `${good.slice(0, 8)}*${good.slice(9)}`, `${good.slice(0, 8)} ${good.slice(8)}`, `${good}QUJD`, `${good.slice(0, 4)}\n${good.slice(4)}`];
    for (const dataBase64 of bad) {
      for (const method of ['imports.preview', 'imports.commit']) {
        const r = await dispatch(method, { fileName: '台账.csv', dataBase64 });
        expect(r.ok, dataBase64).toBe(false);
        if (!r.ok) expect(r.error, dataBase64).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/base64/) });
      }
    }
    expect(rowCount(db, 'audit_log')).toBe(0);
    expect(existsSync(join(dirname(file), 'backups'))).toBe(false);
    const r = await dispatch('imports.preview', { fileName: '台账.csv', dataBase64: good });
    expect(r.ok).toBe(true);
  });
});
