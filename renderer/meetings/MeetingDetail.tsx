// One meeting: state and its next steps, agenda, facts, minutes (with signed versions), assignments.
import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Breadcrumb, Button, Descriptions, Input, Modal, Space, Tabs, Tag, Typography } from 'antd';
import { FileTextOutlined, LockOutlined, PlayCircleOutlined, PrinterOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useErrorReporter, useLatestLoad } from '../shell/useApi';
import { chineseDate } from '../../shared/dates';
import { MEETING_EVENT_LABELS, MEETING_TRANSITIONS, meetingTitle, type MeetingDetail as Detail, type MeetingEvent } from '../../shared/meetings';
import { useToday } from '../shell/today';
import { SignDialog, CancelDialog } from './MeetingDialogs';
import type { ActionRow } from '../../shared/actionItems';
import { AgendaEditor } from './AgendaEditor';
import { MinutesTab } from './MinutesTab';
import { ActionTable } from '../actions/ActionTable';
import { ActionForm } from '../actions/ActionForm';
import { ActionDrawer } from '../actions/ActionDrawer';
import { go } from '../shell/route';
import { MeetingFormModal } from './MeetingList';

export function MeetingDetail({ id, tab }: { id: number; tab?: string }) {
  const report = useErrorReporter();
  const { message, modal } = App.useApp();
  const today = useToday();
  const [signing, setSigning] = useState(false);
  const pendingMinutes = useRef<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [activeTab, setActiveTab] = useState(tab ?? 'agenda');
  useEffect(() => setActiveTab(tab ?? 'agenda'), [tab, id]);
  const [d, setD] = useState<Detail | null>(null);
  const [actions, setActions] = useState<ActionRow[]>([]);
  const [reopen, setReopen] = useState(false);
  const [reason, setReason] = useState('');
  const [creating, setCreating] = useState(false);
  const [openAction, setOpenAction] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const latestMeeting = useLatestLoad();
  const latestActions = useLatestLoad();
  const load = useCallback(() => {
    latestMeeting(api('meetings.get', { id }), setD, report);
    latestActions(api('actions.list', { meetingId: id, limit: 500 }), (r) => setActions(r.rows), report);
  }, [id, report, latestMeeting, latestActions]);
  useEffect(load, [load]);
  if (!d) return null;
  const m = d.meeting;

  const transition = async (event: MeetingEvent, why?: string, signer?: string, version = m.version) => {
    try {
      await api('meetings.transition', { id: m.id, version, event, reason: why, signer });
      message.success(`已${MEETING_EVENT_LABELS[event]}`);
      if (event === 'start') go(`meetings/${m.id}/run`);
      if (event === 'draft') setActiveTab('minutes');
    } catch (e) {
      report(e);
    }
    load();
  };
  // A meeting held before its date: offered to move to today, never started in the future.
  const start = () => {
    if (m.date <= today) return void transition('start');
    modal.confirm({
      title: '会议日期还没到',
      content: `${meetingTitle(m)}定于${chineseDate(m.date)}召开，今天是${chineseDate(today)}。改为今天召开并开始会议？`,
      okText: '改为今天并开始',
      cancelText: '不开始',
      onOk: async () => {
        try {
          const moved = await api('meetings.update', { id: m.id, version: m.version, patch: { date: today } });
          await transition('start', undefined, undefined, moved.version);
        } catch (e) {
          report(e);
        }
      },
    });
  };
  const end = () => {
    const left = d.agenda.filter((a) => a.status === '待议').length;
    modal.confirm({
      title: '结束会议',
      content: `议了 ${d.agenda.length - left} 项、未议 ${left} 项${left ? '转下次' : ''}。结束后不能再记录研判。`,
      okText: '结束会议',
      onOk: () => transition('end'),
    });
  };
  const events = (Object.keys(MEETING_TRANSITIONS[m.state]) as MeetingEvent[]).filter((e) => !['start', 'cancel'].includes(e));
  const onEvent = (e: MeetingEvent) => (e === 'reopen' ? setReopen(true) : e === 'sign' ? setSigning(true) : e === 'end' ? end() : transition(e));

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
        {m.state === '已取消' && <Typography.Text type="secondary">取消原因：{m.cancelReason}</Typography.Text>}
      </Space>
      <div className="yp-toolbar">
        {(m.state === '筹备' || m.state === '进行中') && (
          <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => (m.state === '筹备' ? start() : go(`meetings/${m.id}/run`))}>
            {m.state === '筹备' ? '开始会议' : '回到会议'}
          </Button>
        )}
        {events.map((e) => (
          <Button key={e} type={e === 'sign' ? 'primary' : 'default'} danger={e === 'reopen'} onClick={() => onEvent(e)}>{MEETING_EVENT_LABELS[e]}</Button>
        ))}
        {m.state === '筹备' && <Button danger onClick={() => setCancelling(true)}>取消会议</Button>}
        {m.locked && <Button onClick={() => go(`meetings/${m.id}/run`)}>会议记录（只读）</Button>}
        {m.locked && <Button type="primary" icon={<FileTextOutlined />} href={`#/briefs?kind=weekly&meeting=${m.id}`}>打印专报</Button>}
        <Space.Compact>
          {([['minutes', '打印纪要'], ['assignment', '打印交办单'], ['agenda', '打印议程']] as const).map(([kind, label]) => (
            <Button key={kind} icon={<PrinterOutlined />} href={`#/briefs?kind=${kind}&meeting=${m.id}`}>{label}</Button>
          ))}
        </Space.Compact>
      </div>
      <Tabs
        activeKey={activeTab}
        onChange={setActiveTab}
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
          { key: 'minutes', label: '纪要', children: <MinutesTab detail={d} reload={load} pending={pendingMinutes} /> },
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
      <SignDialog open={signing} meeting={m} onClose={() => setSigning(false)} onSign={async (signer) => {
        setSigning(false);
        // What is on screen is what gets signed: unsaved edits are saved first.
        let version = m.version;
        if (pendingMinutes.current !== null) {
          try {
            version = (await api('meetings.saveMinutes', { id: m.id, version, text: pendingMinutes.current })).version;
          } catch (e) {
            return report(e);
          }
        }
        await transition('sign', undefined, signer, version);
      }} />
      <CancelDialog open={cancelling} meeting={m} onClose={() => setCancelling(false)} onCancel={async (why) => { setCancelling(false); await transition('cancel', why); }} />
      <ActionForm open={creating} meetingId={m.id} riskIds={[]} onClose={() => setCreating(false)} onSaved={() => { setCreating(false); load(); }} />
      <MeetingFormModal open={editing} meeting={m} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); load(); }} />
      <ActionDrawer id={openAction} onClose={() => setOpenAction(null)} onChanged={load} />
    </>
  );
}
