#!/usr/bin/env node
// npm start: the desktop app where the Electron runtime exists; otherwise says so in one line
// and starts the web host (same core, same UI) on 127.0.0.1.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildRenderer } from './build-renderer.mjs';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);

if (!buildRenderer()) {
  process.stderr.write('界面构建失败，请查看上面的错误信息。\n');
  process.exit(1);
}

process.stdout.write('未找到 Electron 运行时（本机无法下载），改为启动网页版：在浏览器中打开下面的地址即可使用。\n');
const child = spawn(process.execPath, [join(root, 'scripts', 'yanpan.mjs'), 'serve', ...args], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
