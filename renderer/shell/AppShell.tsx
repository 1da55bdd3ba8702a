import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Layout, Menu, Result, Spin, Tag, Typography } from 'antd';
import { api, ApiCallError, dropAllPrefetched } from '../api';
import type { RecoveryInfo } from '../imports/RecoveryPage';
import type { AppInfo } from '../../shared/settings';
import { areaFor, areasFor } from './areas';
import { mayOpen, subpathOf } from './areaAccess';
import { firstPageReads } from './firstReads';
import { AreaBoundary } from './AreaBoundary';
import { AccountMenu } from '../login/AccountMenu';
import { useOptionalSession } from '../login/session';
import { useHashRoute } from './route';
import { useErrorReporter } from './useApi';
import { NearPeriodsTag } from '../heatmap/NearPeriodsTag';
import { TodayContext } from './today';
import type { DemoAccount } from '../../shared/accounts';

// Only a demo register shows it (its accounts table): not part of every start's first bundle. Nor are
// the pages of a damaged register or of the first run: each loads when it is shown.
const DemoBanner = lazy(() => import('../login/DemoBanner').then((m) => ({ default: m.DemoBanner })));
const RecoveryPage = lazy(() => import('../imports/RecoveryPage').then((m) => ({ default: m.RecoveryPage })));
const FirstRun = lazy(() => import('../firstrun/FirstRun').then((m) => ({ default: m.FirstRun })));
const opening = <Spin size="large" fullscreen tip="正在打开台账…" />;

export function AppShell() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [route, go] = useHashRoute();
  const report = useErrorReporter();
  const [recovery, setRecovery] = useState<RecoveryInfo | null>(null);
  const session = useOptionalSession();
  const [demoAccounts, setDemoAccounts] = useState<DemoAccount[]>([]);
  const role = session?.info.account.role ?? '查看';
  // The first screen comes whole: the shell waits for its page's code and first reads (started by
  // boot.ts), so nothing suspends — a spinner shown and replaced makes React hold the page back.
  const firstScreen = useRef<(() => Promise<unknown>) | null>(() => Promise.all([areaFor(route, role).preload?.(), firstPageReads()]));
  const refresh = useCallback(
    () =>
      api('app.info', {}).then(
        async (i) => {
          const ready = firstScreen.current;
          firstScreen.current = null;
          await ready?.().catch(() => {});
          setRecovery(null);
          setInfo(i);
        },
        (e) => (e instanceof ApiCallError && (e.error.details as { recovery?: RecoveryInfo })?.recovery ? setRecovery((e.error.details as { recovery: RecoveryInfo }).recovery) : report(e)),
      ),
    [report],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // The set-up of a new register (first run) is shown to who may load the demo or import (导入导出's roles).
  const firstRun = !!info?.firstRun && mayOpen('data', role);
  const elsewhere = !!recovery || firstRun;
  useEffect(() => {
    if (elsewhere) dropAllPrefetched();
  }, [elsewhere]);

  if (recovery) return <Suspense fallback={opening}><RecoveryPage info={recovery} onRestored={refresh} /></Suspense>;
  if (!info) return opening;
  if (firstRun) return <Suspense fallback={opening}><FirstRun onDone={refresh} onDemoAccounts={setDemoAccounts} /></Suspense>;
  const areas = areasFor(role);

  // A query (#/briefs?kind=minutes&meeting=12) belongs to the page, not to the area key.
  const area = areaFor(route, role);
  return (
    <TodayContext.Provider value={info.today}>
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={176} theme="dark" style={{ background: '#7f1d1d' }}>
        <div className="yp-brand">风险研判台</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[area.key]}
          style={{ background: 'transparent' }}
          items={areas.map((a) => ({ key: a.key, icon: a.icon, label: a.label }))}
          onClick={(e) => go(e.key)}
        />
      </Layout.Sider>
      <Layout>
        {info.demo && <Suspense fallback={null}><DemoBanner accounts={demoAccounts} onSeen={() => setDemoAccounts([])} /></Suspense>}
        <Layout.Header className="yp-header">
          <Typography.Text strong>{info.settings.cityName ? `${info.settings.cityName}信访局 · ` : ''}风险隐患台账</Typography.Text>
          <span>
            <NearPeriodsTag today={info.today} />
            <Tag>今天 {info.today}</Tag>
            <AccountMenu />
          </span>
        </Layout.Header>
        <Layout.Content className="yp-content">
          <AreaBoundary key={area.key}>{area.page ? area.page({ subpath: subpathOf(route), onChanged: refresh }) : <ComingSoon title={area.label} />}</AreaBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
    </TodayContext.Provider>
  );
}

function ComingSoon({ title }: { title: string }) {
  return <Result status="info" title={`${title}`} subTitle="此功能正在建设中，将在后续版本提供。台账中的数据不受影响。" />;
}
