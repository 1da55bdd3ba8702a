// Bugs the API property test (api-fuzz.test.ts) found, each pinned by the input that showed it.
// A refusal must come before the first write: the connection's total_changes() stays the same.
import { describe, expect, it } from 'vitest';
import { ok, rowCount, tempCore } from './helpers.js';
import type { Db } from '../../db/open.js';

function totalChanges(db: Db): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

async function demoCore() {
  const core = tempCore();
  await ok(core.dispatch, 'demo.load', { risks: 30, asOf: '2026-11-25' });
  return core;
}

describe('found by the API property test', () => {
  it('actions.update with a risk that does not exist is refused before the action is written', async () => {
    const { db, dispatch } = await demoCore();
    const a = db.prepare("SELECT id, version, content FROM actions WHERE state = '办理中' ORDER BY id").get() as { id: number; version: number; content: string };
    const before = totalChanges(db);
    const r = await dispatch('actions.update', { id: a.id, version: a.version, patch: { content: a.content + '（补充）', riskIds: [7, 4794170758487151] } });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(!r.ok && r.error.message).toMatch(/关联的风险事项中有的已删除或不存在/);
    expect(totalChanges(db)).toBe(before);
  });

  it('meetings.draftSave for a risk that does not exist is refused in words, before the cursor is cleared', async () => {
    const { db, dispatch } = await demoCore();
    const m = db.prepare("SELECT id FROM meetings WHERE state = '筹备'").get() as { id: number };
    await ok(dispatch, 'meetings.draftSave', { meetingId: m.id, riskId: 3, field: 'cursor', text: '3' });
    const before = totalChanges(db);
    const r = await dispatch('meetings.draftSave', { meetingId: m.id, riskId: 9007199254740991, field: 'cursor', text: '期权研迁绣' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(!r.ok && r.error.message).toMatch(/找不到序号为 9007199254740991 的风险事项/);
    expect(totalChanges(db)).toBe(before);
    expect(db.prepare("SELECT risk_id FROM runner_drafts WHERE meeting_id = ? AND field = 'cursor'").pluck().all(m.id)).toEqual([3]);
  });

  it('risks.create dated after today is refused (it filled the weekly snapshot up to that week for every risk; 9999-12-31 never finished)', async () => {
    const { db, dispatch } = await demoCore();
    const weeks = rowCount(db, 'risk_weeks');
    const before = totalChanges(db);
    const started = Date.now();
    const r = await dispatch('risks.create', { regionId: 1, domainId: 1, title: '远期登记', asOf: '2040-01-01' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!r.ok && r.error.message).toMatch(/「登记日期」2040-01-01 晚于今天（2026-11-25）/);
    expect(totalChanges(db)).toBe(before);
    expect(rowCount(db, 'risk_weeks')).toBe(weeks);
    // Today and earlier days still register.
    await ok(dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '今天登记', asOf: '2026-11-25' });
    await ok(dispatch, 'risks.create', { regionId: 1, domainId: 1, title: '补登', asOf: '2026-03-02' });
  });
});
