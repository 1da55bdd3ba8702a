// The `yanpan` command runs from a bundle (scripts/cli-bundle.mjs) that must never run old code: in a
// copy of the program, a changed source shows in the very next run, and the bundle is then rebuilt.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function copyOfProgram(): string {
  const root = tempDir();
  for (const d of ['electron', 'db', 'shared', 'scripts']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
  for (const f of ['package.json', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.node.json']) cpSync(join(ROOT, f), join(root, f));
  symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(root, 'node_modules'));
  return root;
}

const help = (root: string) => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'yanpan.mjs'), '--help'], { encoding: 'utf8', env: { ...process.env, YANPAN_CLI_TSX: '' } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n')[0];
};
const build = (root: string): string => JSON.parse(readFileSync(join(root, 'dist', 'cli', 'manifest.json'), 'utf8')).build;

describe('the CLI bundle', () => {
  it('is built on the first run, reused while nothing changed, and never runs a source older than the file', async () => {
    const root = copyOfProgram();
    // Files written just before a build are taken as changed during it (then tsx runs): let the copy settle.
    await sleep(300);
    expect(help(root)).toBe('风险研判台 命令行');
    const first = build(root);
    expect(existsSync(join(root, 'dist', 'cli', first, 'cli.js'))).toBe(true);
    expect(help(root)).toBe('风险研判台 命令行');
    expect(build(root)).toBe(first);

    // An edit (same length, so only the time and content differ): the next run already shows it.
    const cli = join(root, 'electron', 'cli.ts');
    writeFileSync(cli, readFileSync(cli, 'utf8').replace('风险研判台 命令行', '风险研判台 命令新'));
    expect(help(root)).toBe('风险研判台 命令新');
    await sleep(300);
    expect(help(root)).toBe('风险研判台 命令新');
    expect(build(root)).not.toBe(first);
  }, 120_000);
});
