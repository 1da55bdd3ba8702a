// Weekly snapshot rows from demo histories (pure): the same rule the database applies — a row per
// open risk per week with its latest assessment up to the week's Sunday, one 销号 row in the week
// it closed. Tests use it to compute expected heat-map and movement counts independently of SQL.
import { addDays, weekStart, type IsoDate } from './dates.js';
import { moveKind } from './grading.js';
import type { RiskFields } from './risks.js';

/** What the weekly rows need of a risk and its history (a DemoHistory fits; callers may keep less). */
export interface Timeline {
  row: Pick<RiskFields, 'status' | 'domainId' | 'regionId'>;
  history: {
    closedOn: IsoDate | null;
    assessments: Array<{ assessedOn: IsoDate; likelihood: number; impact: number; grade: { finalLevel: number } }>;
  };
}

export interface DemoWeekRow {
  week: IsoDate;
  /** Index of the risk in generator order. */
  index: number;
  level: number;
  prevLevel: number | null;
  likelihood: number;
  impact: number;
  status: string;
  domainId: number;
  regionId: number;
  kind: string;
}

/** Calls emit for every row, week by week (oldest first), for `weeks` weeks before asOf's week and that week. */
export function demoWeekRows(timelines: Timeline[], asOf: IsoDate, weeks: number, emit: (r: DemoWeekRow) => void): void {
  const last = weekStart(asOf);
  const cursor = new Int32Array(timelines.length);
  const prevLevel = new Int32Array(timelines.length).fill(-1); // -1: no row the week before
  const closedWeeks = timelines.map((t) => (t.history.closedOn ? weekStart(t.history.closedOn) : null));
  for (let k = weeks; k >= 0; k--) {
    const week = addDays(last, -7 * k);
    const sunday = addDays(week, 6);
    timelines.forEach((t, i) => {
      const as = t.history.assessments;
      if (as[0].assessedOn > sunday) return;
      const closedWeek = closedWeeks[i];
      if (closedWeek && closedWeek < week) {
        prevLevel[i] = -1;
        return;
      }
      while (cursor[i] + 1 < as.length && as[cursor[i] + 1].assessedOn <= sunday) cursor[i]++;
      const a = as[cursor[i]];
      const closed = closedWeek === week;
      const prev = prevLevel[i] >= 0 ? { level: prevLevel[i], closed: false } : null;
      if (closed && !prev) return; // closed before it was ever seen open: no row (as db/weeks.ts)
      emit({
        week,
        index: i,
        level: a.grade.finalLevel,
        prevLevel: prev ? prev.level : null,
        likelihood: a.likelihood,
        impact: a.impact,
        status: closed ? t.row.status! : closedWeek ? '化解中' : (t.row.status ?? '待研判'),
        domainId: t.row.domainId,
        regionId: t.row.regionId,
        kind: moveKind(prev, { level: a.grade.finalLevel, closed }),
      });
      prevLevel[i] = closed ? -1 : a.grade.finalLevel;
    });
  }
}
