import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { THEME } from './renderer/theme.js';

const ROOT = import.meta.dirname;
const STYLE_ID = 'virtual:antd-style.css';

/** The antd components the renderer imports (`import { Button, Table } from 'antd'`), sorted. */
function antdComponentsUsed(dir: string): string[] {
  const names = new Set<string>();
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(f)) continue;
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'antd'/g))
      for (const part of m[1].split(',')) {
        const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0];
        if (/^[A-Z]/.test(name) && !part.trim().startsWith('type ')) names.add(name);
      }
  }
  return [...names].sort();
}

/**
 * `virtual:antd-style.css`: in a build, antd's styles for THEME as a static sheet (scripts/antd-style.mjs
 * explains why), cached under node_modules/.cache by antd version, theme, components and script; in
 * the dev server an empty sheet (its class prefix differs, so antd keeps building styles at run time).
 */
function antdStaticStyle(): Plugin {
  let build = false;
  return {
    name: 'yanpan-antd-static-style',
    configResolved: (c) => void (build = c.command === 'build'),
    resolveId(source) {
      if (source !== STYLE_ID) return null;
      const dir = join(ROOT, 'node_modules', '.cache', 'yanpan-antd-style');
      mkdirSync(dir, { recursive: true });
      if (!build) {
        const empty = join(dir, 'dev-empty.css');
        if (!existsSync(empty)) writeFileSync(empty, '');
        return empty;
      }
      const script = join(ROOT, 'scripts', 'antd-style.mjs');
      const input = JSON.stringify({ theme: THEME, components: antdComponentsUsed(join(ROOT, 'renderer')) });
      const version = (pkg: string) => (createRequire(import.meta.url)(`${pkg}/package.json`) as { version: string }).version;
      const key = createHash('sha256').update([version('antd'), version('@ant-design/cssinjs'), input, readFileSync(script, 'utf8')].join('\n')).digest('hex').slice(0, 16);
      const file = join(dir, `antd-${key}.css`);
      if (!existsSync(file)) {
        const css = execFileSync(process.execPath, [script, input], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
        writeFileSync(`${file}.tmp`, css);
        renameSync(`${file}.tmp`, file);
      }
      return file;
    },
  };
}

/**
 * renderer/boot.ts as its own small entry, loaded by index.html ahead of the app's bundle (async: it
 * runs as soon as it and its imports have arrived; main.tsx imports it too, so it runs once, and
 * before the app in any case). Written into index.html as a second <script>, Vite would merge it
 * into the main entry, where it would run only after React and antd have been evaluated.
 */
function bootEntry(): Plugin {
  const src = join(ROOT, 'renderer', 'boot.ts');
  return {
    name: 'yanpan-boot-entry',
    config: (_c, env) => (env.command === 'build' ? { build: { rollupOptions: { input: { index: join(ROOT, 'renderer', 'index.html'), boot: src } } } } : {}),
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return [{ tag: 'script', attrs: { type: 'module', src: './boot.ts' }, injectTo: 'head' }];
        const chunk = Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId === src);
        if (!chunk || chunk.type !== 'chunk') throw new Error('renderer/boot.ts is missing from the build');
        // Its imports are fetched at once too, not when the script has arrived and been read.
        const preloads = chunk.imports.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` }, injectTo: 'head' as const }));
        return [...preloads, { tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `./${chunk.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}

// The renderer is built once and served by both hosts (app:// in Electron, HTTP on loopback in the web host).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [antdStaticStyle(), bootEntry(), react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});
