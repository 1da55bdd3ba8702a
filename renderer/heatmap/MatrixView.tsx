import { useEffect, useState } from 'react';
import { Card, Col, Empty, Row, Segmented, Statistic, Table, Typography } from 'antd';
import { api } from '../api';
import type { HeatGrid, WeekRisk } from '../../shared/heatmap';
import { useErrorReporter, useFirstRead } from '../shell/useApi';
import { LevelTag } from '../register/LevelTag';
import { LiGrid } from './LiGrid';
import { LevelLegend, LEVEL_LABEL } from './levels';
import { clean, type HeatFilterState } from './useHeatFilters';
import { weekText } from './FilterBar';

export function riskColumns(onOpen?: (id: number) => void) {
  return [
    { title: '编号', dataIndex: 'code', width: 120 },
    { title: '事项名称', dataIndex: 'title', render: (t: string, r: WeekRisk) => (onOpen ? <a onClick={() => onOpen(r.riskId)}>{t}</a> : t) },
    { title: '等级', dataIndex: 'level', width: 110, render: (l: number) => <LevelTag level={l || null} /> },
    { title: '领域', dataIndex: 'domain', width: 110 },
    { title: '县区', dataIndex: 'region', width: 90 },
    { title: '状态', dataIndex: 'status', width: 90 },
  ];
}

export function MatrixView({ filters, onMeta, onOpenRisk }: { filters: HeatFilterState; onMeta: (w: { week: string; carried: boolean }) => void; onOpenRisk: (id: number) => void }) {
  const firstGrid = useFirstRead('heatmap.grid', clean(filters));
  const [grid, setGrid] = useState<HeatGrid | null>(firstGrid.value ?? null);
  const [sel, setSel] = useState<{ l: number; i: number } | null>(null);
  const [rows, setRows] = useState<WeekRisk[] | null>(null);
  const [mode, setMode] = useState<'图' | '表'>('图');
  const report = useErrorReporter();

  useEffect(() => {
    const shown = (g: HeatGrid) => {
      setGrid(g);
      onMeta({ week: g.week, carried: g.carried });
    };
    // The first grid came with the first render: only the page's week label is still to be told.
    if (firstGrid.skipLoad()) return shown(firstGrid.value!);
    api('heatmap.grid', clean(filters)).then(shown, report);
  }, [filters, report, onMeta, firstGrid]);

  useEffect(() => {
    if (!sel) return setRows(null);
    api('heatmap.cell', clean({ ...filters, likelihood: sel.l, impact: sel.i })).then((r) => setRows(r.rows), report);
  }, [sel, filters, report, grid]);

  if (!grid) return null;
  const table = grid.cells.map((c) => ({ key: `${c.likelihood}-${c.impact}`, ...c, score: c.likelihood * c.impact }));
  return (
    <Row gutter={16}>
      <Col flex="none">
        <Card size="small" title={`风险矩阵 · ${weekText(grid.week)}`} extra={<Segmented options={['图', '表']} value={mode} onChange={(v) => setMode(v as '图' | '表')} />}>
          {mode === '图' ? (
            <>
              <LiGrid grid={grid} selected={sel} onSelect={(l, i) => setSel({ l, i })} />
              <div><LevelLegend /></div>
              <Typography.Text type="secondary">格子底色为矩阵分区（分值 ≥{grid.bands.red} 重大，≥{grid.bands.orange} 较大，≥{grid.bands.yellow} 一般，其余为低）；数字为件数，点击查看事项。</Typography.Text>
            </>
          ) : (
            <Table size="small" pagination={false} dataSource={table} style={{ width: 520 }} columns={[
              { title: '可能性', dataIndex: 'likelihood' },
              { title: '影响程度', dataIndex: 'impact' },
              { title: '分值', dataIndex: 'score' },
              { title: '矩阵分区', dataIndex: 'score', render: (sc: number) => LEVEL_LABEL[sc >= grid.bands.red ? 1 : sc >= grid.bands.orange ? 2 : sc >= grid.bands.yellow ? 3 : 4] },
              { title: '件数', dataIndex: 'count' },
            ]} />
          )}
        </Card>
      </Col>
      <Col flex="auto">
        <Row gutter={8} style={{ marginBottom: 12 }}>
          <Col span={4}><Card size="small"><Statistic title="在册" value={grid.total} suffix="件" /></Card></Col>
          {[1, 2, 3, 4].map((l) => (
            <Col span={4} key={l}><Card size="small"><Statistic title={LEVEL_LABEL[l]} value={grid.byLevel[l] ?? 0} suffix="件" /></Card></Col>
          ))}
          <Col span={4}><Card size="small"><Statistic title="未评分" value={grid.unrated} suffix="件" /></Card></Col>
        </Row>
        <Card size="small" title={sel ? `可能性 ${sel.l} × 影响程度 ${sel.i} 的事项（${rows?.length ?? 0} 件）` : '点击左侧格子查看其中的事项'}>
          {rows ? <Table size="small" rowKey="riskId" dataSource={rows} columns={riskColumns(onOpenRisk)} pagination={{ pageSize: 10 }} data-testid="cell-risks" /> : <Empty description="未选择格子" />}
        </Card>
      </Col>
    </Row>
  );
}
