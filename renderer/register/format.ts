import type { RiskRow } from '../../shared/risks';
import { shanghaiDateTime } from '../../shared/dates';

export function involvedLabel(r: Pick<RiskRow, 'involvedCount' | 'involvedUnit' | 'involvedText'>): string {
  if (r.involvedText) return r.involvedText;
  return r.involvedCount === null ? '—' : `${r.involvedCount}${r.involvedUnit}`;
}

export function deadlineLabel(r: Pick<RiskRow, 'deadline' | 'deadlineNote'>): string {
  return [r.deadline, r.deadlineNote].filter(Boolean).join(' ') || '—';
}

export const when = (iso: string) => shanghaiDateTime(iso);
