// 责任单位 list (issue 13): migration 0006 turns free-text names into entries (identical names once),
// keeps meetings and their children through the table rebuild; the triggers keep ids in step;
// rename keeps the former name and the rows follow; merge moves everything; resolve maps names.
import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { ok, tempCore, tempDir } from './helpers.js';
import type { UnitResolution, UnitRow } from '../../shared/units.js';
import type { MeetingRow } from '../../shared/meetings.js';

describe('migration 0006', () => {
  it('free-text names become one entry per name; meetings, agenda and actions survive the rebuild', () => {
    const file = join(tempDir(), 'old.db');
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all.slice(0, 5));
    const now = '2026-11-20T02:00:00.000Z';
    db.exec("INSERT INTO domains (id, name) VALUES (1, '问题楼盘'); INSERT INTO regions (id, name) VALUES (1, '城关区');");
    db.prepare("INSERT INTO risks (code, region_id, domain_id, title, lead_unit, co_units, created_at, updated_at) VALUES ('R-1', 1, 1, '甲', '市住建局', '[\"市人社局\",\" 城关区政府 \"]', ?, ?)").run(now, now);
    db.prepare("INSERT INTO risks (code, region_id, domain_id, title, lead_unit, created_at, updated_at) VALUES ('R-2', 1, 1, '乙', ' 市住建局', ?, ?)").run(now, now);
    db.prepare("INSERT INTO meetings (year, session_no, type, date, state, created_at, updated_at) VALUES (2026, 1, '周例会', '2026-11-16', '已签发', ?, ?)").run(now, now);
    db.prepare("INSERT INTO agenda_items (meeting_id, risk_id, position) VALUES (1, 1, 1)").run();
    db.prepare("INSERT INTO actions (code, meeting_id, content, lead_unit, co_units, issued_at, due_at, original_due_at, created_at, updated_at) VALUES ('JB-1', 1, '办', '市人社局', '[\"市住建局\"]', '2026-11-16', '2026-11-30', '2026-11-30', ?, ?)").run(now, now);
    migrate(db, all);
    expect(db.prepare('SELECT name FROM units ORDER BY name').pluck().all()).toEqual(['城关区政府', '市人社局', '市住建局']);
    const unit = (n: string) => db.prepare('SELECT id FROM units WHERE name = ?').pluck().get(n);
    expect(db.prepare('SELECT lead_unit_id FROM risks ORDER BY id').pluck().all()).toEqual([unit('市住建局'), unit('市住建局')]);
    expect(db.prepare('SELECT unit_id FROM risk_co_units ORDER BY unit_id').pluck().all()).toEqual([unit('城关区政府'), unit('市人社局')].sort());
    expect(db.prepare('SELECT lead_unit_id FROM actions').pluck().get()).toBe(unit('市人社局'));
    expect(db.prepare('SELECT state FROM meetings').pluck().get()).toBe('已签发');
    expect(db.prepare('SELECT COUNT(*) FROM agenda_items').pluck().get()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.prepare("UPDATE meetings SET state = '已取消' WHERE id = 1").run();
    expect(() => db.prepare("UPDATE meetings SET state = '作废' WHERE id = 1").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('units through the API', () => {
  it('a typed name joins the list; rename keeps the former name and the rows follow; merge moves everything', async () => {
    const { dispatch, db } = tempCore();
    const risk = await ok<{ id: number }>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '某事', leadUnit: '城关区住建局' });
    const a = await ok<{ id: number }>(dispatch, 'actions.create', { riskIds: [risk.id], content: '约谈', leadUnit: '城关区住建局', coUnits: ['城关区住房局'], dueAt: '2026-12-10' });
    let units = await ok<UnitRow[]>(dispatch, 'units.list', {});
    const zj = units.find((u) => u.name === '城关区住建局')!;
    const zf = units.find((u) => u.name === '城关区住房局')!;
    expect(zj).toMatchObject({ riskCount: 1, actionCount: 1 });
    expect(db.prepare('SELECT unit_id FROM action_co_units WHERE action_id = ?').pluck().all(a.id)).toEqual([zf.id]);

    const renamed = await ok<UnitRow>(dispatch, 'units.update', { id: zj.id, name: '城关区住房和城乡建设局' });
    expect(renamed.formerNames).toEqual(['城关区住建局']);
    expect(db.prepare('SELECT lead_unit, lead_unit_id FROM risks WHERE id = ?').get(risk.id)).toEqual({ lead_unit: '城关区住房和城乡建设局', lead_unit_id: zj.id });
    // The old name still finds the unit (typed, imported).
    const r = await ok<UnitResolution>(dispatch, 'units.resolve', { names: ['城关区住建局', '新单位'] });
    expect(r).toEqual({ known: [{ name: '城关区住建局', unitId: zj.id, unitName: '城关区住房和城乡建设局' }], fresh: ['新单位'] });

    const merged = await ok<UnitRow>(dispatch, 'units.merge', { fromId: zf.id, intoId: zj.id });
    expect(merged.formerNames.sort()).toEqual(['城关区住建局', '城关区住房局'].sort());
    expect(db.prepare('SELECT co_units FROM actions WHERE id = ?').pluck().get(a.id)).toBe('["城关区住房和城乡建设局"]');
    expect(db.prepare('SELECT unit_id FROM action_co_units WHERE action_id = ?').pluck().all(a.id)).toEqual([zj.id]);
    units = await ok<UnitRow[]>(dispatch, 'units.list', { q: '住房局' });
    expect(units.map((u) => u.id)).toEqual([zj.id]);
    const dup = await dispatch('units.create', { name: '城关区住建局' });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.message).toContain('已在责任单位名单中');
  });

  it('a meeting in 筹备 can be cancelled with a reason; it is then read-only and not the last meeting', async () => {
    const { dispatch } = tempCore();
    const m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-11-23', chair: '王建国' });
    const twin = await dispatch('meetings.create', { date: '2026-11-23' });
    expect(twin.ok).toBe(false);
    if (!twin.ok) expect(twin.error).toMatchObject({ code: 'CONFLICT', details: { existingId: m.id } });
    const noReason = await dispatch('meetings.transition', { id: m.id, version: m.version, event: 'cancel' });
    expect(noReason.ok).toBe(false);
    const c = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event: 'cancel', reason: '改期' });
    expect(c).toMatchObject({ state: '已取消', cancelReason: '改期' });
    const edit = await dispatch('meetings.update', { id: m.id, version: c.version, patch: { chair: '李明' } });
    expect(edit.ok).toBe(false);
    // Cancelled: the same date is free again, and a new meeting does not take its people from it.
    const again = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-11-23' });
    expect(again.state).toBe('筹备');
  });

  it('签发 needs the meeting date reached and a 签发人 among its leaders; without one the caller is recorded', async () => {
    const { dispatch } = tempCore();
    let m = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-11-30', chair: '王建国', attendees: ['王建国', '李明'] });
    const early = await dispatch('meetings.transition', { id: m.id, version: m.version, event: 'start' });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.message).toContain('不能提前「开始会议」');
    m = await ok<MeetingRow>(dispatch, 'meetings.update', { id: m.id, version: m.version, patch: { date: '2026-11-25' } });
    for (const event of ['start', 'end', 'draft']) m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event });
    const stranger = await dispatch('meetings.transition', { id: m.id, version: m.version, event: 'sign', signer: '张三' });
    expect(stranger.ok).toBe(false);
    if (!stranger.ok) expect(stranger.error.message).toContain('王建国、李明');
    m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event: 'sign', signer: '李明' });
    const d = await ok<{ minutesVersions: Array<{ signedBy: string }> }>(dispatch, 'meetings.get', { id: m.id });
    expect(d.minutesVersions[0].signedBy).toBe('李明');
    // Without a 签发人 (CLI, scripts) the caller is recorded.
    m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event: 'reopen', reason: '补记' });
    m = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: m.id, version: m.version, event: 'sign' });
    expect((await ok<{ minutesVersions: Array<{ signedBy: string }> }>(dispatch, 'meetings.get', { id: m.id })).minutesVersions[0].signedBy).toBe('测试员');
  });
});

describe('import maps unit names to the list', () => {
  it('the preview names the units that would be new and those found by a former name; the commit links ids', async () => {
    const { dispatch, db } = tempCore();
    const csv = ['编号,所属县区,领域,事项名称,责任单位', 'JC-2026-901,城关区,城乡建设,甲事项,城关区征收办', 'JC-2026-902,城关区,城乡建设,乙事项,旧名单位', 'JC-2026-903,城关区,城乡建设,丙事项,城关区征收办'].join('\n');
    const u = await ok<UnitRow>(dispatch, 'units.create', { name: '旧名单位' });
    await ok(dispatch, 'units.update', { id: u.id, name: '新名单位' });
    const input = { fileName: '台账.csv', dataBase64: Buffer.from(csv).toString('base64') };
    const preview = await ok<{ units: { fresh: string[]; renamed: Array<{ name: string; unitName: string }> } }>(dispatch, 'imports.preview', input);
    expect(preview.units).toEqual({ fresh: ['城关区征收办'], renamed: [{ name: '旧名单位', unitName: '新名单位' }] });
    await ok(dispatch, 'imports.commit', input);
    const rows = db.prepare("SELECT r.code, u.name FROM risks r JOIN units u ON u.id = r.lead_unit_id WHERE r.code LIKE 'JC-2026-90%' ORDER BY r.code").all();
    expect(rows).toEqual([{ code: 'JC-2026-901', name: '城关区征收办' }, { code: 'JC-2026-902', name: '新名单位' }, { code: 'JC-2026-903', name: '城关区征收办' }]);
  });

  it('我的周一 counts and lists the overdue actions from the same query', async () => {
    const { dispatch } = tempCore();
    const risk = await ok<{ id: number }>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '某事' });
    for (let i = 0; i < 14; i++) await ok(dispatch, 'actions.create', { riskIds: [risk.id], content: `第${i}项`, leadUnit: '某局', dueAt: '2026-10-01', issuedAt: '2026-09-01' });
    const d = await ok<{ overdue: unknown[]; overdueCount: number }>(dispatch, 'dashboard.monday', {});
    expect(d.overdueCount).toBe(14);
    expect(d.overdue).toHaveLength(14);
  });
});

describe('notes on an undiscussed item', () => {
  it('stay with the item and come to the next meeting that takes it up (runner and minutes draft)', async () => {
    const { dispatch } = tempCore();
    const risk = await ok<{ id: number }>(dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '未议事项' });
    let a = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-11-23' });
    a = await ok<MeetingRow>(dispatch, 'agenda.add', { meetingId: a.id, version: a.version, riskIds: [risk.id] });
    a = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: a.id, version: a.version, event: 'start' });
    await ok(dispatch, 'meetings.draftSave', { meetingId: a.id, riskId: risk.id, field: 'analysis', text: '来不及议，先记下：诉求升级' });
    a = await ok<MeetingRow>(dispatch, 'meetings.transition', { id: a.id, version: a.version, event: 'end' });
    let b = await ok<MeetingRow>(dispatch, 'meetings.create', { date: '2026-11-25', type: '专题会' });
    b = await ok<MeetingRow>(dispatch, 'agenda.add', { meetingId: b.id, version: b.version, riskIds: [risk.id] });
    const drafts = await ok<Array<{ riskId: number; field: string; text: string }>>(dispatch, 'meetings.drafts', { meetingId: b.id });
    expect(drafts.filter((d) => d.field === 'analysis')).toEqual([expect.objectContaining({ riskId: risk.id, text: '来不及议，先记下：诉求升级' })]);
    const draft = await ok<{ text: string }>(dispatch, 'meetings.minutesDraft', { id: b.id });
    expect(draft.text).toContain('来不及议，先记下：诉求升级。');
  });
});
