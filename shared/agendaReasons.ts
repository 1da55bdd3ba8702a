// Agenda reasons that need the grading record (assessments, sensitive periods). Pure: the db
// layer (db/agendaProviders.ts) loads the few rows each rule needs; the rules here decide.
import { daysBetween, type IsoDate } from './dates.js';
import { levelName } from './labels.js';
import type { AgendaReason } from './agenda.js';
import { activePeriod, type PeriodLike } from './grading.js';

/** 等级上升: the level now is more serious (a smaller number) than the level at the reference date. */
export function levelRaisedReason(before: number | null, now: number | null, since: IsoDate): AgendaReason | null {
  if (now === null) return null;
  if (before === null) return null;
  if (now >= before) return null;
  return { kind: 'levelRaised', detail: `${since}以来由${levelName(before)}升为${levelName(now)}` };
}

/** 到期研判: the next review date falls on or before the meeting. */
export function dueForReviewReason(nextReview: IsoDate | null, meetingDate: IsoDate): AgendaReason | null {
  if (!nextReview || nextReview > meetingDate) return null;
  return { kind: 'dueForReview', detail: nextReview === meetingDate ? `应于${nextReview}研判` : `应于${nextReview}研判，已过期${daysBetween(nextReview, meetingDate)}天` };
}

/**
 * 敏感节点临近: an escalation period starts within `days` of the meeting (or is under way), and
 * the risk has 进京赴省 or 集访 signs (`trigger`, from grading's escalationTrigger).
 */
export function sensitivePeriodReason(periods: PeriodLike[], meetingDate: IsoDate, days: number, trigger: string | null): AgendaReason | null {
  if (!trigger) return null;
  const p = upcomingPeriod(periods, meetingDate, days);
  if (!p) return null;
  const when = p.startDate <= meetingDate ? '期间' : `${daysBetween(meetingDate, p.startDate)}天后开始`;
  return { kind: 'sensitivePeriod', detail: `敏感节点「${p.name}」${when}，${trigger}` };
}

/** The first escalation period that is under way at the date or starts within `days` after it: the grading's own rule. */
export const upcomingPeriod = activePeriod;
