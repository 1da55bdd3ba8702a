// The working calendar (节假日/调休) and the supervision settings, both editable in the app.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { getSetting } from './settings.js';
import { buildCalendar, type CalendarDay, type WorkCalendar } from '../shared/calendar.js';
import { checkSupervisionSettings, DEFAULT_SUPERVISION, type SupervisionSettings } from '../shared/actions.js';
import { AppError } from '../shared/errors.js';
import { writeStamp } from './statements.js';

export function listCalendarDays(db: Db, year?: number): CalendarDay[] {
  const rows = year
    ? db.prepare('SELECT date, kind, name, source FROM calendar_days WHERE date LIKE ? ORDER BY date').all(`${year}-%`)
    : db.prepare('SELECT date, kind, name, source FROM calendar_days ORDER BY date').all();
  return rows as CalendarDay[];
}

const calendars = new WeakMap<Db, { stamp: string; cal: WorkCalendar }>();

/** The working calendar, built once and kept until the next write to the database (the 统计 page asks for it per period). */
export function getCalendar(db: Db): WorkCalendar {
  const stamp = writeStamp(db);
  const kept = calendars.get(db);
  if (kept?.stamp === stamp) return kept.cal;
  const cal = buildCalendar(listCalendarDays(db));
  calendars.set(db, { stamp, cal });
  return cal;
}

/** Marks one date as a day off, a 调休 working day, or back to an ordinary day ('normal'). */
export function setCalendarDay(db: Db, ctx: WriteContext, input: { date: string; kind: 'holiday' | 'workday' | 'normal'; name: string }): CalendarDay[] {
  const before = db.prepare('SELECT date, kind, name, source FROM calendar_days WHERE date = ?').get(input.date) as CalendarDay | undefined;
  if (input.kind === 'normal') {
    if (!before) return listCalendarDays(db, Number(input.date.slice(0, 4)));
    db.prepare('DELETE FROM calendar_days WHERE date = ?').run(input.date);
    writeAudit(db, ctx, 'delete', 'calendar', null, before, null);
  } else {
    const name = input.name || (input.kind === 'holiday' ? '放假' : '调休上班');
    if (before && before.kind === input.kind && before.name === name) return listCalendarDays(db, Number(input.date.slice(0, 4)));
    db.prepare(
      `INSERT INTO calendar_days (date, kind, name, source) VALUES (?, ?, ?, '手工')
       ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = '手工', version = version + 1`,
    ).run(input.date, input.kind, name);
    writeAudit(db, ctx, before ? 'update' : 'create', 'calendar', null, before ?? null, { date: input.date, kind: input.kind, name });
  }
  return listCalendarDays(db, Number(input.date.slice(0, 4)));
}

export function getSupervision(db: Db): SupervisionSettings {
  const raw = getSetting(db, 'supervision');
  if (!raw) return DEFAULT_SUPERVISION;
  return { ...DEFAULT_SUPERVISION, ...(JSON.parse(raw) as Partial<SupervisionSettings>) };
}

export function updateSupervision(db: Db, ctx: WriteContext, s: SupervisionSettings): SupervisionSettings {
  const problem = checkSupervisionSettings(s);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  const before = getSupervision(db);
  if (JSON.stringify(before) === JSON.stringify({ ...before, ...s })) return before;
  db.prepare("INSERT INTO settings (key, value) VALUES ('supervision', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(s));
  writeAudit(db, ctx, 'update', 'settings', null, { supervision: before }, { supervision: s });
  return getSupervision(db);
}
