// 统计: the figures a bureau reports for a month, quarter, year or any from–to, beside the period
// before and the same period last year; every figure opens its records; every table exports to
// .xlsx; a year or quarter can be issued (its figures frozen) and printed as 风险研判工作情况.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Popconfirm, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { FileTextOutlined, DownloadOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { useToday } from '../shell/today';
import { saveFile, XLSX_TYPE } from '../imports/files';
import { periodName, periodOf, type Period } from '../../shared/stats';
import { statsTables, type StatsCell, type StatsTable } from '../../shared/statsTables';
import type { StatsSummary } from '../../shared/statsTypes';
import type { IssuedStatsReport } from '../../shared/contract/stats';
import { PeriodPicker } from './PeriodPicker';
import { ColumnChart, CompareChart, StatsTableCard } from './StatsTableCard';
import { DrillDrawer, type DrillTarget } from './DrillDrawer';
import { ManualFigures } from './ManualFigures';
import { DefinitionsPanel } from './DefinitionsPanel';

const sameSpan = (a: Period, r: IssuedStatsReport) => a.from === r.from && a.to === r.to;

export function StatsPage() {
  const today = useToday();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<Period>(() => periodOf('year', today));
  const [summary, setSummary] = useState<StatsSummary | null>(null);
  const [issued, setIssued] = useState<IssuedStatsReport[]>([]);
  const [useFrozen, setUseFrozen] = useState(true);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [reload, setReload] = useState(0);
  const issuedHere = issued.find((r) => sameSpan(period, r));
  const reportId = issuedHere && useFrozen ? issuedHere.id : undefined;

  const loadReports = useCallback(() => api('stats.reports', {}).then(setIssued, report), [report]);
  useEffect(() => void loadReports(), [loadReports]);
  useEffect(() => {
    setSummary(null);
    api('stats.summary', { period, asOf: today, compare: true, reportId }).then(setSummary, report);
  }, [period, today, reportId, report, reload]);

  const tables = useMemo(() => (summary ? statsTables(summary) : []), [summary]);
  const periodsOf = (s: StatsSummary) => [s.current.period, s.previous?.period ?? s.current.period, s.lastYear?.period ?? s.current.period];
  const onDrill = (t: StatsTable) => (c: StatsCell, row: string, column: string) => {
    if (!summary || !c.drill) return;
    const p = periodsOf(summary)[c.drill.which];
    setDrill({
      title: `${periodName(p)} · ${t.title.replace(/（.*）/, '')} · ${row}${column && !/本期|上期|去年同期/.test(column) ? ` · ${column}` : ''}`,
      figure: Number(c.v),
      measure: c.drill.measure,
      filter: c.drill.filter,
      period: p,
      asOf: today,
      // A frozen report's own period lists the records stored with it; comparisons are read live.
      reportId: c.drill.which === 0 ? reportId : undefined,
    });
  };
  const exportXlsx = async (keys?: StatsTable['key'][]) => {
    try {
      saveFile(await api('stats.xlsx', { period, asOf: today, compare: true, reportId, tables: keys }), XLSX_TYPE);
    } catch (e) {
      report(e);
    }
  };
  const issue = async () => {
    try {
      await api('stats.issue', { period, asOf: today });
      message.success(`${periodName(period)}风险研判工作情况已印发，数字已冻结。`);
      await loadReports();
      setUseFrozen(true);
    } catch (e) {
      report(e);
    }
  };
  const printable = period.kind === 'year' || period.kind === 'quarter';
  const byKey = (k: StatsTable['key']) => tables.find((t) => t.key === k)!;
  const chartFor = (t: StatsTable) => (t.key === 'overview' ? <CompareChart table={t} /> : t.chartColumn && t.rows.length ? <ColumnChart table={t} column={t.chartColumn} /> : undefined);

  return (
    <div style={{ maxWidth: 1180 }}>
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>统计</Typography.Title>
          <PeriodPicker value={period} onChange={setPeriod} />
          <Tag>{summary ? `${summary.current.from} 至 ${summary.current.to}` : '…'}</Tag>
          {summary && summary.current.to < period.to && <Tooltip title="期间尚未结束，统计到今天为止"><Tag color="blue">截至 {summary.current.to}</Tag></Tooltip>}
        </Space>
        <Space wrap>
          {issuedHere && (
            <Select
              aria-label="数字来源"
              value={useFrozen ? 'frozen' : 'live'}
              onChange={(v) => setUseFrozen(v === 'frozen')}
              style={{ width: 200 }}
              options={[{ value: 'frozen', label: `已印发版（${issuedHere.issuedAt.slice(0, 10)}冻结）` }, { value: 'live', label: '按当前台账重新计算' }]}
            />
          )}
          <Button icon={<DownloadOutlined />} onClick={() => exportXlsx()} disabled={!summary}>全部导出 .xlsx</Button>
          {printable && !issuedHere && (
            <Popconfirm title={`印发${periodName(period)}风险研判工作情况？`} description="印发后其数字与所计记录冻结，日后重印数字不变。" okText="印发" cancelText="取消" onConfirm={issue}>
              <Button>印发（冻结数字）</Button>
            </Popconfirm>
          )}
          {printable && (
            <Button type="primary" icon={<FileTextOutlined />} href={`#/briefs?kind=stats&from=${period.from}&to=${period.to}`}>
              打印{period.kind === 'year' ? '年度' : '季度'}工作情况
            </Button>
          )}
        </Space>
      </Space>
      {summary?.frozen && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`以下为 ${summary.frozen.issuedAt.slice(0, 10)} 印发时冻结的数字（${summary.frozen.issuedBy}），点开各数字列出当时所计的记录。`} />}
      <DefinitionsPanel definitions={summary?.definitions ?? null} frozen={Boolean(summary?.frozen)} onSaved={() => setReload((n) => n + 1)} />
      {!summary ? (
        <Spin />
      ) : (
        <>
          {(['overview', 'rates', 'domain', 'region', 'level', 'units'] as const).map((k) => (
            <StatsTableCard key={k} table={byKey(k)} onDrill={onDrill(byKey(k))} onExport={() => exportXlsx([k])} chart={chartFor(byKey(k))} />
          ))}
          <ManualFigures period={period} figures={summary.manual} frozen={Boolean(summary.frozen)} onSaved={(manual) => setSummary({ ...summary, manual })} />
        </>
      )}
      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
