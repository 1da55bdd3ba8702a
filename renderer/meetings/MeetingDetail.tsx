// One meeting: state and its next steps, agenda, facts, minutes (with signed versions), assignments.
import { useCallback, useEffect, useState } from 'react';
import { App, Breadcrumb, Button, Descriptions, Input, Modal, Space, Tabs, Tag, Typography } from 'antd';
import { LockOutlined, PlayCircleOutlined, PrinterOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { chineseDate } from '../../shared/dates';
import { MEETING_EVENT_LABELS, MEETING_TRANSITIONS, meetingTitle, type MeetingDetail as Detail, type MeetingEvent } from '../../shared/meetings';
import type { ActionRow } from '../../shared/actionItems';
import { AgendaEditor } from './AgendaEditor';
import { MinutesTab } from './MinutesTab';
import { ActionTable } from '../actions/ActionsPage';
import { ActionForm } from '../actions/ActionForm';
import { ActionDrawer } from '../actions/ActionDrawer';
import { go } from '../shell/route';
import { MeetingFormModal } from './MeetingList';

export function MeetingDetail({ id }: { id: number }) {
  const report = useErrorReporter();
  const { message } = App.useApp();
  const [d, setD] = useState<Detail | null>(null);
  const [actions, setActions] = useState<ActionRow[]>([]);
  const [reopen, setReopen] = useState(false);
  const [reason, setReason] = useState('');
  const [creating, setCreating] = useState(false);
  const [openAction, setOpenAction] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const load = useCallback(() => {
    api('meetings.get', { id }).then(setD, report);
    api('actions.list', { meetingId: id, limit: 500 }).then((r) => setActions(r.rows), report);
  }, [id, report]);
  useEffect(load, [load]);
  if (!d) return null;
  const m = d.meeting;

  const transition = async (event: MeetingEvent, why?: string) => {
    try {
      await api('meetings.transition', { id: m.id, version: m.version, event, reason: why });
      message.success(`已${MEETING_EVENT_LABELS[event]}`);
      if (event === 'start') go(`meetings/${m.id}/run`);
    } catch (e) {
      report(e);
    }
    load();
  };
  const events = Object.keys(MEETING_TRANSITIONS[m.state]) as MeetingEvent[];

  return (
    <>
      <Breadcrumb items={[{ title: <a href="#/meetings">研判会</a> }, { title: `${m.year}年第${m.sessionNo}次` }]} />
      <Space align="center" wrap style={{ margin: '8px 0' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {meetingTitle(m)} · {chineseDate(m.date)}
        </Typography.Title>
        <Tag color={m.locked ? 'green' : 'blue'} data-testid="meeting-state">{m.state}</Tag>
        {m.locked && <Tag icon={<LockOutlined />}>已锁定</Tag>}
        {m.minutesVersion > 1 && <Tag>纪要第{m.minutesVersion}版</Tag>}
        {m.sensitivePeriod && <Tag color="red">敏感节点：{m.sensitivePeriod}</Tag>}
      </Space>
      <div className="yp-toolbar">
        {(m.state === '筹备' || m.state === '进行中') && (
          <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => (m.state === '筹备' ? transition('start') : go(`meetings/${m.id}/run`))}>
            {m.state === '筹备' ? '开始会议' : '回到会议'}
          </Button>
        )}
        {events.filter((e) => e !== 'start').map((e) => (
          <Button key={e} danger={e === 'reopen'} onClick={() => (e === 'reopen' ? setReopen(true) : transition(e))}>{MEETING_EVENT_LABELS[e]}</Button>
        ))}
        <Space.Compact>
          {([['minutes', '打印纪要'], ['assignment', '打印交办单'], ['agenda', '打印议程']] as const).map(([kind, label]) => (
            <Button key={kind} icon={<PrinterOutlined />} href={`#/briefs?kind=${kind}&meeting=${m.id}`}>{label}</Button>
          ))}
        </Space.Compact>
      </div>
      <Tabs
        items={[
          { key: 'agenda', label: `议程（${d.agenda.length}）`, children: <AgendaEditor detail={d} reload={load} /> },
          {
            key: 'info', label: '基本信息', children: (
              <>
              {!m.locked && <div className="yp-toolbar"><Button onClick={() => setEditing(true)}>修改会议信息</Button></div>}
              <Descriptions bordered size="small" column={2}>
                <Descriptions.Item label="会议类型">{m.type}</Descriptions.Item>
                <Descriptions.Item label="时间">{m.date} {m.startTime}，{m.lengthMinutes} 分钟</Descriptions.Item>
                <Descriptions.Item label="主持">{m.chair || '—'}</Descriptions.Item>
                <Descriptions.Item label="研判周期">{m.period || '—'}</Descriptions.Item>
                <Descriptions.Item label="出席" span={2}>{m.attendees.join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label="请假" span={2}>{m.onLeave.join('、') || '无'}</Descriptions.Item>
                <Descriptions.Item label="列席" span={2}>{m.observers.join('、') || '无'}</Descriptions.Item>
                <Descriptions.Item label="上次会议">{d.previous ? <a href={`#/meetings/${d.previous.id}`}>{d.previous.date} 第{d.previous.sessionNo}次</a> : '—'}</Descriptions.Item>
                <Descriptions.Item label="纪要期号">{m.minutesNo || '—'}</Descriptions.Item>
              </Descriptions>
              </>
            ),
          },
          { key: 'minutes', label: '纪要', children: <MinutesTab detail={d} reload={load} /> },
          {
            key: 'actions', label: `交办（${actions.length}）`, children: (
              <>
                {!m.locked && <div className="yp-toolbar"><Button type="primary" onClick={() => setCreating(true)}>新建交办</Button></div>}
                <ActionTable rows={actions} onOpen={setOpenAction} />
              </>
            ),
          },
        ]}
      />
      <Modal title="重新打开已签发的会议" open={reopen} okText="重新打开" okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }} onCancel={() => setReopen(false)}
        onOk={async () => { setReopen(false); await transition('reopen', reason); setReason(''); }}>
        <Typography.Paragraph>重新打开后纪要成为新的一版；已签发的第{m.minutesVersion}版原样保留，可随时查看。</Typography.Paragraph>
        <Input.TextArea aria-label="重新打开的原因" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请写明原因，例如：补记请假人员" />
      </Modal>
      <ActionForm open={creating} meetingId={m.id} riskIds={[]} onClose={() => setCreating(false)} onSaved={() => { setCreating(false); load(); }} />
      <MeetingFormModal open={editing} meeting={m} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); load(); }} />
      <ActionDrawer id={openAction} onClose={() => setOpenAction(null)} onChanged={load} />
    </>
  );
}
