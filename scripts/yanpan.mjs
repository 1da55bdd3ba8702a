#!/usr/bin/env node
// The `yanpan` command: runs the TypeScript CLI through tsx, so `npx yanpan` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli.ts');
await main(process.argv.slice(2));
