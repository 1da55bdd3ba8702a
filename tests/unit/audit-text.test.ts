// The audit in words: Shanghai times, Chinese action names, "字段：旧值 → 新值"; the 审计管理员's
// filter works in Shanghai days; the .xlsx export says the same words as the page.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { auditActionLabel, auditDetailLines, auditFilterText, auditObjectLabel, auditTime, auditValue } from '../../shared/auditText.js';
import { createDispatcher } from '../../electron/api/dispatcher.js';
import { ok, tempDatabase, testCaller } from './helpers.js';
import type { AuditEntry } from '../../shared/audit.js';
import type { FilePayload } from '../../shared/files.js';

describe('audit labels and format', () => {
  it('shows instants in Shanghai time', () => {
    expect(auditTime('2026-11-24T17:30:00.000Z')).toBe('2026-11-25 01:30:00');
    expect(auditTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00:00');
  });

  it('names actions in Chinese, with the object for data changes', () => {
    expect(auditActionLabel('login', 'account')).toBe('登录');
    expect(auditActionLabel('loginFailed', 'account')).toBe('登录失败');
    expect(auditActionLabel('lockout', 'account')).toBe('锁定');
    expect(auditActionLabel('unlock', 'account')).toBe('解锁');
    expect(auditActionLabel('export', 'audit')).toBe('导出');
    expect(auditActionLabel('print', 'brief')).toBe('打印');
    expect(auditActionLabel('backup', 'register')).toBe('备份');
    expect(auditActionLabel('restoreBackup', 'register')).toBe('恢复备份');
    expect(auditActionLabel('create', 'risk')).toBe('新建风险');
    expect(auditActionLabel('update', 'settings')).toBe('修改设置');
    expect(auditActionLabel('delete', 'risk_event')).toBe('删除动态');
    // One word, two meanings: a unit's 签收 of an assignment, a leader's 签发 of minutes.
    expect(auditActionLabel('sign', 'action')).toBe('签收');
    expect(auditActionLabel('sign', 'meeting')).toBe('签发纪要');
    expect(auditActionLabel('approve', 'action')).toBe('审核办结');
    expect(auditActionLabel('somethingNew', 'thing')).toBe('somethingNew');
    expect(auditObjectLabel('risk', 12)).toBe('风险 #12');
    expect(auditObjectLabel('settings', null)).toBe('设置');
  });

  it('writes a change as 字段：旧值 → 新值, only the fields that changed', () => {
    const update: Pick<AuditEntry, 'before' | 'after'> = {
      before: { progress: '已约谈', level: 3, coUnits: ['市住建局'], version: 2 },
      after: { progress: '已召开业主沟通会', level: 1, coUnits: ['市住建局', '市公安局'], version: 2 },
    };
    expect(auditDetailLines(update)).toEqual(['进展情况：已约谈 → 已召开业主沟通会', '风险等级：一般 → 重大', '协办单位：市住建局 → 市住建局、市公安局']);
    expect(auditDetailLines({ before: { state: '已反馈' }, after: { state: '办结', reason: null } })).toEqual(['状态：已反馈 → 办结']);
    expect(auditDetailLines({ before: { disabled: false, lockedUntil: '2026-11-24T17:30:00.000Z' }, after: { disabled: true, lockedUntil: null } })).toEqual([
      '停用：否 → 是',
      '锁定至：2026-11-25 01:30:00 → （空）',
    ]);
  });

  it('lists the fields of a one-sided image (a new record, an event), leaving out empty ones', () => {
    expect(auditDetailLines({ before: null, after: { cityName: '河阳市', cityPrefix: 'HY', note: '' } })).toEqual(['城市：河阳市', '编号前缀：HY']);
    expect(auditDetailLines({ before: null, after: { id: 7, name: 'lisi', failures: 2, version: 1 } })).toEqual(['名称：lisi', '连续失败次数：2']);
    expect(auditDetailLines({ before: null, after: null })).toEqual([]);
    expect(auditDetailLines({ before: null, after: { summary: '一二三四五六' } }, 4)).toEqual(['基本情况：一二三四…']);
    expect(auditValue('extremeRisk', true)).toBe('是');
    expect(auditValue('x', { a: 1 })).toBe('a：1');
  });

  it('says an export filter in words', () => {
    expect(auditFilterText({})).toBe('全部记录');
    expect(auditFilterText({ actor: 'lisi', action: 'login', from: '2026-11-25', to: '2026-11-25' })).toBe('账号 lisi；操作 登录；日期 2026-11-25 至 2026-11-25');
  });
});

describe('the 审计管理员 filters and exports in Shanghai days', () => {
  async function register() {
    const { db, file } = tempDatabase();
    const at = (iso: string) => createDispatcher({ db, dbPath: file, host: 'cli', defaultOperator: 'x', now: () => iso, log: () => {}, caller: testCaller('lisi') });
    // 2026-11-24T15:59:59Z is 11-24 23:59:59 in Shanghai; 17:30Z is already 11-25 01:30.
    await ok(at('2026-11-24T15:59:59.000Z'), 'lists.add', { list: 'domains', name: '前一天' });
    await ok(at('2026-11-24T17:30:00.000Z'), 'lists.add', { list: 'domains', name: '当天凌晨' });
    await ok(at('2026-11-25T15:59:59.000Z'), 'lists.add', { list: 'domains', name: '当天深夜' });
    await ok(at('2026-11-25T16:00:00.000Z'), 'lists.add', { list: 'domains', name: '后一天' });
    return at('2026-11-26T02:00:00.000Z');
  }
  const auditor = testCaller('auditor', '审计管理员');

  it('a row at 2026-11-24T17:30Z belongs to 11-25', async () => {
    const dispatch = await register();
    const list = (f: object) => ok<{ rows: AuditEntry[] }>(dispatch, 'audit.list', { actor: 'lisi', action: 'create', ...f }, auditor);
    const names = async (f: object) => (await list(f)).rows.map((r) => (r.after as { name: string }).name);
    expect(await names({ from: '2026-11-25', to: '2026-11-25' })).toEqual(['当天深夜', '当天凌晨']);
    expect(await names({ from: '2026-11-24', to: '2026-11-24' })).toEqual(['前一天']);
    expect(await names({ from: '2026-11-26' })).toEqual(['后一天']);
    expect(await names({ to: '2026-11-24' })).toEqual(['前一天']);
  });

  it('the .xlsx export carries Shanghai times, Chinese actions and the change in words', async () => {
    const dispatch = await register();
    const file = await ok<FilePayload>(dispatch, 'audit.export', { from: '2026-11-25', to: '2026-11-25' }, auditor);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64!, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('审计记录')!;
    const rows = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[0].slice(1, 7)).toEqual(['时间（北京时间）', '账号', '操作', '对象', '对象编号', '内容']);
    expect(rows.slice(1).map((r) => r.slice(1, 5).concat(r[6]))).toEqual([
      ['2026-11-25 01:30:00', 'lisi', '新建领域', '领域', '名称：当天凌晨\n排序：130\n启用：是'],
      ['2026-11-25 23:59:59', 'lisi', '新建领域', '领域', '名称：当天深夜\n排序：140\n启用：是'],
    ]);
    const chain = wb.getWorksheet('审计链')!;
    expect(chain.getCell('B7').value).toBe('2026-11-26 10:00:00');
    expect(chain.getCell('B8').value).toBe('日期 2026-11-25 至 2026-11-25');
  });
});
