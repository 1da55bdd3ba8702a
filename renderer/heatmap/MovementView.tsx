// Week-over-week movement: four counters with arrows (words, not colour, carry the meaning) and the list.
import { useEffect, useState } from 'react';
import { Alert, Card, Col, Empty, Row, Segmented, Statistic, Table, Tag } from 'antd';
import { api } from '../api';
import type { Movement, WeekRisk } from '../../shared/heatmap';
import { useErrorReporter } from '../shell/useApi';
import { LevelTag } from '../register/LevelTag';
import { clean, type HeatFilterState } from './useHeatFilters';
import { weekText } from './FilterBar';

const KINDS = [
  { key: 'rose', label: '↑ 升级', color: 'red' },
  { key: 'appeared', label: '＋ 新增', color: 'orange' },
  { key: 'fell', label: '↓ 降级', color: 'blue' },
  { key: 'closed', label: '✓ 销号', color: 'green' },
] as const;

export function MovementView({ filters, onOpenRisk }: { filters: HeatFilterState; onOpenRisk: (id: number) => void }) {
  const [m, setM] = useState<Movement | null>(null);
  const [kind, setKind] = useState<string>('全部');
  const report = useErrorReporter();
  useEffect(() => {
    api('heatmap.movement', clean(filters)).then(setM, report);
  }, [filters, report]);
  if (!m) return null;
  const items = kind === '全部' ? m.items : m.items.filter((i) => KINDS.find((k) => k.label === kind)?.key === i.kind);
  return (
    <>
      <Row gutter={8} style={{ marginBottom: 12 }}>
        {KINDS.map((k) => (
          <Col span={6} key={k.key}>
            <Card size="small"><Statistic title={`${k.label}（对比 ${m.prevWeek} 当周）`} value={m.counts[k.key]} suffix="件" /></Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={`周变化 · ${weekText(m.week)}`} extra={<Segmented options={['全部', ...KINDS.map((k) => k.label)]} value={kind} onChange={(v) => setKind(String(v))} />}>
        {m.truncated && <Alert type="info" showIcon style={{ marginBottom: 8 }} message="变化较多：每类只列出等级最高的前 200 条（上方件数为全部）；可用领域、县区筛选缩小范围。" />}
        {m.carried ? (
          <Empty description="这一周还没有新的研判或状态变化" />
        ) : (
          <Table
            size="small"
            rowKey="riskId"
            data-testid="movement-list"
            dataSource={items}
            pagination={{ pageSize: 15 }}
            columns={[
              { title: '变化', dataIndex: 'kind', width: 90, render: (k: string) => { const x = KINDS.find((y) => y.key === k); return x ? <Tag color={x.color}>{x.label}</Tag> : k; } },
              { title: '编号', dataIndex: 'code', width: 120 },
              { title: '事项名称', dataIndex: 'title', render: (t: string, r: WeekRisk) => <a onClick={() => onOpenRisk(r.riskId)}>{t}</a> },
              { title: '上周', dataIndex: 'prevLevel', width: 110, render: (l: number | null) => (l === null ? '—' : <LevelTag level={l || null} />) },
              { title: '本周', dataIndex: 'level', width: 110, render: (l: number, r: WeekRisk) => (r.kind === 'closed' ? '已销号' : <LevelTag level={l || null} />) },
              { title: '领域', dataIndex: 'domain', width: 100 },
              { title: '县区', dataIndex: 'region', width: 90 },
            ]}
          />
        )}
      </Card>
    </>
  );
}
