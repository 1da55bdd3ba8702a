// A PDF job builds its document once: the print page's briefs.model call for the job's request is
// answered with the document the job built (before, every PDF built it twice: 1–2 s each for the
// 100k 专报). The printer here stands in for the browser: like the print route it asks briefs.model
// for the request in the route, and before that another user renames the city, so the answer shows
// whether the page got the job's document (built before the edit) or a second build.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openCore } from '../../electron/core.js';
import { docText, type Doc } from '../../shared/briefs/model.js';
import { decodeRequest } from '../../shared/briefs/request.js';
import type { Printer } from '../../electron/print/types.js';
import { tempDir, testCaller } from './helpers.js';

function pagePrinter(core: ReturnType<typeof openCore>, seen: Doc[]): Printer {
  // Like the print route: another user renames the city, then the page asks for its document.
  const page = async (route: string) => {
    core.db.prepare("UPDATE settings SET value = '改名市' WHERE key = 'cityName'").run();
    const r = await core.dispatch('briefs.model', decodeRequest(/\?q=([\w-]+)/.exec(route)![1]));
    if (!r.ok) throw new Error(r.error.message);
    seen.push(r.value as Doc);
  };
  return {
    async pdf(route) {
      await page(route);
      return Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n', 'latin1');
    },
    paper: (route) => page(route),
    close: async () => {},
  };
}

/** A demo register whose printer stands in for the print page; `seen` collects what the page was given. */
async function withDemo(test: (core: ReturnType<typeof openCore>, city: string, seen: Doc[]) => Promise<void>): Promise<void> {
  const core = openCore({ caller: testCaller(), dbPath: join(tempDir(), 'r.db'), host: 'cli' });
  try {
    const demo = await core.dispatch('demo.load', { asOf: '2026-11-25' });
    if (!demo.ok) throw new Error(demo.error.message);
    const city = core.db.prepare("SELECT value FROM settings WHERE key = 'cityName'").pluck().get() as string;
    const seen: Doc[] = [];
    core.printer.current = pagePrinter(core, seen);
    await test(core, city, seen);
  } finally {
    core.close();
  }
}

describe('a PDF job and its print page', () => {
  it('the page prints the document the job built; after the job briefs.model builds afresh', () =>
    withDemo(async (core, city, seen) => {
      const request = { kind: 'weekly', asOf: '2026-11-25' } as const;
      const r = await core.dispatch('briefs.pdf', { request });
      expect(r.ok).toBe(true);
      expect(seen).toHaveLength(1);
      expect(seen[0].masthead?.organ).toBe(`${city}信访局`);
      const after = await core.dispatch('briefs.model', request);
      expect(after.ok && (after.value as Doc).masthead?.organ).toBe('改名市信访局');
    }));

  it('paper printing hands its print page the document it built, with the 期号 it just took', () =>
    withDemo(async (core, city, seen) => {
      const r = await core.dispatch('briefs.printPaper', { request: { kind: 'weekly', asOf: '2026-11-25', final: true }, copies: 1 });
      expect(r.ok).toBe(true);
      expect(seen).toHaveLength(1);
      expect(seen[0].masthead?.organ).toBe(`${city}信访局`);
      expect(seen[0].masthead?.issue).toBe('2026年第1期');
    }));

  it('a final 专报 issued by this job prints with the 期号 it just took, not 预览', () =>
    withDemo(async (core, _city, seen) => {
      const r = await core.dispatch('briefs.pdf', { request: { kind: 'weekly', asOf: '2026-11-25', final: true } });
      expect(r.ok).toBe(true);
      expect(seen[0].masthead?.issue).toBe('2026年第1期');
      expect(docText(seen[0]).join('')).not.toContain('预览');
    }));
});
