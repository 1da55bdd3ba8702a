// Searching the register by a unit's name (issue 12 speed): the results, worked out by hand, stay
// the same when the search is made fast — with a deleted risk, a co-unit, a term that is also part
// of a region's name, a paged result, and a unit renamed in the units list (the row then shows the
// new name, so the new name finds it and the former one no longer does — also for a row written later
// with the former name).
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
    // Written afterwards with the former name (typed, imported): the row shows the current name, which finds it.
    const h = await make('辛', '城关区住建局');
    expect(await search('城关区住房和城乡建设局')).toEqual({ ids: [a.id, c.id, e.id, h.id], total: 4 });
    expect(await search('城关区住建局')).toEqual({ ids: [], total: 0 });
  });

  it('pages through a unit with many risks the same way (the first pages walk the level order)', async () => {
    const { dispatch } = tempCore();
    const [g] = (await ok<Lists>(dispatch, 'lists.get', {})).regions;
    const make = (title: string, leadUnit: string, grade?: { likelihood: number; impact: number }) =>
      ok<RiskRow>(dispatch, 'risks.create', { regionId: g.id, domainId: 1, title, leadUnit, involvedCount: 20, ...grade });
    const plain: RiskRow[] = [];
    for (let i = 0; i < 60; i++) {
      plain.push(await make(`事项${i}`, '县住建局'));
      await make(`其他${i}`, '县人社局', { likelihood: 5, impact: 5 }); // 重大, but not this unit's
    }
    const graded = await make('最后登记的一般事项', '县住建局', { likelihood: 2, impact: 3 });
    const gone = await make('已删除', '县住建局', { likelihood: 5, impact: 5 });
    await ok(dispatch, 'risks.delete', { id: gone.id, version: gone.version, reason: '重复录入' });
    const search = async (page: number, pageSize: number) => {
      const p = await ok<Page<RiskRow>>(dispatch, 'risks.list', { query: '县住建局', page, pageSize });
      return { ids: p.rows.map((r) => r.id), total: p.total };
    };
    // 61 live matches: the 一般 one first, then the 未定级 ones by id.
    expect(await search(1, 1)).toEqual({ ids: [graded.id], total: 61 });
    expect(await search(2, 1)).toEqual({ ids: [plain[0].id], total: 61 });
    expect(await search(3, 20)).toEqual({ ids: plain.slice(39, 59).map((r) => r.id), total: 61 });
    expect(await search(4, 20)).toEqual({ ids: [plain[59].id], total: 61 });
  });
});
