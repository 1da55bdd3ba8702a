// The real `yanpan` command, run as a user would run it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract/index.js';
import { tempDir, cliLogin } from './helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');

function yanpan(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...cliLogin(args), YANPAN_HOME: tempDir() } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('yanpan command line', () => {
  it('lists every method with its input schema', () => {
    const r = yanpan('methods');
    expect(r.code).toBe(0);
    const methods = JSON.parse(r.out) as Record<string, { input: { type: string }; doc: string }>;
    expect(Object.keys(methods).sort()).toEqual(Object.keys(contract).sort());
    expect(methods['risks.create'].input.type).toBe('object');
  });

  it('builds a deterministic demo register and answers calls as JSON', () => {
    const dir = tempDir();
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    expect(yanpan('demo', '--db', a, '--risks', '200', '--seed', '7', '--as-of', '2026-11-25').code).toBe(0);
    expect(yanpan('demo', '--db', b, '--risks', '200', '--seed', '7', '--as-of', '2026-11-25').code).toBe(0);
    const q = JSON.stringify({ pageSize: 500, sort: 'code' });
    const strip = (s: string) => (JSON.parse(s).rows as Array<Record<string, unknown>>).map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest);
    const ra = yanpan('call', 'risks.list', q, '--db', a);
    expect(ra.code).toBe(0);
    expect(strip(ra.out)).toHaveLength(200);
    expect(strip(ra.out)).toEqual(strip(yanpan('call', 'risks.list', q, '--db', b).out));
  });

  it('bad input: exit 1, Chinese message on stderr, nothing changed', () => {
    const db = join(tempDir(), 'c.db');
    expect(yanpan('call', 'risks.create', JSON.stringify({ regionId: 1, domainId: 1, title: '事项' }), '--db', db).code).toBe(0);
    const bad = yanpan('call', 'risks.create', JSON.stringify({ regionId: 1, domainId: 1, title: '' }), '--db', db);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/「事项名称」不能为空/);
    const notJson = yanpan('call', 'risks.create', '{oops', '--db', db);
    expect(notJson.code).toBe(1);
    expect(notJson.err).toMatch(/不是有效的 JSON/);
    const list = JSON.parse(yanpan('call', 'risks.list', '{}', '--db', db).out);
    expect(list.total).toBe(1);
  });

  it('unknown commands print the usage and exit 2', () => {
    const r = yanpan('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/不认识的命令/);
  });
});
