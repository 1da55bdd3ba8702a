// The app's today (app.info), for every date rule in the pages — never the browser's clock, so a
// page and the register agree on what "today" is (and `yanpan serve --today` fixes both in tests).
import { createContext, useContext } from 'react';
import dayjs from 'dayjs';
import type { IsoDate } from '../../shared/dates';

export const TodayContext = createContext<IsoDate | null>(null);

/** Today as the app sees it (YYYY-MM-DD, Asia/Shanghai). Pages render inside AppShell, which provides it. */
export function useToday(): IsoDate {
  const today = useContext(TodayContext);
  if (!today) throw new Error('useToday: no app today (a page rendered outside AppShell)');
  return today;
}

/** The same day as a dayjs value, for date pickers (their default value and the days they refuse). */
export function useTodayDayjs(): dayjs.Dayjs {
  return dayjs(useToday());
}
