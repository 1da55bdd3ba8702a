import { createMeeting, getMeeting, listMeetings, listMinutesVersions, meetingDefaults, meetingToPrepare, minutesDraftFor, previousMeeting, saveMinutes, transitionMeeting, updateMeeting } from '../../db/meetings.js';
import { risksDueForReview } from '../../db/agendaReasons.js';
import { addAgendaItems, applyProposal, listAgenda, proposeForMeeting, removeAgendaItem, reorderAgenda, setAgendaItem } from '../../db/agenda.js';
import { listCalendarDays, setCalendarDay } from '../../db/calendar.js';
import { confirmConsent, fillAgendaByLength, proposalPage, proposalSummary, removeAgendaItems } from '../../db/agendaProposal.js';
import { generateProposal } from '../../db/agendaGenerate.js';
import { getAgendaSettings, updateAgendaSettings } from '../../db/agendaStore.js';
import { listActions, readCtx } from '../../db/actions.js';
import { listDrafts, saveDraft } from '../../db/drafts.js';
import { getCalendar } from '../../db/calendar.js';
import { shanghaiDate, weekStart, addDays } from '../../shared/dates.js';
import { defaultMeetingDate } from '../../shared/calendar.js';
import { SUPERVISION_LEVELS, type SupervisionLevel } from '../../shared/actions.js';
import type { MondayDashboard } from '../../shared/contract/meetings.js';
import { listPeriods } from '../../db/periods.js';
import { currentRuleSet } from '../../db/rulesets.js';
import { nearPeriods } from '../../shared/periods.js';
import type { MeetingDetail } from '../../shared/meetings.js';
import type { Db } from '../../db/open.js';
import type { HandlerContext } from './context.js';
import type { HandlersFor } from './types.js';

const today = (ctx: HandlerContext, asOf?: string) => shanghaiDate(asOf ?? ctx.now());

function detail(db: Db, id: number): MeetingDetail {
  const meeting = getMeeting(db, id);
  const prev = previousMeeting(db, meeting);
  return {
    meeting,
    agenda: listAgenda(db, id),
    minutesVersions: listMinutesVersions(db, id),
    previous: prev ? { id: prev.id, date: prev.date, sessionNo: prev.sessionNo, type: prev.type } : null,
  };
}

/** The meeting to prepare: the next one from today on (within two weeks), else this week's; else the default date is offered. */
function monday(db: Db, asOf: string): MondayDashboard {
  const ws = weekStart(asOf);
  const meeting = meetingToPrepare(db, asOf);
  let agenda: MondayDashboard['agenda'] = null;
  if (meeting) {
    const items = listAgenda(db, meeting.id);
    // The stored proposal's count (agenda.generate): recomputing the proposal here took 1.6 s at 100,000 risks.
    const proposal = proposalSummary(db, meeting.id);
    agenda = {
      count: items.length,
      minutes: items.reduce((s, i) => s + i.minutes, 0),
      lengthMinutes: meeting.lengthMinutes,
      discussed: items.filter((i) => i.status === '已议').length,
      proposedNotAdded: proposal ? proposal.mainNotInAgenda : null,
    };
  }
  const open = listActions(db, { openOnly: true, limit: 100_000 }, readCtx(db, asOf)).rows;
  const overdue = open.filter((a) => a.due.status === '超期').sort((a, b) => b.due.overdueDays - a.due.overdueDays);
  const byLevel = Object.fromEntries(SUPERVISION_LEVELS.map((l) => [l, 0])) as Record<SupervisionLevel, number>;
  for (const a of open) if (a.due.level) byLevel[a.due.level]++;
  return {
    asOf,
    weekStart: ws,
    defaultDate: defaultMeetingDate(asOf, getCalendar(db)),
    meeting,
    agenda,
    overdue,
    overdueCount: overdue.length,
    dueSoonCount: open.filter((a) => a.due.status === '临期').length,
    byLevel,
    pendingExtensions: open.filter((a) => a.pendingExtension).length,
    ...reviewsAndPeriods(db, asOf, ws),
  };
}

function reviewsAndPeriods(db: Db, asOf: string, ws: string): Pick<MondayDashboard, 'dueForReview' | 'dueForReviewCount' | 'sensitiveAhead' | 'sensitiveDays'> {
  const due = risksDueForReview(db, addDays(ws, 6), 20);
  const sensitiveDays = currentRuleSet(db).config.escalationDaysBefore;
  const sensitiveAhead = nearPeriods(listPeriods(db), asOf, sensitiveDays).filter((p) => p.escalation).map((p) => ({ name: p.name, start: p.startDate, end: p.endDate, state: p.state, daysToStart: p.daysToStart }));
  return { dueForReview: due.rows, dueForReviewCount: due.total, sensitiveAhead, sensitiveDays };
}

type M =
  | 'meetings.list' | 'meetings.get' | 'meetings.defaults' | 'meetings.create' | 'meetings.update' | 'meetings.transition' | 'meetings.saveMinutes'
  | 'meetings.draftSave' | 'meetings.drafts' | 'meetings.minutesDraft'
  | 'agenda.propose' | 'agenda.apply' | 'agenda.add' | 'agenda.remove' | 'agenda.reorder' | 'agenda.set'
  | 'agenda.generate' | 'agenda.proposal' | 'agenda.fill' | 'agenda.removeMany' | 'meetings.consentConfirm' | 'agenda.settings' | 'agenda.settingsUpdate'
  | 'calendar.list' | 'calendar.set' | 'dashboard.monday';

export const meetingHandlers: HandlersFor<M> = {
  'meetings.list': (input, { db }) => listMeetings(db, input),
  'meetings.get': ({ id }, { db }) => detail(db, id),
  'meetings.defaults': ({ asOf, type }, ctx) => meetingDefaults(ctx.db, today(ctx, asOf), type),
  'meetings.create': (input, ctx) => createMeeting(ctx.db, ctx, input),
  'meetings.update': ({ id, version, patch }, ctx) => updateMeeting(ctx.db, ctx, id, version, patch),
  'meetings.transition': ({ id, version, event, reason, signer }, ctx) => transitionMeeting(ctx.db, ctx, id, version, event, reason, signer),
  'meetings.saveMinutes': ({ id, version, text }, ctx) => saveMinutes(ctx.db, ctx, id, version, text),
  'meetings.draftSave': (input, ctx) => saveDraft(ctx.db, ctx, input),
  'meetings.drafts': ({ meetingId }, { db }) => listDrafts(db, meetingId),
  'meetings.minutesDraft': ({ id }, { db }) => ({ text: minutesDraftFor(db, id) }),
  'agenda.propose': ({ meetingId, asOf }, ctx) => proposeForMeeting(ctx.db, meetingId, today(ctx, asOf)),
  'agenda.apply': ({ meetingId, version, asOf, replace }, ctx) => applyProposal(ctx.db, ctx, meetingId, version, today(ctx, asOf), replace),
  'agenda.add': ({ meetingId, version, riskIds, minutes }, ctx) => addAgendaItems(ctx.db, ctx, meetingId, version, riskIds, minutes),
  'agenda.remove': ({ meetingId, version, itemId }, ctx) => removeAgendaItem(ctx.db, ctx, meetingId, version, itemId),
  'agenda.reorder': ({ meetingId, version, itemIds }, ctx) => reorderAgenda(ctx.db, ctx, meetingId, version, itemIds),
  'agenda.set': (input, ctx) => setAgendaItem(ctx.db, ctx, input),
  'agenda.generate': ({ meetingId, asOf }, ctx) => generateProposal(ctx.db, ctx, meetingId, today(ctx, asOf)),
  'agenda.proposal': (input, { db }) => proposalPage(db, input),
  'agenda.fill': ({ meetingId, version }, ctx) => fillAgendaByLength(ctx.db, ctx, meetingId, version),
  'agenda.removeMany': ({ meetingId, version, itemIds }, ctx) => removeAgendaItems(ctx.db, ctx, meetingId, version, itemIds),
  'meetings.consentConfirm': ({ meetingId, version, asOf }, ctx) => confirmConsent(ctx.db, ctx, meetingId, version, today(ctx, asOf)),
  'agenda.settings': (_input, { db }) => getAgendaSettings(db),
  'agenda.settingsUpdate': (input, ctx) => updateAgendaSettings(ctx.db, ctx, input),
  'calendar.list': ({ year }, { db }) => listCalendarDays(db, year),
  'calendar.set': (input, ctx) => setCalendarDay(ctx.db, ctx, input),
  'dashboard.monday': ({ asOf }, ctx) => monday(ctx.db, today(ctx, asOf)),
};
