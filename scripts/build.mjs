#!/usr/bin/env node
// npm run build: the renderer bundle (served by both hosts) and the Electron main + preload bundles.
import { buildRenderer } from './build-renderer.mjs';
import { buildElectron } from './build-electron.mjs';

if (!buildRenderer({ force: true })) process.exit(1);
await buildElectron();
process.stdout.write('构建完成：dist/renderer（界面）与 dist/electron（主进程、preload、数据库迁移）。\n');
