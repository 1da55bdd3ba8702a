// One 统计 table (shared/statsTables.ts) with its chart beside it. Every figure with records is a
// link to them; row and column names carry the measure's definition as a tooltip. Charts use
// black, greys and hatching with the value written on each bar, so they read on a grey printout.
import type { ReactNode } from 'react';
import { Button, Card, Col, Row, Table, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, XAxis, YAxis } from 'recharts';
import { MEASURE_INFO, type Measure } from '../../shared/stats';
import { cellText, type StatsCell, type StatsTable } from '../../shared/statsTables';

const GREYS = ['#222', '#8c8c8c', 'url(#yp-stats-hatch)'];

function defOfName(name: string): string | undefined {
  const plain = name.replace(/（.*?）/g, '').replace(/^\u3000其中/, '').trim();
  return Object.values(MEASURE_INFO).find((m) => m.name === plain)?.def;
}

export function Hatch() {
  return (
    <defs>
      <pattern id="yp-stats-hatch" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#fff" />
        <path d="M0 6L6 0" stroke="#222" strokeWidth="1.2" />
      </pattern>
    </defs>
  );
}

export function StatsTableCard({ table, onDrill, onExport, chart }: { table: StatsTable; onDrill: (cell: StatsCell, row: string, column: string) => void; onExport: () => void; chart?: ReactNode }) {
  const rowLabel = (row: StatsCell[]) => String((table.key === 'units' ? row[1] : row[0]).v).trim();
  const measureOfColumn = (k: number): Measure | undefined => table.rows.find((r) => r[k]?.drill)?.[k].drill?.measure;
  const columns = table.columns.map((title, k) => {
    const m = measureOfColumn(k);
    const def = table.key === 'overview' || table.key === 'rates' ? undefined : m ? MEASURE_INFO[m].def : defOfName(title);
    return {
      key: String(k),
      title: def ? <Tooltip title={def}><span className="yp-def">{title}</span></Tooltip> : title,
      align: k === 0 || title === '责任单位' ? ('left' as const) : ('right' as const),
      render: (_: unknown, row: StatsCell[]) => {
        const c = row[k];
        if (k === 0 && (table.key === 'overview' || table.key === 'rates')) {
          const d = c.v ? (row.find((x) => x.drill)?.drill ? MEASURE_INFO[row.find((x) => x.drill)!.drill!.measure].def : defOfName(String(c.v))) : undefined;
          return d ? <Tooltip title={d}><span className="yp-def">{cellText(c)}</span></Tooltip> : cellText(c);
        }
        if (c.drill && typeof c.v === 'number')
          return (
            <Button type="link" size="small" className="yp-figure" onClick={() => onDrill(c, rowLabel(row), table.columns[k])} aria-label={`${rowLabel(row)}·${table.columns[k]}：${c.v}`}>
              {c.v}
            </Button>
          );
        return cellText(c);
      },
    };
  });
  const body = (
    <Table
      size="small"
      bordered
      rowKey={(r) => table.rows.indexOf(r)}
      pagination={false}
      dataSource={table.rows}
      columns={columns}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '本期无数据' }}
    />
  );
  return (
    <Card size="small" title={table.title} extra={<Button size="small" icon={<DownloadOutlined />} onClick={onExport}>导出 .xlsx</Button>} style={{ marginBottom: 12 }} data-table={table.key}>
      {chart ? (
        <Row gutter={12} wrap={false}>
          <Col flex="auto" style={{ minWidth: 0 }}>{body}</Col>
          <Col flex="none">{chart}</Col>
        </Row>
      ) : (
        body
      )}
    </Card>
  );
}

/** Horizontal bars of one column by row label, the value written at each bar's end. */
export function ColumnChart({ table, column, width = 360 }: { table: StatsTable; column: number; width?: number }) {
  const data = table.rows.map((r) => ({ name: String(r[0].v), v: Number(r[column]?.v ?? 0) }));
  const height = Math.max(120, data.length * 26 + 40);
  return (
    <BarChart layout="vertical" width={width} height={height} data={data} margin={{ left: 8, right: 36, top: 8, bottom: 8 }}>
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" allowDecimals={false} fontSize={11} />
      <YAxis type="category" dataKey="name" width={84} fontSize={12} />
      <Bar dataKey="v" name={table.columns[column]} fill="#595959" stroke="#000" isAnimationActive={false}>
        <LabelList dataKey="v" position="right" fontSize={12} fill="#000" />
      </Bar>
    </BarChart>
  );
}

/** 本期 / 上期 / 去年同期 side by side for the overview's movements, black / grey / hatched. */
export function CompareChart({ table }: { table: StatsTable }) {
  const keep = ['新增', '升级', '降级', '销号', '反弹'];
  const series = table.columns.slice(1);
  const data = table.rows.filter((r) => keep.includes(String(r[0].v))).map((r) => ({ name: String(r[0].v), ...Object.fromEntries(series.map((s, i) => [s, Number(r[i + 1].v ?? 0)])) }));
  return (
    <BarChart width={420} height={300} data={data} margin={{ left: 0, right: 8, top: 16, bottom: 8 }}>
      <Hatch />
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="name" fontSize={12} />
      <YAxis allowDecimals={false} fontSize={11} />
      <Legend />
      {series.map((s, i) => (
        <Bar key={s} dataKey={s} fill={GREYS[i]} stroke="#000" isAnimationActive={false}>
          <LabelList dataKey={s} position="top" fontSize={11} fill="#000" />
        </Bar>
      ))}
    </BarChart>
  );
}
