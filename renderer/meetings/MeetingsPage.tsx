// 研判会 area: #/meetings (我的周一 + list + holidays), #/meetings/12[?tab=minutes] (one meeting), #/meetings/12/run (runner).
import { Tabs, Typography } from 'antd';
import { MondayDashboard } from './MondayDashboard';
import { MeetingList } from './MeetingList';
import { MeetingDetail } from './MeetingDetail';
import { CalendarEditor } from './CalendarEditor';
import { MeetingRunner } from './MeetingRunner';
import { UnitsTable } from '../units/UnitsTable';

export function MeetingsPage({ subpath }: { subpath: string }) {
  const [id, sub] = subpath.split('/');
  // The shell keeps the query for the page (#/meetings/12?tab=minutes opens the 纪要 tab).
  const tab = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('tab') ?? undefined;
  if (Number(id) > 0 && sub === 'run') return <MeetingRunner id={Number(id)} />;
  if (Number(id) > 0) return <MeetingDetail id={Number(id)} tab={tab} />;
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>研判会</Typography.Title>
      <Tabs
        items={[
          { key: 'monday', label: '我的周一', children: <MondayDashboard /> },
          { key: 'list', label: '全部会议', children: <MeetingList /> },
          { key: 'calendar', label: '节假日', children: <CalendarEditor /> },
          { key: 'units', label: '责任单位', children: <UnitsTable /> },
        ]}
      />
    </>
  );
}
