// 热力图 area: matrix, domain × region, movement, trends, plus the calendar and rules that drive grading.
// Only the tab in the address comes with the page's first screen (the page's loader loads it:
// preloadFor); the other tabs and the risk drawer load when the browser is idle after it.
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Tabs } from 'antd';
import { api } from '../api';
import type { Lists } from '../../shared/settings';
import { useErrorReporter, useFirstRead } from '../shell/useApi';
import { FilterBar, weekText } from './FilterBar';
import { useHeatFilters } from './useHeatFilters';
import { MatrixView } from './MatrixView';
import { useToday } from '../shell/today';
import { chunk, useLoadWhenIdle, useOnceOn } from '../shell/chunk';

const VIEWS = {
  domains: chunk(() => import('./DomainRegionView').then((m) => m.DomainRegionView)),
  movement: chunk(() => import('./MovementView').then((m) => m.MovementView)),
  // The trend charts (recharts) are their own chunk too.
  trend: chunk(() => import('./TrendView').then((m) => m.TrendView)),
  periods: chunk(() => import('./PeriodsView').then((m) => m.PeriodsView)),
  rules: chunk(() => import('./RulesView').then((m) => m.RulesView)),
};
const RiskDrawer = chunk(() => import('../register/RiskDrawer').then((m) => m.RiskDrawer));
const OPENED_LATER = [RiskDrawer, ...Object.values(VIEWS)];

/** The tab `subpath` shows, loaded (the matrix comes with the page). */
export function preloadFor(subpath: string): Promise<unknown> {
  return subpath in VIEWS ? VIEWS[subpath as keyof typeof VIEWS].preload() : Promise.resolve();
}

const TABS = [
  { key: 'matrix', label: '风险矩阵' },
  { key: 'domains', label: '领域×县区' },
  { key: 'movement', label: '周变化' },
  { key: 'trend', label: '趋势' },
  { key: 'periods', label: '敏感节点' },
  { key: 'rules', label: '定级规则' },
];

export function HeatmapPage({ subpath, onChanged }: { subpath: string; onChanged: () => void }) {
  const today = useToday();
  const tab = TABS.find((t) => t.key === subpath)?.key ?? 'matrix';
  const [filters, setFilters] = useHeatFilters();
  const firstLists = useFirstRead('lists.get', {});
  const [lists, setLists] = useState<Lists | null>(firstLists.value ?? null);
  const [meta, setMeta] = useState<{ week: string; carried: boolean } | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [reload, setReload] = useState(0);
  const report = useErrorReporter();
  useEffect(() => {
    if (!firstLists.skipLoad()) api('lists.get', {}).then(setLists, report);
  }, [report, firstLists]);
  // Same week and flag: keep the state object, so reporting it does not re-render the page.
  const onMeta = useCallback((m: { week: string; carried: boolean }) => setMeta((o) => (o && o.week === m.week && o.carried === m.carried ? o : m)), []);
  const showFilters = tab !== 'periods' && tab !== 'rules';
  // One object per filter change (or reload): the views fetch when it changes, so a fresh object on
  // every render made the matrix fetch, report its week, re-render this page and fetch again, forever.
  const view = useMemo(() => ({ ...filters, _r: reload }) as typeof filters, [filters, reload]);
  const drawerUsed = useOnceOn(open !== null);
  useLoadWhenIdle(true, OPENED_LATER, 3000);
  const { domains: Domains, movement: Movement, trend: Trend, periods: Periods, rules: Rules } = VIEWS;
  return (
    <>
      <Tabs activeKey={tab} onChange={(k) => (window.location.hash = `/heatmap/${k}`)} items={TABS} />
      {showFilters && <FilterBar lists={lists} value={filters} onChange={setFilters} weekLabel={meta ? weekText(meta.week) : undefined} carried={meta?.carried} />}
      {tab === 'matrix' && <MatrixView filters={view} onMeta={onMeta} onOpenRisk={setOpen} />}
      <Suspense fallback={null}>
        {tab === 'domains' && <Domains.Page filters={view} />}
        {tab === 'movement' && <Movement.Page filters={view} onOpenRisk={setOpen} />}
        {tab === 'trend' && <Trend.Page filters={view} />}
        {tab === 'periods' && <Periods.Page today={today} />}
        {tab === 'rules' && <Rules.Page />}
      </Suspense>
      {lists && drawerUsed && (
        <Suspense fallback={null}><RiskDrawer.Page
          id={open}
          lists={lists}
          onClose={() => setOpen(null)}
          onEdit={() => (window.location.hash = '/register')}
          onChanged={() => {
            setReload((n) => n + 1);
            onChanged();
          }}
        /></Suspense>
      )}
    </>
  );
}
