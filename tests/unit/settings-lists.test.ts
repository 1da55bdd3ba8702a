// Settings page API: domain/region lists (add, rename, reorder, deactivate, remove only when unused),
// settings with versions, saved views per operator — each audited, stale versions refused.
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit.js';
import type { Lists, NamedItem, AppSettings } from '../../shared/settings.js';
import type { SavedView } from '../../shared/views.js';
import { ok, rowCount, tempCore, testCaller } from './helpers.js';

describe('lists, settings and saved views through the dispatcher', () => {
  it('adds, renames, moves and deactivates a region; each change audited and versioned', async () => {
    const { db, dispatch } = tempCore();
    const added = await ok<NamedItem>(dispatch, 'lists.add', { list: 'regions', name: '新区' });
    expect(added).toMatchObject({ name: '新区', active: true, version: 1, inUse: 0 });
    const renamed = await ok<NamedItem>(dispatch, 'lists.rename', { list: 'regions', id: added.id, version: 1, name: '滨海新区' });
    expect(renamed).toMatchObject({ name: '滨海新区', version: 2 });
    const stale = await dispatch('lists.rename', { list: 'regions', id: added.id, version: 1, name: 'x' });
    expect(stale.ok ? null : stale.error.code).toBe('CONFLICT');
    const dup = await dispatch('lists.add', { list: 'regions', name: '城关区' });
    expect(dup.ok ? null : dup.error.message).toMatch(/已有名为「城关区」/);
    const moved = await ok<NamedItem[]>(dispatch, 'lists.move', { list: 'regions', id: added.id, version: 2, direction: 'up' });
    const names = moved.map((x) => x.name);
    expect(names.indexOf('滨海新区')).toBe(names.length - 2);
    const item = moved.find((x) => x.id === added.id)!;
    const off = await ok<NamedItem>(dispatch, 'lists.setActive', { list: 'regions', id: added.id, version: item.version, active: false });
    expect(off.active).toBe(false);
    expect(listAudit(db, 'region', added.id).map((a) => a.action)).toEqual(['update', 'reorder', 'update', 'create']);
  });

  it('never removes an entry a risk uses (deleted risks count too); removes an unused one', async () => {
    const { db, dispatch } = tempCore();
    const lists = await ok<Lists>(dispatch, 'lists.get', {});
    const region = lists.regions[0];
    const risk = await ok<{ id: number; version: number }>(dispatch, 'risks.create', { regionId: region.id, domainId: lists.domains[0].id, title: '测试事项' });
    await ok(dispatch, 'risks.delete', { id: risk.id, version: risk.version, reason: '测试删除' });
    const used = (await ok<Lists>(dispatch, 'lists.get', {})).regions[0];
    expect(used.inUse).toBe(1);
    const refused = await dispatch('lists.remove', { list: 'regions', id: used.id, version: used.version });
    expect(refused.ok ? null : refused.error.message).toMatch(/还有 1 条风险事项在使用.*停用/);
    const before = rowCount(db, 'regions');
    const fresh = await ok<NamedItem>(dispatch, 'lists.add', { list: 'domains', name: '临时领域' });
    await ok(dispatch, 'lists.remove', { list: 'domains', id: fresh.id, version: fresh.version });
    expect(rowCount(db, 'regions')).toBe(before);
    expect((await ok<Lists>(dispatch, 'lists.get', {})).domains.some((d) => d.name === '临时领域')).toBe(false);
  });

  it('settings carry a version; a stale one is refused and nothing changes', async () => {
    const { dispatch } = tempCore();
    const s = await ok<AppSettings>(dispatch, 'settings.get', {});
    const next = await ok<AppSettings>(dispatch, 'settings.update', { cityName: '江城市人民政府', cityPrefix: 'JCS', version: s.version });
    expect(next).toMatchObject({ cityName: '江城市人民政府', cityPrefix: 'JCS', version: s.version + 1 });
    const stale = await dispatch('settings.update', { operator: '李四', version: s.version });
    expect(stale.ok ? null : stale.error.code).toBe('CONFLICT');
    expect((await ok<AppSettings>(dispatch, 'settings.get', {})).operator).not.toBe('李四');
    const same = await ok<AppSettings>(dispatch, 'settings.update', { cityName: '江城市人民政府', version: next.version });
    expect(same.version).toBe(next.version);
  });

  it('saved views belong to the operator; overwriting needs the version', async () => {
    const { dispatch } = tempCore();
    const payload = { filter: { level: 1, source: '舆情' }, sort: 'deadline', order: 'asc', columns: ['code', 'level', 'deadline'] };
    const v = await ok<SavedView>(dispatch, 'views.save', { name: '重大舆情', payload });
    expect(v).toMatchObject({ name: '重大舆情', version: 1, payload });
    const clash = await dispatch('views.save', { name: '重大舆情', payload: { ...payload, order: 'desc' } });
    expect(clash.ok ? null : clash.error.code).toBe('CONFLICT');
    const v2 = await ok<SavedView>(dispatch, 'views.save', { name: '重大舆情', payload: { ...payload, order: 'desc' }, version: 1 });
    expect(v2.version).toBe(2);
    expect((await ok<SavedView[]>(dispatch, 'views.list', {})).map((x) => x.name)).toEqual(['重大舆情']);
    // Views belong to the logged-in account.
    const other = testCaller('另一位');
    expect(await ok<SavedView[]>(dispatch, 'views.list', {}, other)).toEqual([]);
    const foreign = await dispatch('views.delete', { id: v.id, version: 2 }, other);
    expect(foreign.ok ? null : foreign.error.code).toBe('NOT_FOUND');
    const bad = await dispatch('views.save', { name: 'x', payload: { columns: ['nope'] } });
    expect(bad.ok).toBe(false);
  });
});
