#!/usr/bin/env node
// npm start: the desktop app where the Electron runtime exists or can be fetched; otherwise one
// line saying so, then the web host (same core, same UI) on 127.0.0.1.
//
// Native module per ABI: better-sqlite3-multiple-ciphers (better-sqlite3 with SQLite3 Multiple
// Ciphers, for the encrypted register) is compiled for Node by npm install and is never touched
// here. For Electron a second build is made once per Electron ABI in a copy of the package under
// node_modules/.yanpan-native/<abi>/ and handed to the app via YANPAN_NATIVE_BINDING (db/open.ts),
// so `npm test` on Node keeps working after `npm start` (and switching back and forth costs nothing).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildRenderer } from './build-renderer.mjs';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const electronDir = join(root, 'node_modules', 'electron');
const say = (s) => process.stdout.write(s + '\n');
const NATIVE_PKG = 'better-sqlite3-multiple-ciphers';

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, readFileSync(pathFile, 'utf8'))
    : join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(bin) ? bin : null;
}

/** The runtime on demand: Electron's own installer (download + checksum), with a short timeout. */
function fetchElectron() {
  if (!existsSync(join(electronDir, 'install.js'))) return null;
  say('正在获取 Electron 运行时（首次启动需要联网，最多等待 90 秒）…');
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, stdio: 'ignore', timeout: 90_000 });
  return electronBinary();
}

function electronVersion() {
  return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
}

/** better_sqlite3.node for Electron's ABI, built once into node_modules/.yanpan-native/<abi>/. */
function nativeForElectron() {
  const abi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
  // The package and its version in the folder name: a build of another SQLite package (plain
  // better-sqlite3 before the register was encrypted) or version is never picked up.
  const version = JSON.parse(readFileSync(join(root, 'node_modules', NATIVE_PKG, 'package.json'), 'utf8')).version;
  const dir = join(root, 'node_modules', '.yanpan-native', `${abi}-${process.platform}-${process.arch}-mc${version}`);
  const binding = join(dir, 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  say(`正在为 Electron（ABI ${abi}）编译 SQLite 模块（仅首次，约 1–2 分钟）…`);
  const src = join(dir, 'src');
  rmSync(src, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', NATIVE_PKG), src, { recursive: true, filter: (p) => !p.includes(`${join(NATIVE_PKG, 'build')}`) });
  const gyp = process.env.npm_config_node_gyp ?? createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  const r = spawnSync(process.execPath, [gyp, 'rebuild', '--release', `--target=${electronVersion()}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'], { cwd: src, stdio: 'inherit' });
  if (r.status !== 0) return null;
  mkdirSync(dir, { recursive: true });
  cpSync(join(src, 'build', 'Release', 'better_sqlite3.node'), binding);
  rmSync(src, { recursive: true, force: true });
  return binding;
}

function startWeb(reason) {
  say(`${reason}改为启动网页版：在浏览器中打开下面的地址即可使用。`);
  const child = spawn(process.execPath, [join(root, 'scripts', 'yanpan.mjs'), 'serve', ...args.filter((a) => a !== '--web')], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

if (!buildRenderer()) {
  process.stderr.write('界面构建失败，请查看上面的错误信息。\n');
  process.exit(1);
}

const web = args.includes('--web');
const bin = web ? null : (electronBinary() ?? fetchElectron());
if (web) startWeb('按 --web 要求，');
else if (!bin) startWeb('未找到 Electron 运行时，本机也无法下载；');
else {
  const binding = nativeForElectron();
  if (!binding) startWeb('无法为 Electron 编译 SQLite 模块（需要联网下载 Electron 头文件与编译工具）；');
  else {
    const { buildElectron } = await import('./build-electron.mjs');
    await buildElectron();
    const appArgs = args.filter((a) => a !== '--demo');
    const env = { ...process.env, YANPAN_NATIVE_BINDING: binding };
    delete env.ELECTRON_RUN_AS_NODE; // would turn the app into a plain Node process
    const child = spawn(bin, [root, ...appArgs], { stdio: 'inherit', env });
    child.on('exit', (code) => process.exit(code ?? 0));
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  }
}
