#!/usr/bin/env node
// The `yanpan` command: runs the CLI (electron/cli.ts) from a bundle of it that is rebuilt whenever a
// source changed (scripts/cli-bundle.mjs), or through tsx when no up-to-date bundle can be had
// (YANPAN_CLI_TSX=1 asks for tsx). Either way `npx yanpan` works right after `npm install`.
import { pathToFileURL } from 'node:url';
import { cliBundle } from './cli-bundle.mjs';

const entry = process.env.YANPAN_CLI_TSX ? null : await cliBundle();
let main;
if (entry) {
  ({ main } = await import(pathToFileURL(entry).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../electron/cli.ts'));
}
await main(process.argv.slice(2));
