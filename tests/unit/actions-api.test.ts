// Action items through the real dispatcher: working-day deadlines, the whole lifecycle,
// feedback with attachments stored as BLOBs, extensions, filters and per-unit figures.
import { describe, expect, it } from 'vitest';
import type { ActionDetail, ActionRow, UnitSummary } from '../../shared/actionItems.js';
import type { RiskRow } from '../../shared/risks.js';
import { MAX_ATTACHMENT_BYTES } from '../../shared/actionItems.js';
import { ok, rowCount, tempCore, testCaller } from './helpers.js';

/** 审批延期 is the 领导's (issue 16). */
const LEADER = testCaller('王局长', '领导');

async function setup() {
  const core = tempCore();
  const risk = await ok<RiskRow>(core.dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '锦绣华庭逾期交房' });
  return { ...core, risk };
}

const PDF = Buffer.from('%PDF-1.4\n% 书面答复扫描件\n%%EOF\n');

describe('action items via the API', () => {
  it('computes a working-day due date over 国庆 and shows 临期/超期 for the asked date', async () => {
    const { dispatch, risk } = await setup();
    const a = await ok<ActionRow>(dispatch, 'actions.create', { riskIds: [risk.id], content: '制定复工方案', leadUnit: '城关区住建局', issuedAt: '2026-09-29', dueIn: { days: 3, unit: 'working' } });
    expect(a).toMatchObject({ code: 'JB-2026-001', dueAt: '2026-10-09', dueRule: '3个工作日', state: '已交办' });
    const on = (asOf: string) => ok<ActionDetail>(dispatch, 'actions.get', { id: a.id, asOf });
    expect((await on('2026-10-08')).action.due).toMatchObject({ status: '临期', level: '提醒' });
    expect((await on('2026-10-20')).action.due).toMatchObject({ status: '超期', overdueDays: 11, level: '督办单' });
  });

  it('runs 交办 → 签收 → 办理中 → 反馈(附件) → 退回 → 重新办理 → 反馈 → 办结', async () => {
    const { dispatch, db, risk } = await setup();
    let a = await ok<ActionRow>(dispatch, 'actions.create', { riskIds: [risk.id], content: '约谈开发商', leadUnit: '城关区住建局', dueAt: '2026-12-10' });
    a = await ok<ActionRow>(dispatch, 'actions.transition', { id: a.id, version: a.version, event: 'sign', by: '张三' });
    const refused = await dispatch('actions.transition', { id: a.id, version: a.version, event: 'approve' }, LEADER);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/已签收.*不能「审核办结」/) } });
    a = await ok<ActionRow>(dispatch, 'actions.transition', { id: a.id, version: a.version, event: 'start' });
    a = await ok<ActionRow>(dispatch, 'actions.feedback', { actionId: a.id, version: a.version, text: '已约谈，开发商承诺复工', by: '张三', final: true, attachments: [{ name: '书面答复.pdf', mime: 'application/pdf', base64: PDF.toString('base64') }] });
    expect(a.state).toBe('已反馈');
    a = await ok<ActionRow>(dispatch, 'actions.transition', { id: a.id, version: a.version, event: 'return', reason: '未附复工计划' });
    expect(a).toMatchObject({ state: '退回重办', returnReason: '未附复工计划' });
    a = await ok<ActionRow>(dispatch, 'actions.transition', { id: a.id, version: a.version, event: 'restart' });
    a = await ok<ActionRow>(dispatch, 'actions.feedback', { actionId: a.id, version: a.version, text: '补充复工计划', final: true });
    // 审核办结 is the 领导's decision: a 研判员 is refused before anything is looked at, nothing changes.
    const audited = rowCount(db, 'audit_log');
    const byAnalyst = await dispatch('actions.transition', { id: a.id, version: a.version, event: 'approve', asOf: '2026-12-01' });
    expect(byAnalyst).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/^须由领导审核办结；「研判员」账号不能操作/) } });
    expect(rowCount(db, 'audit_log')).toBe(audited);
    a = await ok<ActionRow>(dispatch, 'actions.transition', { id: a.id, version: a.version, event: 'approve', asOf: '2026-12-01' }, LEADER);
    expect(a).toMatchObject({ state: '办结', closedOn: '2026-12-01', due: { status: '已办结', level: null } });
    const d = await ok<ActionDetail>(dispatch, 'actions.get', { id: a.id });
    expect(d.feedback.map((f) => f.kind)).toEqual(['签收', '办理结果', '退回', '办理结果', '审核']);
    const att = d.feedback[1].attachments[0];
    expect(att).toMatchObject({ name: '书面答复.pdf', size: PDF.length });
    const file = await ok<{ base64: string }>(dispatch, 'actions.attachment', { id: att.id });
    expect(Buffer.from(file.base64, 'base64').equals(PDF)).toBe(true);
    expect(rowCount(db, 'action_attachments')).toBe(1);
    const late = await dispatch('actions.feedback', { actionId: a.id, version: a.version, text: '再补一句' });
    expect(late).toMatchObject({ ok: false, error: { message: expect.stringMatching(/已办结/) } });
  });

  it('refuses an oversized or wrong-type attachment in Chinese and stores nothing', async () => {
    const { dispatch, db, risk } = await setup();
    const a = await ok<ActionRow>(dispatch, 'actions.create', { riskIds: [risk.id], content: '约谈开发商', leadUnit: '城关区住建局', dueAt: '2026-12-10' });
    const before = [rowCount(db, 'action_feedback'), rowCount(db, 'action_attachments'), rowCount(db, 'audit_log')];
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 1).toString('base64');
    const r1 = await dispatch('actions.feedback', { actionId: a.id, version: a.version, text: '扫描件', attachments: [{ name: '大.pdf', mime: 'application/pdf', base64: big }] });
    expect(r1).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/附件不能超过 10 MB|超过 10 MB/) } });
    const r2 = await dispatch('actions.feedback', { actionId: a.id, version: a.version, text: '扫描件', attachments: [{ name: 'a.exe', mime: 'application/x-msdownload', base64: 'TVo=' }] });
    expect(r2).toMatchObject({ ok: false, error: { message: expect.stringMatching(/只能是 PDF 或图片/) } });
    expect([rowCount(db, 'action_feedback'), rowCount(db, 'action_attachments'), rowCount(db, 'audit_log')]).toEqual(before);
  });

  it('approved extension moves the due date; a refused one does not', async () => {
    const { dispatch, risk } = await setup();
    let a = await ok<ActionRow>(dispatch, 'actions.create', { riskIds: [risk.id], content: '清退方案', leadUnit: '市金融局', dueAt: '2026-12-10' });
    a = await ok<ActionRow>(dispatch, 'actions.requestExtension', { actionId: a.id, version: a.version, days: 10, reason: '资产评估未完成' });
    expect(a.pendingExtension).toBe(true);
    const twice = await dispatch('actions.requestExtension', { actionId: a.id, version: a.version, days: 5, reason: '再延' });
    expect(twice.ok).toBe(false);
    let d = await ok<ActionDetail>(dispatch, 'actions.get', { id: a.id });
    const byAnalyst = await dispatch('actions.decideExtension', { actionId: a.id, version: a.version, extensionId: d.extensions[0].id, approve: true });
    expect(byAnalyst).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/「研判员」角色不能审批延期申请/) } });
    a = await ok<ActionRow>(dispatch, 'actions.decideExtension', { actionId: a.id, version: a.version, extensionId: d.extensions[0].id, approve: true }, LEADER);
    expect(a).toMatchObject({ dueAt: '2026-12-20', originalDueAt: '2026-12-10', pendingExtension: false });
    a = await ok<ActionRow>(dispatch, 'actions.requestExtension', { actionId: a.id, version: a.version, days: 30, reason: '再延一月' });
    d = await ok<ActionDetail>(dispatch, 'actions.get', { id: a.id });
    a = await ok<ActionRow>(dispatch, 'actions.decideExtension', { actionId: a.id, version: a.version, extensionId: d.extensions[1].id, approve: false, note: '理由不充分' }, LEADER);
    expect(a.dueAt).toBe('2026-12-20');
  });

  it('filters by unit, state, supervision level and risk; sums per unit', async () => {
    const { dispatch, risk } = await setup();
    const mk = (leadUnit: string, dueAt: string) => ok<ActionRow>(dispatch, 'actions.create', { riskIds: [risk.id], content: '办理', leadUnit, issuedAt: '2026-09-01', dueAt });
    await mk('甲单位', '2026-11-20'); // 5 days late on 11-25 → 催办
    await mk('甲单位', '2026-11-01'); // 24 days → 挂牌督办
    await mk('乙单位', '2026-12-30'); // not due
    const asOf = '2026-11-25';
    const list = (f: object) => ok<{ rows: ActionRow[]; total: number }>(dispatch, 'actions.list', { asOf, ...f });
    expect((await list({ unit: '甲单位' })).total).toBe(2);
    expect((await list({ supervision: '挂牌督办' })).rows.map((a) => a.dueAt)).toEqual(['2026-11-01']);
    expect((await list({ dueStatus: '超期' })).total).toBe(2);
    expect((await list({ riskId: risk.id })).total).toBe(3);
    expect((await list({ state: '办结' })).total).toBe(0);
    const units = await ok<UnitSummary[]>(dispatch, 'supervision.get', {}).then(() => ok<UnitSummary[]>(dispatch, 'actions.units', { asOf }));
    expect(units.find((u) => u.unit === '甲单位')).toMatchObject({ open: 2, overdue: 2, counted: 2, onTime: 0, onTimeRate: 0 });
    expect(units.find((u) => u.unit === '乙单位')).toMatchObject({ open: 1, overdue: 0, onTimeRate: null });
  });

  it('supervision thresholds are editable and must rise', async () => {
    const { dispatch } = await setup();
    const bad = await dispatch('supervision.update', { remindDays: 3, sheetAfter: 20, listedAfter: 15, notifyAfter: 30, countIn: 'calendar' });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringMatching(/逐级增大/) } });
    const s = await ok(dispatch, 'supervision.update', { remindDays: 5, sheetAfter: 5, listedAfter: 10, notifyAfter: 20, countIn: 'working' });
    expect(s).toEqual({ remindDays: 5, sheetAfter: 5, listedAfter: 10, notifyAfter: 20, countIn: 'working' });
  });
});
