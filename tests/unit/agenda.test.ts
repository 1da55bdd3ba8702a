// Agenda proposal rules, table-driven on plain data.
import { describe, expect, it } from 'vitest';
import { proposeAgenda, type AgendaAction, type AgendaInput, type AgendaReasonKind, type AgendaRisk } from '../../shared/agenda.js';

const risk = (id: number, over: Partial<AgendaRisk> = {}): AgendaRisk => ({ id, code: `JC-2026-${String(id).padStart(3, '0')}`, level: 3, status: '化解中', createdOn: '2026-01-10', deleted: false, ...over });
const action = (id: number, riskIds: number[], over: Partial<AgendaAction> = {}): AgendaAction => ({ id, code: `JB-2026-${String(id).padStart(3, '0')}`, riskIds, meetingId: null, state: '办理中', effectiveDue: '2026-12-31', ...over });
const last = { id: 7, date: '2026-11-16', items: [] as Array<{ riskId: number; status: string }> };
const base = (over: Partial<AgendaInput>): AgendaInput => ({ asOf: '2026-11-20', risks: [], actions: [], lastMeeting: last, ...over });
const kinds = (input: AgendaInput) => Object.fromEntries(proposeAgenda(input).map((p) => [p.riskId, p.reasons.map((r) => r.kind)]));

const table: Array<[string, AgendaInput, Record<number, AgendaReasonKind[]>]> = [
  ['nothing happened: empty agenda', base({ risks: [risk(1)] }), {}],
  ['new since the last meeting', base({ risks: [risk(1, { createdOn: '2026-11-17' }), risk(2, { createdOn: '2026-11-16' })] }), { 1: ['new'] }],
  ['new but entered after asOf is not proposed', base({ risks: [risk(1, { createdOn: '2026-11-21' })] }), {}],
  ['new but already closed is not proposed', base({ risks: [risk(1, { createdOn: '2026-11-18', status: '已销号' })] }), {}],
  ['no last meeting: every open risk is new', base({ lastMeeting: null, risks: [risk(1), risk(2, { status: '转司法终结' })] }), { 1: ['new'] }],
  ['反弹', base({ risks: [risk(1, { status: '反弹' })] }), { 1: ['rebound'] }],
  ['overdue action', base({ risks: [risk(1)], actions: [action(1, [1], { effectiveDue: '2026-11-19' })] }), { 1: ['actionOverdue'] }],
  ['due today is not overdue', base({ risks: [risk(1)], actions: [action(1, [1], { effectiveDue: '2026-11-20' })] }), {}],
  ['closed overdue action is ignored', base({ risks: [risk(1)], actions: [action(1, [1], { effectiveDue: '2026-11-01', state: '办结' })] }), {}],
  ['returned action', base({ risks: [risk(1)], actions: [action(1, [1], { state: '退回重办' })] }), { 1: ['actionReturned'] }],
  ['one action serving two risks', base({ risks: [risk(1), risk(2)], actions: [action(1, [1, 2], { effectiveDue: '2026-11-02' })] }), { 1: ['actionOverdue'], 2: ['actionOverdue'] }],
  ['carried: not discussed last time', base({ risks: [risk(1), risk(2)], lastMeeting: { ...last, items: [{ riskId: 1, status: '未议' }, { riskId: 2, status: '已议' }] } }), { 1: ['carried'] }],
  ['carried: open action from the last meeting', base({ risks: [risk(1)], actions: [action(1, [1], { meetingId: 7 })] }), { 1: ['carried'] }],
  ['not carried: action from an older meeting, not late', base({ risks: [risk(1)], actions: [action(1, [1], { meetingId: 3 })] }), {}],
  ['carried item closed since is dropped', base({ risks: [risk(1, { status: '已销号' })], lastMeeting: { ...last, items: [{ riskId: 1, status: '未议' }] } }), {}],
  ['deleted risk never proposed', base({ risks: [risk(1, { status: '反弹', deleted: true })] }), {}],
  [
    'several reasons, most pressing first',
    base({ risks: [risk(1, { status: '反弹', createdOn: '2026-11-18' })], actions: [action(1, [1], { effectiveDue: '2026-11-01', state: '退回重办', meetingId: 7 })] }),
    { 1: ['rebound', 'actionOverdue', 'actionReturned', 'carried', 'new'] },
  ],
];

describe('agenda proposal', () => {
  for (const [name, input, want] of table) it(name, () => expect(kinds(input)).toEqual(want));

  it('orders by level, then reason, then code', () => {
    const input = base({
      risks: [
        risk(5, { level: 3, createdOn: '2026-11-18' }),
        risk(4, { level: 1, createdOn: '2026-11-18' }),
        risk(3, { level: 3, status: '反弹' }),
        risk(2, { level: null, status: '反弹' }),
        risk(1, { level: 3, createdOn: '2026-11-18' }),
      ],
    });
    expect(proposeAgenda(input).map((p) => p.riskId)).toEqual([4, 3, 1, 5, 2]);
  });

  it('merges several late actions into one reason with every code', () => {
    const p = proposeAgenda(base({ risks: [risk(1)], actions: [action(1, [1], { effectiveDue: '2026-11-01' }), action(2, [1], { effectiveDue: '2026-11-02' })] }));
    expect(p[0].reasons).toHaveLength(1);
    expect(p[0].reasons[0].detail).toMatch(/JB-2026-001.*JB-2026-002/);
  });

  it('takes extra reasons from providers (the extension point for assessments)', () => {
    const p = proposeAgenda(base({ risks: [risk(1), risk(2)], providers: [(r) => (r.id === 2 ? { kind: 'dueForReview', detail: '到期复研' } : null)] }));
    expect(p.map((x) => [x.riskId, x.reasons[0].kind])).toEqual([[2, 'dueForReview']]);
  });
});
