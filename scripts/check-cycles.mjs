#!/usr/bin/env node
// Lint stage: no import cycles among our own modules. A cycle makes module start-up order matter
// (a value read before its module ran is undefined) and knots layers that should point one way.
// The graph is built with TypeScript's parser: static imports, re-exports, import() and require()
// of relative paths; `import type` / `export type` are left out (erased at build, no run-time edge).
// Prints every cycle as a path, e.g. "db/risks.ts → db/events.ts → db/risks.ts", and exits 1.
//   node scripts/check-cycles.mjs [--root DIR] [--types]   (--types counts type-only imports too)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|cts|mts)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', 'release', '.tmp', '.git', 'test-results', 'playwright-report', 'coverage']);

/** Every TypeScript source under `dir`, skipping build output and dependencies. */
export function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...sourceFiles(p));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** './x.js' from `from` → the .ts/.tsx file it means, or null (a package or a file we do not have). */
function resolveSpecifier(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.(js|jsx|cjs|mjs|ts|tsx|cts|mts)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.cts`, `${stem}.mts`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((c) => SOURCE.test(c) && existsSync(c) && statSync(c).isFile()) ?? null;
}

/** The relative modules a file loads at run time (or also for types, with `types`). */
export function importsOf(file, { types = false } = {}) {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specs = [];
  const onlyTypes = (elements) => elements.length > 0 && elements.every((e) => e.isTypeOnly);
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const typeOnly = !!c && (c.isTypeOnly || (!c.name && c.namedBindings && ts.isNamedImports(c.namedBindings) && onlyTypes(c.namedBindings.elements)));
      if (types || !typeOnly) specs.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = node.isTypeOnly || (node.exportClause && ts.isNamedExports(node.exportClause) && onlyTypes(node.exportClause.elements));
      if (types || !typeOnly) specs.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      if (types || !node.isTypeOnly) specs.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) specs.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && types && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specs.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...new Set(specs.map((s) => resolveSpecifier(file, s)).filter(Boolean))];
}

/** Strongly connected components (Tarjan, iterative) of the graph; only those that hold a cycle. */
function cyclicComponents(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const out = [];
  for (const root of graph.keys()) {
    if (idx.has(root)) continue;
    const work = [[root, 0]];
    idx.set(root, index);
    low.set(root, index++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      const next = graph.get(v) ?? [];
      if (i < next.length) {
        frame[1]++;
        const w = next[i];
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1][0], Math.min(low.get(work[work.length - 1][0]), low.get(v)));
      if (low.get(v) === idx.get(v)) {
        const comp = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp);
      }
    }
  }
  return out;
}

/** The shortest cycle through `start` inside one component (breadth first), as a closed path. */
function shortestCycle(graph, comp, start) {
  const inComp = new Set(comp);
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let x = v; x !== start; x = prev.get(x)) path.splice(1, 0, x);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** Every import cycle under `root`: one shortest path per module in a cyclic component, deduplicated. */
export function findCycles(root, opts = {}) {
  const files = sourceFiles(root);
  const graph = new Map(files.map((f) => [f, importsOf(f, opts)]));
  const seen = new Set();
  const cycles = [];
  for (const comp of cyclicComponents(graph)) {
    for (const start of [...comp].sort()) {
      const path = shortestCycle(graph, comp, start).map((f) => relative(root, f).split(sep).join('/'));
      // The same ring found from another of its members is reported once.
      const ring = path.slice(0, -1);
      const key = [...ring].sort().join('|') + `#${ring.length}`;
      if (seen.has(key)) continue;
      seen.add(key);
      cycles.push(path);
    }
  }
  return cycles;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--root');
  const root = resolve(at >= 0 ? args[at + 1] : join(import.meta.dirname, '..'));
  const cycles = findCycles(root, { types: args.includes('--types') });
  if (cycles.length === 0) {
    process.stdout.write('import cycles: none\n');
  } else {
    process.stderr.write(`import cycles: ${cycles.length}\n${cycles.map((c) => `  import cycle: ${c.join(' → ')}`).join('\n')}\n`);
    process.stderr.write('Break each cycle: move what both sides need into a module they both import (shared/ for rules, db/ for queries).\n');
    process.exit(1);
  }
}
