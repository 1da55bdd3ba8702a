// The ranked agenda proposal, one server page at a time: the main list (choose by checkbox or
// 按会议时长选取) and the consent list 一揽子研判 (pull an item onto the agenda, or confirm the
// whole list in one decision). The page never holds more than one page of proposals.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useErrorReporter, useLatestLoad } from '../shell/useApi';
import { AGENDA_REASON_LABELS, type AgendaReason } from '../../shared/agenda';
import { PROPOSAL_LIST_LABELS, type ProposalList, type ProposalPage, type ProposalRow, type ProposalSummary } from '../../shared/agendaProposal';
import type { MeetingRow } from '../../shared/meetings';
import { LevelTag } from '../register/LevelTag';

export function ReasonTags({ reasons }: { reasons: AgendaReason[] }) {
  return (
    <>
      {reasons.map((r) => (
        <Tooltip key={r.kind} title={r.detail}>
          <Tag style={{ fontSize: 12, marginInlineEnd: 4 }}>{AGENDA_REASON_LABELS[r.kind]}</Tag>
        </Tooltip>
      ))}
    </>
  );
}

const PAGE_SIZES = [10, 20, 50];

export function AgendaProposal(p: { meeting: MeetingRow; summary: ProposalSummary; agendaMinutes: number; changed: () => void; onClose: () => void }) {
  const m = p.meeting;
  const [tab, setTab] = useState<ProposalList>('main');
  const s = p.summary;
  return (
    <div className="yp-notice" data-testid="agenda-proposal">
      <Space style={{ marginBottom: 4 }} wrap>
        <Typography.Text strong>议程建议（{s.asOf} 生成）：共 {s.all} 项</Typography.Text>
        <Typography.Text type="secondary">按等级、理由、超期天数和敏感节点远近排序（权重见“设置 › 议程”）</Typography.Text>
        <Button size="small" onClick={p.onClose}>收起</Button>
      </Space>
      {/* Only the tab shown is rendered: the page holds one page of proposals, not one per list. */}
      <Tabs
        size="small"
        activeKey={tab}
        onChange={(k) => setTab(k as ProposalList)}
        items={[
          { key: 'main', label: `${PROPOSAL_LIST_LABELS.main}（${s.main}，${s.mainNotInAgenda} 项未列入）`, children: tab === 'main' && <MainList meeting={m} agendaMinutes={p.agendaMinutes} summary={s} changed={p.changed} /> },
          { key: 'consent', label: `${PROPOSAL_LIST_LABELS.consent}（${s.consent}）`, children: tab === 'consent' && <ConsentList meeting={m} summary={s} changed={p.changed} /> },
        ]}
      />
    </div>
  );
}

function usePage(meetingId: number, list: ProposalList, summary: ProposalSummary) {
  const report = useErrorReporter();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [data, setData] = useState<ProposalPage | null>(null);
  const latest = useLatestLoad();
  const load = useCallback(() => {
    latest(api('agenda.proposal', { meetingId, list, page, pageSize }), setData, report);
  }, [meetingId, list, page, pageSize, report, latest]);
  // The summary changes with every write that touches the agenda: reload the page shown.
  useEffect(load, [load, summary]);
  const pagination = {
    current: page,
    pageSize,
    total: data?.total ?? 0,
    pageSizeOptions: PAGE_SIZES,
    showSizeChanger: true,
    size: 'small' as const,
    showTotal: (t: number) => `共 ${t} 项`,
    onChange: (pg: number, size: number) => {
      setPage(size !== pageSize ? 1 : pg);
      setPageSize(size);
    },
  };
  return { rows: data?.rows ?? [], pagination };
}

const baseColumns = [
  { title: '序', dataIndex: 'rank', width: 56 },
  { title: '编号', dataIndex: 'code', width: 116 },
  { title: '事项', dataIndex: 'title', ellipsis: true, render: (t: string, r: ProposalRow) => <Tooltip title={`${r.region} · ${r.domain}`}>{t}</Tooltip> },
  { title: '等级', dataIndex: 'level', width: 96, render: (l: number | null) => <LevelTag level={l} /> },
  { title: '理由', key: 'r', width: 300, render: (_: unknown, r: ProposalRow) => <ReasonTags reasons={r.reasons} /> },
];

function MainList({ meeting: m, agendaMinutes, summary, changed }: { meeting: MeetingRow; agendaMinutes: number; summary: ProposalSummary; changed: () => void }) {
  const report = useErrorReporter();
  const { message } = App.useApp();
  const { rows, pagination } = usePage(m.id, 'main', summary);
  const [picked, setPicked] = useState<number[]>([]);
  const free = m.lengthMinutes - agendaMinutes;
  const run = async (p: Promise<unknown>, ok: string) => {
    try {
      await p;
      message.success(ok);
      setPicked([]);
    } catch (e) {
      report(e);
    }
    changed();
  };
  return (
    <>
      <Space style={{ marginBottom: 6 }} wrap>
        <Button type="primary" size="small" icon={<PlusOutlined />} disabled={!picked.length} onClick={() => void run(api('agenda.add', { meetingId: m.id, version: m.version, riskIds: picked }), `已加入议程 ${picked.length} 项`)}>
          加入议程{picked.length ? `（${picked.length}）` : ''}
        </Button>
        <Tooltip title={`按排序依次加入，直到排满会议时长（尚余 ${Math.max(free, 0)} 分钟）`}>
          <Button size="small" icon={<ClockCircleOutlined />} disabled={free <= 0 || summary.mainNotInAgenda === 0} onClick={() => void run(api('agenda.fill', { meetingId: m.id, version: m.version }), '已按会议时长选取')}>
            按会议时长选取
          </Button>
        </Tooltip>
      </Space>
      <Table<ProposalRow>
        size="small"
        rowKey="riskId"
        data-testid="proposal-main"
        dataSource={rows}
        pagination={pagination}
        rowSelection={{ selectedRowKeys: picked, preserveSelectedRowKeys: true, onChange: (keys) => setPicked(keys as number[]), getCheckboxProps: (r) => ({ disabled: r.inAgenda, 'aria-label': `选择 ${r.code}` }) }}
        columns={[
          ...baseColumns,
          { title: '时长', dataIndex: 'minutes', width: 64, render: (n: number) => `${n} 分` },
          { title: '', key: 'in', width: 72, render: (_: unknown, r) => (r.inAgenda ? <Tag color="green">已列入</Tag> : null) },
        ]}
      />
    </>
  );
}

function ConsentList({ meeting: m, summary, changed }: { meeting: MeetingRow; summary: ProposalSummary; changed: () => void }) {
  const report = useErrorReporter();
  const { message } = App.useApp();
  const { rows, pagination } = usePage(m.id, 'consent', summary);
  const pull = async (r: ProposalRow) => {
    try {
      await api('agenda.add', { meetingId: m.id, version: m.version, riskIds: [r.riskId] });
      message.success(`${r.code} 已移入主议程`);
    } catch (e) {
      report(e);
    }
    changed();
  };
  const confirm = async () => {
    try {
      const r = await api('meetings.consentConfirm', { meetingId: m.id, version: m.version });
      message.success(`一揽子研判已确认：${r.confirmed} 项维持原等级${r.movedToAgenda ? `；${r.movedToAgenda} 项计算等级已变化，移入主议程` : ''}`);
    } catch (e) {
      report(e);
    }
    changed();
  };
  return (
    <>
      <Space style={{ marginBottom: 6 }} wrap>
        <Typography.Text type="secondary">到期研判、无新动态、无超期或退回的交办、今日计算等级与上次研判等级相同的事项，会上一次确认，各自维持原等级。</Typography.Text>
        <Popconfirm
          title={`确认一揽子研判：${summary.consentPending} 项各记一条“维持原等级”的研判记录？`}
          okText="确认"
          cancelText="取消"
          disabled={summary.consentPending === 0}
          onConfirm={() => void confirm()}
        >
          <Button type="primary" size="small" disabled={summary.consentPending === 0}>
            {summary.consentPending === 0 && summary.consent > 0 ? '一揽子研判已确认' : `确认一揽子研判（${summary.consentPending} 项）`}
          </Button>
        </Popconfirm>
      </Space>
      <Table<ProposalRow>
        size="small"
        rowKey="riskId"
        data-testid="proposal-consent"
        dataSource={rows}
        pagination={pagination}
        columns={[
          ...baseColumns,
          {
            title: '', key: 'op', width: 110,
            render: (_: unknown, r) => (r.assessed ? <Tag color="green">已维持原等级</Tag> : <Button size="small" onClick={() => void pull(r)}>移入主议程</Button>),
          },
        ]}
      />
    </>
  );
}
