// Ranking the agenda proposal and the consent-list rule (一揽子研判). Pure: the db layer
// (db/agendaProposal.ts) hands in the facts per proposed risk; the weights and minutes per level
// come from the settings (shared/settings.ts agendaSettings).
import type { AgendaReasonKind } from './agenda.js';
import type { AgendaSettings } from './settings.js';

export interface RankFacts {
  code: string;
  level: number | null;
  reasons: AgendaReasonKind[];
  /** Days late: the review date before the meeting, or the latest open overdue action (whichever is more). */
  overdueDays: number;
  /** Days until an escalation period starts (0 while under way), when the risk has the 敏感节点临近 reason. */
  sensitiveDaysToStart: number | null;
}

/** Overdue days beyond this add nothing: a month late is late enough to be near the top. */
export const OVERDUE_DAYS_CAP = 60;

/**
 * The rank score: level (重大 4 steps … 低 1, 未定级 0) × weight, + each distinct reason × weight,
 * + days overdue (capped) × weight, + nearness of a sensitive period × weight (1 while under way or
 * starting at once, falling to 1/(window+1) at the far end of the window). Higher = earlier.
 */
export function rankScore(f: RankFacts, w: AgendaSettings['weights'], windowDays: number): number {
  const levelSteps = f.level ? 5 - f.level : 0;
  const near = f.sensitiveDaysToStart === null ? 0 : (windowDays - Math.min(Math.max(f.sensitiveDaysToStart, 0), windowDays) + 1) / (windowDays + 1);
  return w.level * levelSteps + w.reasons * new Set(f.reasons).size + w.overdue * Math.min(f.overdueDays, OVERDUE_DAYS_CAP) + w.sensitive * near;
}

/** The same order in SQL, over columns score, level, code (the stored proposal is ranked with it). */
export const RANK_ORDER_SQL = 'score DESC, coalesce(level, 9), code';

/** Higher score first; then the more serious level (未定级 last), then the register code (as RANK_ORDER_SQL). */
export function compareRanked(a: RankFacts & { score: number }, b: RankFacts & { score: number }): number {
  if (a.score !== b.score) return b.score - a.score;
  const la = a.level ?? 9;
  const lb = b.level ?? 9;
  if (la !== lb) return la - lb;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export interface ConsentFacts {
  reasons: AgendaReasonKind[];
  /** A 动态 (event) that happened or was recorded after the last assessment. */
  newEvent: boolean;
  /** The last assessment's final level and its likelihood/impact (null when there is none). */
  lastLevel: number | null;
  lastLikelihood: number | null;
  lastImpact: number | null;
  /** The level computed for the meeting day with the last likelihood/impact, sensitive-period escalation included. */
  computedLevel: number | null;
}

/**
 * The consent list takes an item that is merely due for review and where nothing is new: its only
 * reason is 到期研判 (so no new risk, rebound, overdue or returned action, carried item, raised
 * level or near sensitive period), no new event, and the level computed today equals its last
 * final level. Returns null when it belongs there, else why not (in domain words).
 */
export function consentBlocker(f: ConsentFacts): string | null {
  const other = f.reasons.filter((k) => k !== 'dueForReview');
  if (!f.reasons.includes('dueForReview')) return '不是到期研判事项';
  if (other.length) return '另有列入理由';
  if (f.newEvent) return '上次研判后有新动态';
  if (f.lastLevel === null || f.lastLikelihood === null || f.lastImpact === null) return '没有可沿用的研判记录';
  if (f.computedLevel !== f.lastLevel) return '计算等级与上次研判等级不同';
  return null;
}

/** Minutes an item is planned for, by its level (settings). */
export function itemMinutes(level: number | null, minutes: AgendaSettings['minutesPerLevel']): number {
  return level === 1 ? minutes.major : level === 2 ? minutes.large : level === 3 ? minutes.general : level === 4 ? minutes.low : minutes.unrated;
}

/**
 * 按会议时长选取: the items, in rank order, that fit in the time left (`freeMinutes`); stops at the
 * first that does not fit, so the agenda keeps the ranking's order.
 */
export function fillByLength<T extends { minutes: number }>(ranked: T[], freeMinutes: number): T[] {
  const out: T[] = [];
  let left = freeMinutes;
  for (const it of ranked) {
    if (it.minutes > left) break;
    out.push(it);
    left -= it.minutes;
  }
  return out;
}
