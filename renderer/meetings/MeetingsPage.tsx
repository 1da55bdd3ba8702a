// 研判会 area: #/meetings (我的周一 + list + holidays), #/meetings/12[?tab=minutes] (one meeting), #/meetings/12/run (runner).
// Only 我的周一 (the tab it opens on) comes with the page's code; a meeting, its runner and the other
// tabs load when shown, and the shell waits for the one in the address before its first screen
// (preloadFor), so nothing suspends there.
import { Suspense } from 'react';
import { Spin, Tabs, Typography } from 'antd';
import { MondayDashboard } from './MondayDashboard';
import { MeetingList } from './MeetingList';
import { chunk, useLoadWhenIdle } from '../shell/chunk';

const Detail = chunk(() => import('./MeetingDetail').then((m) => m.MeetingDetail));
const Runner = chunk(() => import('./MeetingRunner').then((m) => m.MeetingRunner));
const Calendar = chunk(() => import('./CalendarEditor').then((m) => m.CalendarEditor));
const Units = chunk(() => import('../units/UnitsTable').then((m) => m.UnitsTable));
const OPENED_LATER = [Detail, Runner];

/** The part of the area `subpath` shows, loaded. */
export function preloadFor(subpath: string): Promise<unknown> {
  const [id, sub] = subpath.split('/');
  if (Number(id) > 0) return sub === 'run' ? Runner.preload() : Detail.preload();
  return Promise.resolve();
}

const loading = <Spin style={{ display: 'block', margin: '48px auto' }} />;

export function MeetingsPage({ subpath }: { subpath: string }) {
  const [id, sub] = subpath.split('/');
  // The shell keeps the query for the page (#/meetings/12?tab=minutes opens the 纪要 tab).
  const tab = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('tab') ?? undefined;
  // A meeting and its runner are loaded when the browser is idle after the first screen: opening one from here does not wait.
  useLoadWhenIdle(true, OPENED_LATER, 3000);
  if (Number(id) > 0 && sub === 'run') return <Suspense fallback={loading}><Runner.Page id={Number(id)} /></Suspense>;
  if (Number(id) > 0) return <Suspense fallback={loading}><Detail.Page id={Number(id)} tab={tab} /></Suspense>;
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>研判会</Typography.Title>
      <Tabs
        items={[
          { key: 'monday', label: '我的周一', children: <MondayDashboard /> },
          { key: 'list', label: '全部会议', children: <MeetingList /> },
          { key: 'calendar', label: '节假日', children: <Suspense fallback={loading}><Calendar.Page /></Suspense> },
          { key: 'units', label: '责任单位', children: <Suspense fallback={loading}><Units.Page /></Suspense> },
        ]}
      />
    </>
  );
}
