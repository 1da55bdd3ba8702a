// 交办 measures: the working-calendar part of their definitions (docs/stats.md), pure, so the SQL of
// db/statsActions.ts takes the calendar's answers as parameters instead of restating the rule. Due
// dates move to the next working day (shared/calendar.ts) and the supervision ladder is the 交办督办
// area's (shared/actions.ts).
import { type IsoDate } from './dates.js';
import { nextWorkingDayOnOrAfter, type WorkCalendar } from './calendar.js';
import { dueStatus, type SupervisionLevel, type SupervisionSettings } from './actions.js';

const DAY = 86_400_000;
const step = (d: IsoDate, n: number): IsoDate => new Date(Date.parse(d + 'T00:00:00Z') + n * DAY).toISOString().slice(0, 10);

/**
 * The stored due dates (actions.due_at) whose effective due date — the next working day on or after
 * it — falls in from..to: one run of days, dueFrom..dueTo (the effective date never decreases as the
 * due date grows), and the days of that run that move, each with its effective date. An assignment
 * falls due in the period exactly when its due_at is in the run; its effective date is `moved[due_at]`
 * or due_at itself. dueFrom > dueTo when no due date falls in the period.
 */
export function dueWindow(from: IsoDate, to: IsoDate, cal: WorkCalendar): { dueFrom: IsoDate; dueTo: IsoDate; moved: Record<IsoDate, IsoDate> } {
  const eff = (d: IsoDate) => nextWorkingDayOnOrAfter(d, cal);
  // Back from `from` while the day before still moves into the period (a run of days off before it);
  // the bound is nextWorkingDayOnOrAfter's own (60 days).
  let dueFrom = from;
  for (let i = 0; i <= 60 && eff(step(dueFrom, -1)) >= from; i++) dueFrom = step(dueFrom, -1);
  // Back from `to` while the day moves past the period's end.
  let dueTo = to;
  for (let i = 0; i <= 60 && dueTo >= dueFrom && eff(dueTo) > to; i++) dueTo = step(dueTo, -1);
  const moved: Record<IsoDate, IsoDate> = {};
  for (let d = dueFrom; d <= dueTo; d = step(d, 1)) {
    const e = eff(d);
    if (e !== d) moved[d] = e;
  }
  return { dueFrom, dueTo, moved };
}

/**
 * The supervision level at `to` of an assignment not closed by then with this due date: null when not
 * overdue (the 交办督办 area's dueStatus, read as of the period's end). Kept per due date, as a period's
 * overdue assignments share a few dozen due dates.
 */
export function overdueLevels(to: IsoDate, sup: SupervisionSettings, cal: WorkCalendar): (dueAt: IsoDate) => SupervisionLevel | null {
  const kept = new Map<IsoDate, SupervisionLevel | null>();
  return (dueAt) => {
    let level = kept.get(dueAt);
    if (level === undefined) {
      const d = dueStatus({ state: '办理中', dueAt }, to, sup, cal);
      kept.set(dueAt, (level = d.status === '超期' ? d.level : null));
    }
    return level;
  };
}
