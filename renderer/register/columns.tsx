// Register columns by key: the column chooser and saved views pick from these.
import type { TableColumnType } from 'antd';
import type { RiskRow } from '../../shared/risks';
import type { RegisterColumn } from '../../shared/registerColumns';
import { LevelTag } from './LevelTag';
import { deadlineLabel, involvedLabel, when } from './format';

type Col = TableColumnType<RiskRow>;

export const COLUMN_LABELS: Record<RegisterColumn, string> = {
  code: '编号', region: '县区', domain: '领域', involvedCount: '涉及人数', level: '风险等级', status: '状态', source: '来源',
  leadUnit: '主办单位', packageLeader: '包案领导', deadline: '化解时限', firstFound: '首次发现', trend: '态势', amountWan: '涉及金额（万元）',
  progress: '进展情况', updatedAt: '更新时间',
};

const DEFS: Record<RegisterColumn, Col> = {
  code: { dataIndex: 'code', width: 130, sorter: true },
  region: { dataIndex: 'region', width: 90, sorter: true },
  domain: { dataIndex: 'domain', width: 110, sorter: true },
  involvedCount: { width: 100, sorter: true, render: (_: unknown, r) => involvedLabel(r) },
  level: { dataIndex: 'level', width: 110, sorter: true, render: (l: number | null) => <LevelTag level={l} /> },
  status: { dataIndex: 'status', width: 96, sorter: true },
  source: { dataIndex: 'source', width: 90, render: (s: string | null) => s ?? '—' },
  leadUnit: { dataIndex: 'leadUnit', width: 170, ellipsis: true },
  packageLeader: { width: 140, render: (_: unknown, r) => [r.packageLeaderTitle, r.packageLeader].filter(Boolean).join(' ') || '—' },
  deadline: { width: 120, sorter: true, render: (_: unknown, r) => deadlineLabel(r) },
  firstFound: { dataIndex: 'firstFound', width: 110, sorter: true, render: (d: string | null) => d ?? '—' },
  trend: { dataIndex: 'trend', width: 70, render: (t: string | null) => t ?? '—' },
  amountWan: { dataIndex: 'amountWan', width: 130, align: 'right', render: (n: number | null) => (n === null ? '—' : n.toLocaleString('zh-CN')) },
  progress: { dataIndex: 'progress', width: 220, ellipsis: true },
  updatedAt: { dataIndex: 'updatedAt', width: 170, sorter: true, render: (t: string) => when(t) },
};

export function registerColumn(key: RegisterColumn): Col {
  return { ...DEFS[key], key, title: COLUMN_LABELS[key] };
}
