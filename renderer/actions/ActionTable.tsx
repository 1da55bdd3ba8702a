// A list of assignments (交办): the 交办督办 page, a meeting's 交办 tab and 我的周一 show it. Its own
// module, so 我的周一 does not bring the whole 交办督办 page (forms, drawer, uploads) to its first screen.
import { Table } from 'antd';
import type { ActionRow } from '../../shared/actionItems';
import { DueTag, SupervisionTag } from './SupervisionTag';

export function ActionTable({ rows, loading, onOpen }: { rows: ActionRow[]; loading?: boolean; onOpen: (id: number) => void }) {
  return (
    <Table<ActionRow>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 项` }}
      columns={[
        { title: '交办编号', dataIndex: 'code', width: 120, render: (c: string, a) => <a onClick={() => onOpen(a.id)}>{c}</a> },
        { title: '交办内容', dataIndex: 'content', ellipsis: true },
        { title: '牵头单位', dataIndex: 'leadUnit', width: 150 },
        { title: '状态', dataIndex: 'state', width: 90 },
        { title: '办结时限', dataIndex: 'dueAt', width: 110, sorter: (a, b) => (a.dueAt < b.dueAt ? -1 : 1) },
        { title: '时限', key: 'due', width: 130, render: (_: unknown, a) => <DueTag due={a.due} /> },
        { title: '督办', key: 'sup', width: 100, render: (_: unknown, a) => <SupervisionTag level={a.due.level} /> },
        { title: '来源会议', dataIndex: 'meetingLabel', width: 220, ellipsis: true },
      ]}
    />
  );
}
