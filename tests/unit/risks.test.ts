import { describe, expect, it } from 'vitest';
import { createRisk, deleteRisk, getRisk, listRisks, nextRiskCode, restoreRisk, updateRisk } from '../../db/risks.js';
import { listAudit } from '../../db/audit.js';
import { getLists } from '../../db/settings.js';
import { rowCount, tempDatabase, testContext } from './helpers.js';

function setup() {
  const { db } = tempDatabase();
  const ctx = testContext();
  const lists = getLists(db);
  const region = (n: string) => lists.regions.find((r) => r.name === n)!.id;
  const domain = (n: string) => lists.domains.find((r) => r.name === n)!.id;
  return { db, ctx, region, domain };
}

describe('risk query module', () => {
  it('creates with a generated code per prefix and year, keeping count unit and original text', () => {
    const { db, ctx, region, domain } = setup();
    const a = createRisk(db, ctx, { regionId: region('临江区'), domainId: domain('城乡建设'), title: '滨江片区棚改征收补偿争议', involvedCount: 300, involvedText: '约300', asOf: '2026-03-02' });
    const b = createRisk(db, ctx, { regionId: region('城关区'), domainId: domain('问题楼盘'), title: '“东城国际”办证难', involvedCount: 420, involvedUnit: '户', involvedText: '420户', asOf: '2026-03-02' });
    expect(a.code).toBe('JC-2026-001');
    expect(b.code).toBe('JC-2026-002');
    expect(b).toMatchObject({ involvedCount: 420, involvedUnit: '户', involvedText: '420户', region: '城关区', domain: '问题楼盘', version: 1, status: '待研判' });
    expect(nextRiskCode(db, 'JC', 2027)).toBe('JC-2027-001');
  });

  it('numbers past 999 by numeric order, not text order', () => {
    const { db, ctx, region, domain } = setup();
    createRisk(db, ctx, { code: 'JC-2026-999', regionId: region('临江区'), domainId: domain('其他'), title: 'a' });
    createRisk(db, ctx, { code: 'JC-2026-1000', regionId: region('临江区'), domainId: domain('其他'), title: 'b' });
    expect(nextRiskCode(db, 'JC', 2026)).toBe('JC-2026-1001');
  });

  it('keeps a deadline note where a date was expected', () => {
    const { db, ctx, region, domain } = setup();
    const r = createRisk(db, ctx, { regionId: region('高新区'), domainId: domain('集资融资'), title: '某财富公司私募逾期兑付', deadline: null, deadlineNote: '按季研判' });
    expect(getRisk(db, r.id)).toMatchObject({ deadline: null, deadlineNote: '按季研判' });
  });

  it('searches Chinese substrings through FTS (3+ chars) and LIKE (1-2 chars), kept in sync on update', () => {
    const { db, ctx, region, domain } = setup();
    const r = createRisk(db, ctx, { regionId: region('南湖区'), domainId: domain('问题楼盘'), title: '“锦绣华庭”逾期交房', progress: '3#、5#楼复工' });
    createRisk(db, ctx, { regionId: region('东山县'), domainId: domain('劳动社保'), title: '某建筑公司欠薪186万元', mainDemands: '足额支付' });
    const titles = (q: string) => listRisks(db, { query: q }).rows.map((x) => x.title);
    expect(titles('锦绣华庭')).toEqual(['“锦绣华庭”逾期交房']);
    expect(titles('欠薪')).toEqual(['某建筑公司欠薪186万元']);
    expect(titles('薪')).toEqual(['某建筑公司欠薪186万元']);
    expect(titles('足额支付')).toEqual(['某建筑公司欠薪186万元']);
    expect(titles('楼复工')).toEqual(['“锦绣华庭”逾期交房']);
    expect(titles('不存在的词')).toEqual([]);
    expect(titles('100%')).toEqual([]);
    updateRisk(db, ctx, r.id, 1, { title: '“翡翠湾”逾期交房' });
    expect(titles('锦绣华庭')).toEqual([]);
    expect(titles('翡翠湾')).toEqual(['“翡翠湾”逾期交房']);
    expect(titles('JC-2026-002')).toEqual(['某建筑公司欠薪186万元']);
  });

  it('filters by domain, region, level and status, and pages with a stable order', () => {
    const { db, ctx, region, domain } = setup();
    for (let i = 0; i < 25; i++) {
      createRisk(db, ctx, { regionId: region(i % 2 ? '临江区' : '城关区'), domainId: domain(i % 3 ? '问题楼盘' : '劳动社保'), title: `事项${i}`, level: (i % 4) + 1, status: i % 5 ? '化解中' : '在控' });
    }
    const all = listRisks(db, { pageSize: 100 }).rows;
    expect(all).toHaveLength(25);
    const expectIds = (pred: (r: (typeof all)[number]) => boolean) => all.filter(pred).map((r) => r.id).sort((a, b) => a - b);
    const got = (input: Parameters<typeof listRisks>[1]) => listRisks(db, { ...input, pageSize: 100 }).rows.map((r) => r.id).sort((a, b) => a - b);
    expect(got({ regionId: region('临江区') })).toEqual(expectIds((r) => r.region === '临江区'));
    expect(got({ domainId: domain('劳动社保') })).toEqual(expectIds((r) => r.domain === '劳动社保'));
    expect(got({ level: 2 })).toEqual(expectIds((r) => r.level === 2));
    expect(got({ status: '在控', level: 1 })).toEqual(expectIds((r) => r.status === '在控' && r.level === 1));
    const pages = [1, 2, 3].flatMap((page) => listRisks(db, { sort: 'level', page, pageSize: 10 }).rows.map((r) => r.id));
    expect(new Set(pages).size).toBe(25);
    const p1 = listRisks(db, { sort: 'level', page: 1, pageSize: 10 });
    expect(p1.total).toBe(25);
    expect(p1.rows.map((r) => r.level)).toEqual([...p1.rows.map((r) => r.level)].sort());
  });

  it('updates with the current version only, and a no-op patch writes nothing', () => {
    const { db, ctx, region, domain } = setup();
    const r = createRisk(db, ctx, { regionId: region('临江区'), domainId: domain('其他'), title: '原名' });
    const u = updateRisk(db, ctx, r.id, 1, { title: '新名', progress: '已约谈' });
    expect(u.version).toBe(2);
    expect(() => updateRisk(db, ctx, r.id, 1, { title: '覆盖' })).toThrow(/已被修改过/);
    expect(getRisk(db, r.id).title).toBe('新名');
    const audits = rowCount(db, 'audit_log');
    const same = updateRisk(db, ctx, r.id, 2, { title: '新名' });
    expect(same.version).toBe(2);
    expect(rowCount(db, 'audit_log')).toBe(audits);
    const history = listAudit(db, 'risk', r.id);
    expect(history[0]).toMatchObject({ action: 'update', actor: '测试员', before: { title: '原名', progress: '' }, after: { title: '新名', progress: '已约谈' } });
  });

  it('soft-deletes with a reason, hides from the list, and restores', () => {
    const { db, ctx, region, domain } = setup();
    const r = createRisk(db, ctx, { regionId: region('临江区'), domainId: domain('其他'), title: '待删除事项' });
    const d = deleteRisk(db, ctx, r.id, 1, '重复登记');
    expect(d.deletedReason).toBe('重复登记');
    expect(listRisks(db, {}).total).toBe(0);
    expect(listRisks(db, { deleted: true }).rows.map((x) => x.id)).toEqual([r.id]);
    expect(() => updateRisk(db, ctx, r.id, d.version, { title: 'x' })).toThrow(/已删除/);
    const back = restoreRisk(db, ctx, r.id, d.version);
    expect(back.deletedAt).toBeNull();
    expect(listRisks(db, {}).total).toBe(1);
    expect(listAudit(db, 'risk', r.id).map((a) => a.action)).toEqual(['restore', 'delete', 'create']);
  });
});
