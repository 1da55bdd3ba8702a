// Trends with recharts: open risks by level per week (stacked), by domain, new vs closed per week.
import { useEffect, useState } from 'react';
import { Card, Col, Row, Segmented, Select, Space, Table } from 'antd';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api';
import type { Trend } from '../../shared/heatmap';
import { useErrorReporter } from '../shell/useApi';
import { clean, type HeatFilterState } from './useHeatFilters';
import { LevelPatterns, LEVEL_HEX, LEVEL_LABEL } from './levels';

const DOMAIN_COLOURS = ['#b71c1c', '#1f5fbf', '#2e7d32', '#e67e22', '#6a1b9a', '#00838f', '#5d4037', '#c2185b', '#827717', '#37474f', '#ef6c00'];
const DASHES = ['', '6 3', '2 2', '8 3 2 3', '1 3'];
const short = (w: string) => w.slice(5);

export function TrendView({ filters }: { filters: HeatFilterState }) {
  const [t, setT] = useState<Trend | null>(null);
  const [weeks, setWeeks] = useState(26);
  const [mode, setMode] = useState<'图' | '表'>('图');
  const report = useErrorReporter();
  useEffect(() => {
    api('heatmap.trend', clean({ ...filters, weeks })).then(setT, report);
  }, [filters, weeks, report]);
  if (!t) return null;
  const levels = t.points.map((p) => ({ week: short(p.week), ...Object.fromEntries([1, 2, 3, 4].map((l) => [LEVEL_LABEL[l], p.byLevel[l] ?? 0])), 合计: p.total, 新增: p.appeared, 销号: p.closed }));
  const byDomain = t.byDomain.map((d) => ({ week: short(d.week), ...Object.fromEntries(t.domains.map((n) => [n, d.counts[n] ?? 0])) }));
  const extra = (
    <Space>
      <Select value={weeks} onChange={setWeeks} style={{ width: 110 }} aria-label="周数" options={[8, 13, 26, 52].map((n) => ({ value: n, label: `近 ${n} 周` }))} />
      <Segmented options={['图', '表']} value={mode} onChange={(v) => setMode(v as '图' | '表')} />
    </Space>
  );
  if (mode === '表') {
    return (
      <Card size="small" title="趋势（表）" extra={extra}>
        <Table size="small" rowKey="week" pagination={false} dataSource={levels} columns={[{ title: '周（起）', dataIndex: 'week' }, ...[1, 2, 3, 4].map((l) => ({ title: LEVEL_LABEL[l], dataIndex: LEVEL_LABEL[l] })), { title: '合计', dataIndex: '合计' }, { title: '新增', dataIndex: '新增' }, { title: '销号', dataIndex: '销号' }]} />
        <Table size="small" rowKey="week" pagination={false} style={{ marginTop: 12 }} dataSource={byDomain} scroll={{ x: true }} columns={[{ title: '周（起）', dataIndex: 'week' }, ...t.domains.map((n) => ({ title: n, dataIndex: n }))]} />
      </Card>
    );
  }
  return (
    <Row gutter={[12, 12]}>
      <Col span={24}>
        <Card size="small" title="各等级在册件数（每周，堆叠）" extra={extra}>
          <BarChart width={1080} height={280} data={levels} margin={{ left: 0, right: 16 }}>
            <LevelPatterns />
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip />
            <Legend />
            {[4, 3, 2, 1].map((l) => <Bar key={l} dataKey={LEVEL_LABEL[l]} stackId="a" fill={`url(#yp-pat-${l})`} stroke={LEVEL_HEX[l]} isAnimationActive={false} />)}
          </BarChart>
        </Card>
      </Col>
      <Col span={14}>
        <Card size="small" title="按领域在册件数">
          <LineChart width={640} height={280} data={byDomain}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {t.domains.map((n, k) => <Line key={n} dataKey={n} stroke={DOMAIN_COLOURS[k % DOMAIN_COLOURS.length]} strokeDasharray={DASHES[k % DASHES.length]} dot={false} isAnimationActive={false} />)}
          </LineChart>
        </Card>
      </Col>
      <Col span={10}>
        <Card size="small" title="每周新增与销号">
          <BarChart width={430} height={280} data={levels}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip />
            <Legend />
            <Bar dataKey="新增" fill="#e67e22" isAnimationActive={false} />
            <Bar dataKey="销号" fill="#2e7d32" isAnimationActive={false} />
          </BarChart>
        </Card>
      </Col>
    </Row>
  );
}
