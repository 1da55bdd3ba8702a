// Search finds what the row shows (issue 12): code, domain, region, units (主办、协办), people
// (责任人、包案领导) and the task force as well as the texts, through the index; after a domain,
// region or unit is renamed, the new name finds the rows at once and the old one no longer does.
import { describe, expect, it } from 'vitest';
import type { RiskRow, Page } from '../../shared/risks.js';
import type { Lists, NamedItem } from '../../shared/settings.js';
import { searchClause } from '../../db/risk-list.js';
import { ok, tempCore } from './helpers.js';

describe('register search', () => {
  it('finds rows by code, units, people, task force, domain and region — and by their new names after a rename', async () => {
    const { dispatch, db } = tempCore();
    const lists = await ok<Lists>(dispatch, 'lists.get', {});
    const [d0, d1] = lists.domains;
    const [g0, g1] = lists.regions;
    const a = await ok<RiskRow>(dispatch, 'risks.create', {
      regionId: g0.id, domainId: d0.id, title: '锦绣华庭逾期交房', leadUnit: '城关区住建局', coUnits: ['城关区信访局', '锦绣街道办'],
      responsiblePerson: '周某', packageLeader: '钱某', packageLeaderTitle: '副区长', taskForce: '锦绣华庭工作专班',
    });
    const b = await ok<RiskRow>(dispatch, 'risks.create', { regionId: g1.id, domainId: d1.id, title: '宏达劳务欠薪', leadUnit: '市人社局' });
    const find = async (query: string) => (await ok<Page<RiskRow>>(dispatch, 'risks.list', { query, pageSize: 100 })).rows.map((r) => r.id).sort();
    expect(await find(a.code)).toEqual([a.id]);
    expect(await find('住建局')).toEqual([a.id]);
    expect(await find('街道办')).toEqual([a.id]); // a co-unit
    expect(await find('钱某')).toEqual([a.id]);
    expect(await find('副区长')).toEqual([a.id]);
    expect(await find('工作专班')).toEqual([a.id]);
    expect(await find(d1.name)).toEqual([b.id]);
    expect(await find(g1.name)).toEqual([b.id]);
    expect(await find(`${g0.name} 住建`)).toEqual([a.id]);

    // Renames: a domain and a region in their lists, a unit on the risk.
    await ok<NamedItem>(dispatch, 'lists.rename', { list: 'domains', id: d1.id, version: d1.version, name: '劳资纠纷' });
    await ok<NamedItem>(dispatch, 'lists.rename', { list: 'regions', id: g1.id, version: g1.version, name: '滨海新区' });
    await ok(dispatch, 'risks.update', { id: a.id, version: (await ok<RiskRow>(dispatch, 'risks.get', { id: a.id })).version, patch: { leadUnit: '城关区住房保障中心' } });
    expect(await find('劳资纠纷')).toEqual([b.id]);
    expect(await find('劳资')).toEqual([b.id]);
    expect(await find('滨海新区')).toEqual([b.id]);
    expect(await find(d1.name)).toEqual([]);
    expect(await find(g1.name)).toEqual([]);
    expect(await find('住房保障')).toEqual([a.id]);
    expect(await find('住建局')).toEqual([]);

    // Through indexes: no term scans the register.
    for (const q of ['住房保障', '钱某', '劳资', a.code]) {
      const s = searchClause(db, q);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT r.id FROM risks r WHERE r.deleted_at IS NULL AND ${s.sql}`).all(...s.params) as Array<{ detail: string }>).map((p) => p.detail);
      expect(plan.filter((d) => /^SCAN (r|risks)\b/.test(d) && !/USING/.test(d)), `${q}: ${plan.join(' | ')}`).toEqual([]);
    }
  });
});
