// 热力图 area: matrix, domain × region, movement, trends, plus the calendar and rules that drive grading.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Tabs } from 'antd';
import { api } from '../api';
import type { Lists } from '../../shared/settings';
import { useErrorReporter, useFirstRead } from '../shell/useApi';
import { RiskDrawer } from '../register/RiskDrawer';
import { FilterBar, weekText } from './FilterBar';
import { useHeatFilters } from './useHeatFilters';
import { MatrixView } from './MatrixView';
import { DomainRegionView } from './DomainRegionView';
import { MovementView } from './MovementView';
import { PeriodsView } from './PeriodsView';
import { RulesView } from './RulesView';
import { useToday } from '../shell/today';

// The trend charts (recharts) are their own chunk: the other tabs do not wait for them.
const TrendView = lazy(() => import('./TrendView').then((m) => ({ default: m.TrendView })));

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
  return (
    <>
      <Tabs activeKey={tab} onChange={(k) => (window.location.hash = `/heatmap/${k}`)} items={TABS} />
      {showFilters && <FilterBar lists={lists} value={filters} onChange={setFilters} weekLabel={meta ? weekText(meta.week) : undefined} carried={meta?.carried} />}
      {tab === 'matrix' && <MatrixView filters={view} onMeta={onMeta} onOpenRisk={setOpen} />}
      {tab === 'domains' && <DomainRegionView filters={view} />}
      {tab === 'movement' && <MovementView filters={view} onOpenRisk={setOpen} />}
      {tab === 'trend' && <Suspense fallback={null}><TrendView filters={view} /></Suspense>}
      {tab === 'periods' && <PeriodsView today={today} />}
      {tab === 'rules' && <RulesView />}
      {lists && (
        <RiskDrawer
          id={open}
          lists={lists}
          onClose={() => setOpen(null)}
          onEdit={() => (window.location.hash = '/register')}
          onChanged={() => {
            setReload((n) => n + 1);
            onChanged();
          }}
        />
      )}
    </>
  );
}
