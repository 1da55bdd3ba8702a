// The lint stage's import-cycle check (scripts/check-cycles.mjs), run on small trees written here:
// it must see a cycle through static imports, re-exports and import(), name the path, and leave
// type-only imports out (they are erased at build).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const script = join(import.meta.dirname, '..', '..', 'scripts', 'check-cycles.mjs');

function tree(files: Record<string, string>): string {
  const root = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

function check(root: string) {
  const r = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('scripts/check-cycles.mjs', () => {
  it('fails on a three-module cycle and prints its path', () => {
    const root = tree({
      'db/risks.ts': "import { a } from './assessments.js';\nexport const r = () => a;\n",
      'db/assessments.ts': "import { e } from './events.js';\nexport const a = 1 + e;\n",
      'db/events.ts': "import { r } from './risks.js';\nexport const e = typeof r;\n",
      'db/ok.ts': "import { r } from './risks.js';\nexport const x = r;\n",
    });
    const { status, out } = check(root);
    expect(status).toBe(1);
    expect(out).toContain('import cycle: db/assessments.ts → db/events.ts → db/risks.ts → db/assessments.ts');
    expect(out).toMatch(/import cycles: 1\n/);
  });

  it('counts re-exports, import() and .tsx files (the pages), not `import type`', () => {
    const root = tree({
      'renderer/Page.tsx': "import { go } from './Detail';\nexport const Page = () => go;\n",
      'renderer/Detail.tsx': "export { Page } from './Page';\nexport const go = 1;\n",
      'cli.ts': "export const main = () => import('./bench/index.js');\n",
      'bench/index.ts': "import { main } from '../cli.js';\nexport const run = main;\n",
      'types/a.ts': "import type { B } from './b.js';\nexport type A = B | 1;\n",
      'types/b.ts': "import { type A } from './a.js';\nexport type B = A | 2;\n",
    });
    const { status, out } = check(root);
    expect(status).toBe(1);
    expect(out).toContain('renderer/Detail.tsx → renderer/Page.tsx → renderer/Detail.tsx');
    expect(out).toContain('bench/index.ts → cli.ts → bench/index.ts');
    expect(out).not.toContain('types/');
  });

  it('passes a tree without cycles', () => {
    const root = tree({ 'a.ts': "import { b } from './b.js';\nexport const a = b;\n", 'b.ts': 'export const b = 1;\n' });
    expect(check(root)).toEqual({ status: 0, out: 'import cycles: none\n' });
  });
});
