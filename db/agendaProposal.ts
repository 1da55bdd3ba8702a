// The ranked agenda proposal, stored per meeting: generating it (db/agendaGenerate.ts) runs the
// reasons, ranks every proposed risk and sorts each into the main list or the consent list (pure
// rules in shared/agendaRank.ts), and writes them with their rank. Every read here is then one page
// on the (meeting, list, rank) index, so a 100,000-risk register with 66,000 due items sends 20 rows.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { assertEditable, getMeeting, touchMeeting } from './meetings.js';
import { recordAssessment } from './assessments.js';
import { currentRuleSet } from './rulesets.js';
import { listPeriods } from './periods.js';
import { AppError } from '../shared/errors.js';
import { shanghaiDate } from '../shared/dates.js';
import { grade, GradingError } from '../shared/grading.js';
import type { AgendaReason } from '../shared/agenda.js';
import { fillByLength } from '../shared/agendaRank.js';
import { ASSESSED, ON_AGENDA, insertAgenda } from './agendaStore.js';
import type { ConsentConfirmResult, ProposalList, ProposalPage, ProposalRow, ProposalSummary } from '../shared/agendaProposal.js';
import type { MeetingRow } from '../shared/meetings.js';

export function proposalSummary(db: Db, meetingId: number): ProposalSummary | null {
  const run = db.prepare('SELECT as_of, generated_at FROM agenda_proposal_runs WHERE meeting_id = ?').get(meetingId) as { as_of: string; generated_at: string } | undefined;
  if (!run) return null;
  // Each count walks an index range of this meeting's proposal, or joins the few rows on its agenda
  // or assessed at it: no per-row probe across a 66,000-item consent list.
  const inAgenda = (list: string) => `(SELECT COUNT(*) FROM agenda_items ai JOIN agenda_proposals p ON p.meeting_id = ai.meeting_id AND p.risk_id = ai.risk_id WHERE ai.meeting_id = @m AND p.list = '${list}')`;
  const n = db
    .prepare(
      `SELECT
         (SELECT COUNT(*) FROM agenda_proposals WHERE meeting_id = @m) AS "all",
         (SELECT COUNT(*) FROM agenda_proposals WHERE meeting_id = @m AND list = 'main') AS main,
         (SELECT COUNT(*) FROM agenda_proposals WHERE meeting_id = @m AND list = 'consent') AS consent,
         ${inAgenda('main')} AS main_in,
         ${inAgenda('consent')} AS pulled,
         (SELECT COUNT(*) FROM assessments a JOIN agenda_proposals p ON p.meeting_id = a.meeting_id AND p.risk_id = a.risk_id
          WHERE a.meeting_id = @m AND p.list = 'consent' AND NOT ${ON_AGENDA}) AS confirmed`,
    )
    .get({ m: meetingId }) as { all: number; main: number; consent: number; main_in: number; pulled: number; confirmed: number };
  return { asOf: run.as_of, generatedAt: run.generated_at, all: n.all, main: n.main, mainNotInAgenda: n.main - n.main_in, consent: n.consent - n.pulled, consentPending: n.consent - n.pulled - n.confirmed };
}

/**
 * One page of a list, in rank order. The consent list leaves out what was pulled onto the agenda
 * (it is on the main agenda now); its total is then counted the same way.
 */
export function proposalPage(db: Db, input: { meetingId: number; list: ProposalList | 'all'; page: number; pageSize: number }): ProposalPage {
  getMeeting(db, input.meetingId);
  const summary = proposalSummary(db, input.meetingId);
  const where = input.list === 'all' ? 'p.meeting_id = @m' : `p.meeting_id = @m AND p.list = @list${input.list === 'consent' ? ` AND NOT ${ON_AGENDA}` : ''}`;
  const rows = (
    db
      .prepare(
        `SELECT p.risk_id, r.code, r.title, g.name AS region, d.name AS domain, p.level, p.reasons, p.minutes, p.rank, ${ON_AGENDA} AS in_agenda, ${ASSESSED} AS assessed
         FROM agenda_proposals p JOIN risks r ON r.id = p.risk_id JOIN regions g ON g.id = r.region_id JOIN domains d ON d.id = r.domain_id
         WHERE ${where} ORDER BY p.rank LIMIT @limit OFFSET @offset`,
      )
      .all({ m: input.meetingId, list: input.list, limit: input.pageSize, offset: (input.page - 1) * input.pageSize }) as Array<Record<string, unknown>>
  ).map(
    (r): ProposalRow => ({
      riskId: r.risk_id as number, code: r.code as string, title: r.title as string, region: r.region as string, domain: r.domain as string,
      level: (r.level as number | null) ?? null, reasons: JSON.parse(r.reasons as string) as AgendaReason[], minutes: r.minutes as number, rank: r.rank as number,
      inAgenda: r.in_agenda === 1, assessed: r.assessed === 1,
    }),
  );
  const total = !summary ? 0 : input.list === 'main' ? summary.main : input.list === 'consent' ? summary.consent : summary.all;
  return { list: input.list, rows, total, page: input.page, pageSize: input.pageSize, summary };
}

/** 按会议时长选取: the main list's top items not yet on the agenda, until the meeting's time is filled. */
export function fillAgendaByLength(db: Db, ctx: WriteContext, meetingId: number, version: number): MeetingRow {
  const m = getMeeting(db, meetingId);
  assertEditable(m, version);
  if (!proposalSummary(db, meetingId)) throw new AppError('CONFLICT', '还没有生成议程建议。请先点“生成议程建议”，再按会议时长选取。');
  const used = db.prepare('SELECT coalesce(sum(minutes), 0) FROM agenda_items WHERE meeting_id = ?').pluck().get(meetingId) as number;
  const free = m.lengthMinutes - used;
  if (free <= 0) throw new AppError('CONFLICT', `议程已排满会议时长（${used} / ${m.lengthMinutes} 分钟），没有再选取。可先移出部分议题或延长会议时长。`);
  // Walk the main list in rank order a page at a time; the agenda needs at most free/1 items.
  const candidates = db
    .prepare(`SELECT p.risk_id AS riskId, p.minutes, p.reasons FROM agenda_proposals p WHERE p.meeting_id = ? AND p.list = 'main' AND NOT ${ON_AGENDA} ORDER BY p.rank LIMIT ?`)
    .all(meetingId, free) as Array<{ riskId: number; minutes: number; reasons: string }>;
  const chosen = fillByLength(candidates, free);
  if (chosen.length === 0) return m;
  const added = insertAgenda(db, meetingId, chosen);
  writeAudit(db, ctx, 'agenda.fill', 'meeting', meetingId, null, { added, riskIds: chosen.map((c) => c.riskId), freeMinutes: free });
  return touchMeeting(db, ctx, meetingId);
}

/** Removes several agenda items at once (each must be on this meeting's agenda). */
export function removeAgendaItems(db: Db, ctx: WriteContext, meetingId: number, version: number, itemIds: number[]): MeetingRow {
  assertEditable(getMeeting(db, meetingId), version);
  const found = db.prepare('SELECT id, risk_id, position FROM agenda_items WHERE meeting_id = ? AND id IN (SELECT value FROM json_each(?))').all(meetingId, JSON.stringify(itemIds)) as Array<{ id: number; risk_id: number; position: number }>;
  if (found.length !== new Set(itemIds).size) throw new AppError('NOT_FOUND', '所选议题中有的已不在本次会议的议程中，请刷新后重新选择。');
  db.prepare('DELETE FROM agenda_items WHERE meeting_id = ? AND id IN (SELECT value FROM json_each(?))').run(meetingId, JSON.stringify(itemIds));
  writeAudit(db, ctx, 'agenda.removeMany', 'meeting', meetingId, { items: found.map((f) => ({ riskId: f.risk_id, position: f.position })) }, null);
  return touchMeeting(db, ctx, meetingId);
}

/**
 * 确认一揽子研判: one decision for the whole consent list. Each item still on it (not pulled onto the
 * agenda, not yet assessed at this meeting) gets an assessment with its last likelihood and impact
 * and no override, linked to the meeting, dated the meeting day (or today, if earlier), with the
 * next review its level gives. An item whose computed level no longer equals its last level is
 * not confirmed but put on the main agenda (the rule no longer holds for it).
 */
export function confirmConsent(db: Db, ctx: WriteContext, meetingId: number, version: number, today: string): ConsentConfirmResult {
  const m = getMeeting(db, meetingId);
  assertEditable(m, version);
  if (!proposalSummary(db, meetingId)) throw new AppError('CONFLICT', '还没有生成议程建议，没有一揽子研判事项可确认。');
  const items = db
    .prepare(`SELECT p.risk_id, p.last_likelihood, p.last_impact, p.last_level, p.minutes, p.reasons FROM agenda_proposals p JOIN risks r ON r.id = p.risk_id
              WHERE p.meeting_id = ? AND p.list = 'consent' AND r.deleted_at IS NULL AND NOT ${ON_AGENDA} AND NOT ${ASSESSED} ORDER BY p.rank`)
    .raw()
    .all(meetingId) as Array<[number, number, number, number, number, string]>;
  if (items.length === 0) throw new AppError('CONFLICT', '一揽子研判清单中没有待确认的事项（可能已确认，或已全部移入主议程）。');
  // Every refusal comes before the first write (recordAssessment would refuse a date after today).
  const realToday = shanghaiDate(ctx.now());
  if (today > realToday) throw new AppError('INVALID_INPUT', `确认日期 ${today} 晚于今天（${realToday}），请在会议当天或之后确认。`);
  const assessedOn = m.date < today ? m.date : today;
  const rules = currentRuleSet(db).config;
  const periods = listPeriods(db);
  const factsOf = db.prepare('SELECT involved_count, involved_unit, amount_wan, opinion_risk, extreme_risk FROM risks WHERE id = ?').raw();
  const eventsOf = db.prepare('SELECT kind, occurred_on, count, stage FROM risk_events WHERE risk_id = ? AND deleted_at IS NULL').raw();
  let confirmed = 0;
  const moved: Array<{ riskId: number; minutes: number; reasons: string }> = [];
  for (const [riskId, likelihood, impact, lastLevel, minutes, reasons] of items) {
    const [involvedCount, involvedUnit, amountWan, opinionRisk, extreme] = factsOf.get(riskId) as [number | null, string, number | null, string, number];
    const events = (eventsOf.all(riskId) as Array<[string, string, number | null, string | null]>).map(([kind, occurredOn, count, stage]) => ({ kind, occurredOn, count, stage }));
    let computed: number | null = null;
    try {
      computed = grade({ likelihood, impact, facts: { involvedCount, involvedUnit, amountWan, opinionRisk, extremeRisk: extreme === 1 }, events, periods, asOf: assessedOn, rules }).computedLevel;
    } catch (e) {
      if (!(e instanceof GradingError)) throw e; // the rule set's matrix changed under it: the meeting looks at it
    }
    if (computed !== lastLevel) {
      moved.push({ riskId, minutes, reasons });
      continue;
    }
    recordAssessment(db, ctx, { riskId, meetingId, assessedOn, likelihood, impact, trend: '平稳', analysis: '一揽子研判：无新情况，维持原等级。' });
    confirmed++;
  }
  if (moved.length) insertAgenda(db, meetingId, moved);
  writeAudit(db, ctx, 'agenda.consentConfirm', 'meeting', meetingId, null, { confirmed, movedToAgenda: moved.length, assessedOn });
  touchMeeting(db, ctx, meetingId);
  return { confirmed, movedToAgenda: moved.length };
}
