// The 研判专报's handler part: joins the measures (db/briefWeekly.ts), the meeting's record
// (db/briefData.ts) and the issued 期号 (db/briefNumbers.ts) into the pure builder's input.
import { AppError } from '../../shared/errors.js';
import { yearOf } from '../../shared/dates.js';
import { buildLeaderBrief, defaultPeriod, type BriefAssignment } from '../../shared/briefs/weekly.js';
import { decisionWordsByCode, meetingTitle } from '../../shared/briefs/fromMeeting.js';
import { meetingBriefData, overdueActions } from '../../db/briefData.js';
import { appendixRisks, briefCounts, decidedRisks, meetingOfPeriod, nextMeetingDate, sensitiveAhead, topKeyRisks } from '../../db/briefWeekly.js';
import { domainNames } from '../../db/briefs.js';
import { issuedNumber, issueNumber } from '../../db/briefNumbers.js';
import { getMeeting } from '../../db/meetings.js';
import type { Doc, Masthead } from '../../shared/briefs/model.js';
import type { BriefRequestParsed } from '../../shared/briefs/request.js';
import type { HandlerContext } from './context.js';

export const DEFAULT_TOP_N = 10;

/** Which 专报 a request names (its 期号 is kept under this), its period and the year it is numbered in. */
export function weeklySubject(req: BriefRequestParsed, ctx: HandlerContext, asOf: string): { subject: string; year: number; from: string; to: string; meetingId: number | null } {
  const meeting = req.meetingId ? getMeeting(ctx.db, req.meetingId) : null;
  const def = defaultPeriod(meeting ? meeting.date : asOf);
  const from = req.from ?? def.from;
  const to = req.to ?? def.to;
  if (from > to) throw new AppError('INVALID_INPUT', '研判周期的开始日期不能晚于结束日期。');
  const meetingId = meeting ? meeting.id : meetingOfPeriod(ctx.db, from, to);
  const subject = req.meetingId ? `meeting:${req.meetingId}` : `period:${from}/${to}`;
  return { subject, year: meeting ? meeting.year : yearOf(asOf), from, to, meetingId };
}

/** 期号 of a final 专报: taken on first output, kept after. */
export function issueWeekly(req: BriefRequestParsed, ctx: HandlerContext, asOf: string): void {
  if (req.kind !== 'weekly' || !req.final || req.masthead.issueNo || req.sample) return;
  const s = weeklySubject(req, ctx, asOf);
  issueNumber(ctx.db, ctx, 'weekly', s.year, s.subject);
}

export function buildWeeklyDoc(req: BriefRequestParsed, ctx: HandlerContext, organ: string, asOf: string, masthead: (issue: string) => Masthead): Doc {
  const s = weeklySubject(req, ctx, asOf);
  const domains = domainNames(ctx.db);
  const { counts, table } = briefCounts(ctx.db, req.filter, domains, s.from, s.to);
  const key = topKeyRisks(ctx.db, req.filter, s.to, asOf, req.topN ?? DEFAULT_TOP_N);
  let meeting: Parameters<typeof buildLeaderBrief>[0]['meeting'];
  if (s.meetingId) {
    const data = meetingBriefData(ctx.db, s.meetingId);
    if (!['已召开', '纪要拟稿', '已签发', '已归档'].includes(data.meeting.state) && req.meetingId) {
      throw new AppError('INVALID_INPUT', `${meetingTitle(data.meeting)}还未召开（${data.meeting.state}），没有可写入专报的研判意见。请在会议召开后再生成，或不选会议按研判周期生成。`);
    }
    const assignments: BriefAssignment[] = data.actions.map((a) => ({ code: a.code, content: a.content, leadUnit: a.leadUnit, dueAt: a.dueAt }));
    meeting = { title: meetingTitle(data.meeting), date: data.meeting.date, decided: decidedRisks(ctx.db, s.meetingId, decisionWordsByCode(data)), assignments };
  }
  const units = new Map<string, { code: string; overdueDays: number }[]>();
  for (const a of overdueActions(ctx.db, asOf)) units.set(a.leadUnit, [...(units.get(a.leadUnit) ?? []), { code: a.code, overdueDays: a.overdueDays }]);
  const n = req.masthead.issueNo ? { year: s.year, no: req.masthead.issueNo } : issuedNumber(ctx.db, 'weekly', s.subject);
  return buildLeaderBrief({
    organ,
    asOf,
    from: s.from,
    to: s.to,
    counts,
    table,
    meeting,
    key: key.rows,
    keyTotal: key.total,
    overdue: [...units].map(([unit, items]) => ({ unit, items })).sort((a, b) => b.items.length - a.items.length || a.unit.localeCompare(b.unit, 'zh')),
    sensitive: sensitiveAhead(ctx.db, asOf),
    nextMeeting: nextMeetingDate(ctx.db, asOf),
    appendix: req.appendix ? appendixRisks(ctx.db, req.filter) : undefined,
    cc: req.cc,
    masthead: masthead(n ? `${n.year}年第${n.no}期` : `${s.year}年第　期（预览）`),
  });
}


