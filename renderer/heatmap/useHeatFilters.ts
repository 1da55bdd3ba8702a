import { useState } from 'react';
import type { RiskStatus } from '../../shared/labels';

export interface HeatFilterState {
  week?: string;
  domainId?: number;
  regionId?: number;
  status?: RiskStatus;
}

/** The filters the heat map opens with. */
export const NO_FILTERS: HeatFilterState = {};

export function useHeatFilters() {
  return useState<HeatFilterState>(NO_FILTERS);
}

/** Drops undefined keys so the API input stays clean. */
export function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && v !== null && !k.startsWith('_'))) as T;
}
