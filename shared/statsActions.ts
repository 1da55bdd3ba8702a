// 交办 measures: which of a period's figures one assignment counts in. Pure, so the unit table,
// the drill-down lists and the tests all read the same rule. Due dates move to the next working
// day (shared/calendar.ts) and the supervision ladder is the 交办督办 area's (shared/actions.ts).
import { daysBetween, type IsoDate } from './dates.js';
import { nextWorkingDayOnOrAfter, type WorkCalendar } from './calendar.js';
import { dueStatus, type SupervisionLevel, type SupervisionSettings } from './actions.js';
import type { ActionMeasure } from './stats.js';

export interface ActionFacts {
  id: number;
  unitId: number;
  state: string;
  issuedAt: IsoDate;
  dueAt: IsoDate;
  closedOn: IsoDate | null;
  /** Sent back (退回) at least once in the period. */
  returned: boolean;
  /** An extension approved in the period. */
  extended: boolean;
}

export interface ActionCounts {
  measures: Set<ActionMeasure>;
  /** Supervision level at the period's end when overdue then. */
  supervision: SupervisionLevel | null;
  /** Days from issue to close when closed in the period. */
  daysToClose: number | null;
}

/** The figures one assignment counts in, for the period from..to (to = the period's end, not after today). */
export function classifyAction(a: ActionFacts, from: IsoDate, to: IsoDate, sup: SupervisionSettings, cal: WorkCalendar): ActionCounts {
  const m = new Set<ActionMeasure>();
  const closedBy = a.state === '办结' && a.closedOn !== null && a.closedOn <= to;
  const effDue = nextWorkingDayOnOrAfter(a.dueAt, cal);
  if (a.issuedAt >= from && a.issuedAt <= to) m.add('issued');
  let daysToClose: number | null = null;
  if (closedBy && a.closedOn! >= from) {
    m.add('done');
    daysToClose = daysBetween(a.issuedAt, a.closedOn!);
  }
  if (effDue >= from && effDue <= to && (closedBy || to > effDue)) {
    m.add('due');
    if (closedBy && a.closedOn! <= effDue) m.add('onTime');
  }
  if (a.returned) m.add('returned');
  if (a.extended) m.add('extended');
  let supervision: SupervisionLevel | null = null;
  if (!closedBy && a.issuedAt <= to) {
    const d = dueStatus({ state: '办理中', dueAt: a.dueAt }, to, sup, cal);
    if (d.status === '超期') {
      m.add('overdue');
      supervision = d.level;
    }
  }
  return { measures: m, supervision, daysToClose };
}
