// 交办督办: a board by state, a filterable list, per-unit figures, and the supervision settings.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Badge, Button, Card, Empty, Input, Select, Spin, Table, Tabs, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { ACTION_STATES, SUPERVISION_LEVELS } from '../../shared/actions';
import type { ActionRow, UnitSummary } from '../../shared/actionItems';
import { meetingDisplayName, type MeetingRow } from '../../shared/meetings';
import { ActionDrawer } from './ActionDrawer';
import { ActionForm } from './ActionForm';
import { ActionTable } from './ActionTable';
import { DueTag, SupervisionTag } from './SupervisionTag';
import { SupervisionSettingsForm } from './SupervisionSettingsForm';
import { RiskPicker } from '../meetings/RiskPicker';

interface Filters {
  unit?: string;
  state?: (typeof ACTION_STATES)[number];
  dueStatus?: '正常' | '临期' | '超期' | '已办结';
  supervision?: (typeof SUPERVISION_LEVELS)[number];
  meetingId?: number;
  riskId?: number;
  query?: string;
}

export function ActionsPage({ subpath }: { subpath: string }) {
  const report = useErrorReporter();
  const [rows, setRows] = useState<ActionRow[]>([]);
  const [units, setUnits] = useState<UnitSummary[]>([]);
  const [meetings, setMeetings] = useState<MeetingRow[]>([]);
  const [filters, setFilters] = useState<Filters>({});
  const [openId, setOpenId] = useState<number | null>(Number(subpath) || null);
  const [creating, setCreating] = useState(false);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [list, u] = await Promise.all([api('actions.list', { ...filters, limit: 5000 }), api('actions.units', {})]);
      setRows(list.rows);
      setUnits(u);
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [filters, report]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    api('meetings.list', { limit: 200 }).then(setMeetings, report);
  }, [report]);

  const set = (p: Partial<Filters>) => setFilters((f) => ({ ...f, ...p }));
  const toolbar = (
    <div className="yp-toolbar">
      <Input.Search placeholder="搜索编号、内容、单位" allowClear style={{ width: 220 }} onSearch={(q) => set({ query: q || undefined })} />
      <Select aria-label="责任单位" placeholder="责任单位" allowClear showSearch style={{ width: 180 }} value={filters.unit} onChange={(v) => set({ unit: v })} options={units.map((u) => ({ value: u.unit, label: u.unit }))} />
      <Select aria-label="状态" placeholder="状态" allowClear style={{ width: 110 }} value={filters.state} onChange={(v) => set({ state: v })} options={ACTION_STATES.map((s) => ({ value: s, label: s }))} />
      <Select aria-label="时限" placeholder="时限" allowClear style={{ width: 100 }} value={filters.dueStatus} onChange={(v) => set({ dueStatus: v })} options={['正常', '临期', '超期', '已办结'].map((s) => ({ value: s, label: s }))} />
      <Select aria-label="督办等级" placeholder="督办等级" allowClear style={{ width: 120 }} value={filters.supervision} onChange={(v) => set({ supervision: v })} options={SUPERVISION_LEVELS.map((s) => ({ value: s, label: s }))} />
      <Select aria-label="来源会议" placeholder="来源会议" allowClear showSearch optionFilterProp="label" style={{ width: 230 }} value={filters.meetingId} onChange={(v) => set({ meetingId: v })}
        options={meetings.map((m) => ({ value: m.id, label: meetingDisplayName(m) }))} />
      <div style={{ width: 240 }}>
        <RiskPicker multiple={false} placeholder="关联风险" value={filters.riskId ? [filters.riskId] : undefined} onChange={(v) => set({ riskId: v[0] })} />
      </div>
      <Button onClick={() => setFilters({})}>清除筛选</Button>
      <Button icon={<ReloadOutlined />} onClick={() => void load()} />
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建交办</Button>
    </div>
  );

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>交办督办</Typography.Title>
      {toolbar}
      <Tabs
        items={[
          // Dimmed and not clickable while a list is on its way: after a filter is chosen the cards shown
          // are still the previous list's until the new one is back.
          { key: 'board', label: '看板', children: <Spin spinning={loading}><Board rows={rows} onOpen={setOpenId} /></Spin> },
          { key: 'list', label: `列表（${rows.length}）`, children: <ActionTable rows={rows} loading={loading} onOpen={setOpenId} /> },
          { key: 'units', label: '责任单位', children: <UnitTable units={units} onPick={(unit) => set({ unit })} /> },
          { key: 'settings', label: '督办设置', children: <SupervisionSettingsForm onSaved={() => void load()} /> },
        ]}
      />
      <ActionDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => void load()} />
      <ActionForm open={creating} onClose={() => setCreating(false)} onSaved={(a) => { setCreating(false); void load(); setOpenId(a.id); }} />
    </>
  );
}

function Board({ rows, onOpen }: { rows: ActionRow[]; onOpen: (id: number) => void }) {
  // Most urgent first in open columns; most recently closed first in 办结.
  const urgency = (a: ActionRow) => (a.due.status === '超期' ? 100_000 + a.due.overdueDays : -(a.due.daysLeft ?? 0));
  const cols = useMemo(
    () => ACTION_STATES.map((s) => ({
      state: s,
      items: rows.filter((r) => r.state === s).sort((a, b) => (s === '办结' ? ((b.closedOn ?? '') < (a.closedOn ?? '') ? -1 : 1) : urgency(b) - urgency(a))),
    })),
    [rows],
  );
  return (
    <div className="yp-board">
      {cols.map((c) => (
        <div key={c.state} className="yp-board-col" data-testid={`board-${c.state}`}>
          <div className="yp-board-head">
            {c.state} <Badge count={c.items.length} showZero color={c.state === '办结' ? '#52c41a' : '#b71c1c'} />
          </div>
          {c.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" />}
          {c.items.slice(0, 60).map((a) => (
            <Card key={a.id} size="small" className="yp-board-card" hoverable onClick={() => onOpen(a.id)} data-testid="action-card">
              <div><Typography.Text strong>{a.code}</Typography.Text> <SupervisionTag level={a.due.level} /></div>
              <div className="yp-board-content">{a.content}</div>
              <div className="yp-board-meta">
                {a.leadUnit} · <DueTag due={a.due} />
              </div>
            </Card>
          ))}
          {c.items.length > 60 && <Typography.Text type="secondary">另有 {c.items.length - 60} 项，请用列表查看</Typography.Text>}
        </div>
      ))}
    </div>
  );
}

function UnitTable({ units, onPick }: { units: UnitSummary[]; onPick: (unit: string) => void }) {
  return (
    <Table<UnitSummary>
      rowKey="unit"
      size="small"
      dataSource={units}
      pagination={false}
      columns={[
        { title: '责任单位', dataIndex: 'unit', render: (u: string) => <a onClick={() => onPick(u)}>{u}</a> },
        { title: '交办总数', dataIndex: 'total', width: 100 },
        { title: '在办', dataIndex: 'open', width: 80 },
        { title: '超期', dataIndex: 'overdue', width: 80, render: (n: number) => (n ? <Typography.Text type="danger" strong>{n}</Typography.Text> : 0) },
        { title: '已办结', dataIndex: 'closed', width: 90 },
        {
          title: '按期办结率', key: 'rate', width: 160, sorter: (a, b) => (a.onTimeRate ?? 2) - (b.onTimeRate ?? 2),
          render: (_: unknown, u) => (u.onTimeRate === null ? '—（尚无到期事项）' : `${(u.onTimeRate * 100).toFixed(1)}%（${u.onTime}/${u.counted}）`),
        },
      ]}
    />
  );
}
