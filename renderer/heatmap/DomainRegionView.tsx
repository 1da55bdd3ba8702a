// Domain × region: counts or summed scores on a sequential colour scale with a legend; the number
// is always printed in the cell, so the grid reads without colour.
import { useEffect, useState } from 'react';
import { Card, Segmented, Space, Table } from 'antd';
import { api } from '../api';
import type { DomainRegionGrid } from '../../shared/heatmap';
import { useErrorReporter } from '../shell/useApi';
import { clean, type HeatFilterState } from './useHeatFilters';
import { weekText } from './FilterBar';

const SCALE = ['#fff5f0', '#fee0d2', '#fcbba1', '#fc9272', '#fb6a4a', '#de2d26', '#a50f15'];
const colour = (v: number, max: number) => (v <= 0 || max <= 0 ? '#ffffff' : SCALE[Math.min(SCALE.length - 1, Math.ceil((v / max) * (SCALE.length - 1)))]);

export function DomainRegionView({ filters }: { filters: HeatFilterState }) {
  const [g, setG] = useState<DomainRegionGrid | null>(null);
  const [measure, setMeasure] = useState<'件数' | '分值合计'>('件数');
  const [mode, setMode] = useState<'图' | '表'>('图');
  const report = useErrorReporter();
  useEffect(() => {
    api('heatmap.domainRegion', clean(filters)).then(setG, report);
  }, [filters, report]);
  if (!g) return null;
  const val = (d: number, r: number) => {
    const c = g.cells.find((x) => x.domainId === d && x.regionId === r);
    return c ? (measure === '件数' ? c.count : c.score) : 0;
  };
  const max = Math.max(0, ...g.cells.map((c) => (measure === '件数' ? c.count : c.score)));
  const rowTotal = (d: number) => g.regions.reduce((s, r) => s + val(d, r.id), 0);
  const step = max / (SCALE.length - 1);
  return (
    <Card
      size="small"
      title={`领域 × 县区 · ${weekText(g.week)}`}
      extra={
        <Space>
          <Segmented options={['件数', '分值合计']} value={measure} onChange={(v) => setMeasure(v as '件数' | '分值合计')} />
          <Segmented options={['图', '表']} value={mode} onChange={(v) => setMode(v as '图' | '表')} />
        </Space>
      }
    >
      {mode === '图' ? (
        <>
          <table className="yp-drgrid" aria-label="领域与县区热力表">
            <thead>
              <tr><th>领域＼县区</th>{g.regions.map((r) => <th key={r.id}>{r.name}</th>)}<th>合计</th></tr>
            </thead>
            <tbody>
              {g.domains.map((d) => (
                <tr key={d.id}>
                  <th>{d.name}</th>
                  {g.regions.map((r) => {
                    const v = val(d.id, r.id);
                    return <td key={r.id} style={{ background: colour(v, max), color: v > max * 0.6 ? '#fff' : '#111827' }}>{v || ''}</td>;
                  })}
                  <td className="yp-total">{rowTotal(d.id) || ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="yp-scale" aria-label="色阶图例">
            <span>{measure}：</span>
            {SCALE.map((c, k) => (
              <span key={c} className="yp-scale-step"><i style={{ background: c }} />{k === 0 ? '0' : `≤${Math.round(step * k)}`}</span>
            ))}
            <span style={{ color: '#6b7280' }}>（分值 = 可能性 × 影响程度，合计越高风险越集中）</span>
          </div>
        </>
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey="k"
          dataSource={g.cells.map((c) => ({ k: `${c.domainId}-${c.regionId}`, domain: g.domains.find((d) => d.id === c.domainId)?.name, region: g.regions.find((r) => r.id === c.regionId)?.name, count: c.count, score: c.score }))}
          columns={[
            { title: '领域', dataIndex: 'domain' },
            { title: '县区', dataIndex: 'region' },
            { title: '件数', dataIndex: 'count', sorter: (a, b) => a.count - b.count },
            { title: '分值合计', dataIndex: 'score', sorter: (a, b) => a.score - b.score, defaultSortOrder: 'descend' },
          ]}
        />
      )}
    </Card>
  );
}
