// A register search's total (issue 15, speed that stays): the total is counted apart from the page
// (on the text index, less the deleted matches), so it is checked here against the list itself —
// every search below pages its whole result and the total must equal the rows, worked out by hand.
// A unit is found by what the row shows (README 检索): its current name, as 主办 or 协办. Its 简称 and
// 曾用名 are kept in the units list (the unit picker finds them) but no row shows them, so the register
// search does not find rows by them; a rename or a merge rewrites the names on the rows, and the search
// follows at once. Several terms must all match, also when one of them is a domain's name.
import { describe, expect, it } from 'vitest';
import type { Page, RiskListInput, RiskRow } from '../../shared/risks.js';
import type { Lists } from '../../shared/settings.js';
import type { UnitRow } from '../../shared/units.js';
import { countQuery, whereClause } from '../../db/risk-list.js';
import { ok, tempCore } from './helpers.js';

describe('register search total', () => {
  it('equals the list for a unit by name, not by 简称 or 曾用名, across a deleted match, a rename and a merge', async () => {
    const { dispatch } = tempCore();
    const lists = await ok<Lists>(dispatch, 'lists.get', {});
    const labour = lists.domains.find((d) => d.name === '劳动社保')!;
    const other = lists.domains.find((d) => d.name !== '劳动社保')!;
    const region = lists.regions[0];
    const make = (title: string, leadUnit: string, o: { coUnits?: string[]; domainId?: number; likelihood?: number; impact?: number } = {}) =>
      ok<RiskRow>(dispatch, 'risks.create', { regionId: region.id, domainId: o.domainId ?? other.id, title, leadUnit, coUnits: o.coUnits ?? [], involvedCount: 20, ...(o.likelihood ? { likelihood: o.likelihood, impact: o.impact } : {}) });
    // Levels: a 重大 (5 × 5), c 一般 (2 × 3), the rest 未定级; the default order is level, then id.
    const a = await make('甲', '城关区住建局', { likelihood: 5, impact: 5 });
    const b = await make('乙', '西岭县住建局', { coUnits: ['城关区住建局'] });
    const c = await make('丙', '市人社局', { coUnits: ['西岭县住建局'], likelihood: 2, impact: 3 });
    const gone = await make('丁', '城关区住建局', { coUnits: ['市人社局'] });
    await ok(dispatch, 'risks.delete', { id: gone.id, version: gone.version, reason: '重复录入' });
    const e = await make('协调住建局处理欠薪', '市人社局', { domainId: labour.id }); // the unit only in the text
    const f = await make('戊', '市信访局', { domainId: labour.id });

    const search = async (query: string, deleted?: boolean) => {
      const p = await ok<Page<RiskRow>>(dispatch, 'risks.list', { query, pageSize: 100, deleted });
      return { ids: p.rows.map((r) => r.id), total: p.total };
    };
    // The deleted 丁 shows 城关区住建局 and 市人社局 too: it is in the text index's matches, never in the total.
    expect(await search('住建局')).toEqual({ ids: [a.id, c.id, b.id, e.id], total: 4 });
    expect(await search('城关区住建局')).toEqual({ ids: [a.id, b.id], total: 2 });
    expect(await search('住建局', true)).toEqual({ ids: [gone.id], total: 1 }); // 已删除: only 丁
    expect(await search(other.name, true)).toEqual({ ids: [gone.id], total: 1 }); // by its domain's name
    expect(await search('甲', true)).toEqual({ ids: [], total: 0 });
    expect(await search('住建局 人社局')).toEqual({ ids: [c.id, e.id], total: 2 });
    // A domain's name as the second term: only the rows matching both (f is in the domain, but shows no 住建局).
    expect(await search('住建局 劳动社保')).toEqual({ ids: [e.id], total: 1 });
    expect(await search('劳动社保 住建局')).toEqual({ ids: [e.id], total: 1 });
    expect(await search('劳动社保')).toEqual({ ids: [e.id, f.id], total: 2 });

    const units = await ok<UnitRow[]>(dispatch, 'units.list', {});
    const chengguan = units.find((u) => u.name === '城关区住建局')!;
    const xiling = units.find((u) => u.name === '西岭县住建局')!;
    // 简称: kept in the list, shown on no row.
    await ok(dispatch, 'units.update', { id: chengguan.id, shortName: '城关住建' });
    expect(await search('城关住建')).toEqual({ ids: [], total: 0 });

    // Renamed: the rows show the new name; the former name (曾用名) is shown on no row.
    await ok(dispatch, 'units.update', { id: chengguan.id, name: '城关区住房和城乡建设局' });
    expect(await search('城关区住房和城乡建设局')).toEqual({ ids: [a.id, b.id], total: 2 });
    expect(await search('城关区住建局')).toEqual({ ids: [], total: 0 });
    expect(await search('住建局')).toEqual({ ids: [c.id, b.id, e.id], total: 3 });

    // Merged: 西岭县住建局's rows now show the unit it went into.
    await ok(dispatch, 'units.merge', { fromId: xiling.id, intoId: chengguan.id });
    expect(await search('城关区住房和城乡建设局')).toEqual({ ids: [a.id, c.id, b.id], total: 3 });
    expect(await search('西岭县住建局')).toEqual({ ids: [], total: 0 });
    expect(await search('住建局')).toEqual({ ids: [e.id], total: 1 });
    expect(await search('城乡建设局 人社局')).toEqual({ ids: [c.id], total: 1 });
    // Restored, 丁 counts again (it shows the merged unit's name now, and 市人社局).
    await ok(dispatch, 'risks.restore', { id: gone.id, version: (await ok<RiskRow>(dispatch, 'risks.get', { id: gone.id })).version });
    expect(await search('城乡建设局 人社局')).toEqual({ ids: [c.id, gone.id], total: 2 });
    expect(await search('住建局', true)).toEqual({ ids: [], total: 0 });
  });

  it('counts without reading a register row per match: through the deleted risks, or through the other filters', async () => {
    const { db, dispatch } = tempCore();
    const lists = await ok<Lists>(dispatch, 'lists.get', {});
    await ok<RiskRow>(dispatch, 'risks.create', { regionId: lists.regions[0].id, domainId: lists.domains[0].id, title: '宏达劳务欠薪', leadUnit: '县住建局', involvedCount: 20 });
    // The plans are those of a 100,000-risk register on any file (planner statistics pinned in migration 0002).
    // Looking every match up in the register by id was the 18,000 row reads that took the uncached 住建局 to 35 ms.
    const plan = (input: RiskListInput) => {
      const q = countQuery(db, input);
      return (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as Array<{ detail: string }>).map((p) => p.detail);
    };
    const perMatch = (lines: string[]) => lines.filter((d) => /^SEARCH (r|risks) USING INTEGER PRIMARY KEY/.test(d));
    for (const query of ['住建局', '劳动社保', '住建局 劳动社保', '欠薪']) {
      expect(whereClause(db, { query }).searchOnly, query).toBeDefined();
      const lines = plan({ query });
      expect(perMatch(lines), `${query}: ${lines.join(' | ')}`).toEqual([]);
      expect(lines.some((d) => /^SEARCH r USING COVERING INDEX \w+ \(deleted_at>\?\)/.test(d)), `${query}: ${lines.join(' | ')}`).toBe(true);
    }
    // One domain's name: its risks come off the index already in id order, and the UNION merges them unsorted.
    expect(plan({ query: '劳动社保' }).filter((d) => /TEMP B-TREE/.test(d)), plan({ query: '劳动社保' }).join(' | ')).toEqual([]);
    for (const input of [{ query: '住建局', level: 2 }, { query: '住建局', regionId: lists.regions[0].id }, { query: '欠薪 住建局', status: '在控' }, { query: '住建局', deleted: true }] as RiskListInput[]) {
      const lines = plan(input);
      expect(perMatch(lines), `${JSON.stringify(input)}: ${lines.join(' | ')}`).toEqual([]);
    }
  });
});
