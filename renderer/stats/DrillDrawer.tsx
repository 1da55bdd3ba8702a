// A figure's records: the same query that counted it, narrowed by the cell's row, paged on the
// server (a figure over 100,000 risks still sends one page). Its total is the figure.
import { useEffect, useState } from 'react';
import { Alert, Drawer, Table, Tag } from 'antd';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { levelName } from '../../shared/labels';
import type { DrillFilter, Measure, Period } from '../../shared/stats';
import type { StatsRecords } from '../../shared/statsTypes';

export interface DrillTarget {
  title: string;
  figure: number;
  measure: Measure;
  filter: DrillFilter;
  period: Period;
  asOf: string;
  reportId?: number;
}

const PAGE = 50;

export function DrillDrawer({ target, onClose }: { target: DrillTarget | null; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<StatsRecords | null>(null);
  const report = useErrorReporter();
  useEffect(() => setPage(1), [target]);
  useEffect(() => {
    if (!target) return setData(null);
    api('stats.records', { period: target.period, asOf: target.asOf, measure: target.measure, filter: target.filter, reportId: target.reportId, offset: (page - 1) * PAGE, limit: PAGE }).then(setData, report);
  }, [target, page, report]);
  const kind = data?.kind;
  const columns = [
    { title: kind === 'meeting' ? '会次' : '编号', dataIndex: 'code', width: 130 },
    { title: kind === 'action' ? '交办内容' : kind === 'meeting' ? '类型' : '事项名称', dataIndex: 'title', ellipsis: true },
    { title: kind === 'action' ? '办结时限' : kind === 'assessment' ? '研判日期' : kind === 'meeting' ? '会议日期' : '首次发现', dataIndex: 'date', width: 110 },
    ...(kind === 'risk' || kind === 'assessment' ? [{ title: '县区', dataIndex: 'region', width: 90 }, { title: '领域', dataIndex: 'domain', width: 90 }] : []),
    ...(kind !== 'meeting' ? [{ title: kind === 'action' ? '牵头单位' : '主办单位', dataIndex: 'unit', width: 150, ellipsis: true }] : []),
    ...(kind === 'risk' || kind === 'assessment' ? [{ title: kind === 'assessment' ? '研判等级' : '当前等级', dataIndex: 'level', width: 80, render: (l: number | null) => levelName(l) }] : []),
    { title: kind === 'assessment' ? '类别' : '状态', dataIndex: 'status', width: 130 },
  ];
  return (
    <Drawer open={Boolean(target)} onClose={onClose} width={1100} title={target ? `${target.title}：${target.figure}` : ''} destroyOnHidden>
      {data && data.total !== target?.figure && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={`列表共 ${data.total} 项，与数字 ${target?.figure} 不一致：台账刚刚有变动，请刷新统计。`} />}
      {data?.frozen && <Tag color="gold" style={{ marginBottom: 8 }}>已印发报告冻结的记录清单</Tag>}
      <Table
        size="small"
        rowKey="id"
        loading={!data}
        dataSource={data?.rows ?? []}
        columns={columns}
        pagination={{ current: page, pageSize: PAGE, total: data?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共 ${t} 项`, onChange: setPage }}
      />
    </Drawer>
  );
}
