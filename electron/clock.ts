// Clocks for the hosts. `yanpan serve --today` (tests, demonstrations) needs every rule and every
// page to agree on one given day, while audit and backup timestamps still advance.
import { isIsoDate, type IsoDate } from '../shared/dates.js';

/**
 * A clock that reads 09:00 Asia/Shanghai on `day` when made and then runs at real speed: the
 * Shanghai date stays `day` for the next 15 hours, whatever the machine's zone or the real date.
 */
export function clockOnDay(day: IsoDate, realNow: () => number = Date.now): () => string {
  if (!isIsoDate(day)) throw new Error(`not a calendar date: ${day}`);
  const start = Date.parse(`${day}T09:00:00+08:00`);
  const offset = start - realNow();
  return () => new Date(realNow() + offset).toISOString();
}
