// Searching the register by a unit's name (issue 12 speed): the results, worked out by hand, stay
// the same when the search is made fast — with a deleted risk, a co-unit, a term that is also part
// of a region's name, a paged result, and a unit renamed in the units list (the row then shows the
// new name, so the new name finds it and the former one no longer does).
import { describe, expect, it } from 'vitest';
import type { Page, RiskRow } from '../../shared/risks.js';
import type { Lists, NamedItem } from '../../shared/settings.js';
import type { UnitRow } from '../../shared/units.js';
import { ok, tempCore } from './helpers.js';

describe('register search by unit name', () => {
  it('finds the rows that show the unit, pages and counts them, and follows a rename', async () => {
    const { dispatch } = tempCore();
    const lists = await ok<Lists>(dispatch, 'lists.get', {});
    const [g0, g1] = lists.regions;
    const d = lists.domains[0];
    const make = (title: string, leadUnit: string, o: { coUnits?: string[]; regionId?: number; likelihood?: number; impact?: number } = {}) =>
      ok<RiskRow>(dispatch, 'risks.create', { regionId: o.regionId ?? g0.id, domainId: d.id, title, leadUnit, coUnits: o.coUnits ?? [], involvedCount: 20, ...(o.likelihood ? { likelihood: o.likelihood, impact: o.impact } : {}) });
    // Levels: 重大 (5 × 5), 一般 (2 × 3), 未定级; the list's default order is level, then id.
    const a = await make('甲', '城关区住建局', { likelihood: 2, impact: 3 });
    const b = await make('乙', '西岭县住建局', { likelihood: 5, impact: 5 });
    const c = await make('丙', '市人社局', { coUnits: ['城关区住建局'] });
    const e = await make('丁', '城关区住建局');
    const gone = await make('戊', '城关区住建局', { likelihood: 5, impact: 5 });
    await ok(dispatch, 'risks.delete', { id: gone.id, version: gone.version, reason: '重复录入' });
    const g = await make('己', '市人社局');
    // A region whose name holds the term: its risks are found by the region too.
    const region = await ok<NamedItem>(dispatch, 'lists.rename', { list: 'regions', id: g1.id, version: g1.version, name: '住建局片区' });
    const f = await make('庚', '市信访局', { regionId: region.id });

    const search = async (query: string, page = 1, pageSize = 100) => {
      const p = await ok<Page<RiskRow>>(dispatch, 'risks.list', { query, page, pageSize });
      return { ids: p.rows.map((r) => r.id), total: p.total };
    };
    expect(await search('住建局')).toEqual({ ids: [b.id, a.id, c.id, e.id, f.id], total: 5 });
    expect(await search('住建局', 2, 2)).toEqual({ ids: [c.id, e.id], total: 5 });
    expect(await search('城关区住建局')).toEqual({ ids: [a.id, c.id, e.id], total: 3 });
    expect(await search('住建')).toEqual({ ids: [b.id, a.id, c.id, e.id, f.id], total: 5 });
    expect(await search('城关区住建局 甲')).toEqual({ ids: [a.id], total: 1 });
    expect(await search('人社局')).toEqual({ ids: [c.id, g.id], total: 2 });

    // Renamed in the units list: the register follows at once.
    const units = await ok<UnitRow[]>(dispatch, 'units.list', {});
    const unit = units.find((u) => u.name === '城关区住建局')!;
    await ok(dispatch, 'units.update', { id: unit.id, name: '城关区住房和城乡建设局' });
    expect(await search('城关区住房和城乡建设局')).toEqual({ ids: [a.id, c.id, e.id], total: 3 });
    expect(await search('城关区住建局')).toEqual({ ids: [], total: 0 });
    expect(await search('住建局')).toEqual({ ids: [b.id, f.id], total: 2 });
  });
});
