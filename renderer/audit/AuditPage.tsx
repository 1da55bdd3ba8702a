// 审计 (审计管理员): every account's actions, filtered; the chain head to write down; export to
// .xlsx (the file carries the head too); verify the chain here or with `yanpan audit verify`.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { saveFile } from '../imports/files';
import { AUDIT_ACTION_LABELS, type AuditCheck, type AuditEntry, type AuditFilter, type AuditHead } from '../../shared/audit';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const brief = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v).slice(0, 160));

export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ rows: AuditEntry[]; total: number; head: AuditHead } | null>(null);
  const [check, setCheck] = useState<AuditCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const report = useErrorReporter();
  const load = useCallback(() => api('audit.list', { ...filter, page, pageSize: 50 }).then(setData, report), [filter, page, report]);
  useEffect(() => void load(), [load]);

  const apply = (v: { actor?: string; action?: string; range?: [Dayjs, Dayjs] | null }) => {
    setPage(1);
    setFilter({ actor: v.actor?.trim() || undefined, action: v.action || undefined, from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD') });
  };
  const exportXlsx = async () => {
    setBusy(true);
    try {
      saveFile(await api('audit.export', filter), XLSX);
      void load();
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="审计记录">
      <Typography.Paragraph data-testid="audit-head">
        审计链头：<Typography.Text code copyable>{data?.head.hash ?? '…'}</Typography.Text>（第 {data?.head.seq ?? 0} 环，覆盖到第 {data?.head.lastId ?? 0} 条）。请定期记下链头；用
        <Typography.Text code>yanpan audit verify --head 链头</Typography.Text>可查出在它之前的任何改写。
      </Typography.Paragraph>
      {check && <Alert type={check.ok ? 'success' : 'error'} showIcon message={check.message} style={{ marginBottom: 12 }} data-testid="audit-check" />}
      <Form layout="inline" onFinish={apply} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="actor" label="账号">
          <Input allowClear style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="action" label="操作">
          <Select allowClear style={{ width: 130 }} options={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="range" label="日期">
          <DatePicker.RangePicker style={{ width: 240 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">筛选</Button>
          <Button onClick={exportXlsx} loading={busy}>导出 .xlsx</Button>
          <Button onClick={() => api('audit.verify', {}).then(setCheck, report)}>校验审计链</Button>
        </Space>
      </Form>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        dataSource={data?.rows ?? []}
        pagination={{ current: page, pageSize: 50, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          { title: '序号', dataIndex: 'id', width: 70 },
          { title: '时间（UTC）', dataIndex: 'at', width: 190, render: (v: string) => v.replace('T', ' ').slice(0, 19) },
          { title: '账号', dataIndex: 'actor', width: 110 },
          { title: '操作', dataIndex: 'action', width: 90, render: (v: string) => AUDIT_ACTION_LABELS[v] ?? v },
          { title: '对象', width: 110, render: (_, r) => `${r.entity}${r.entityId ? ` #${r.entityId}` : ''}` },
          { title: '内容', render: (_, r) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{brief(r.after ?? r.before)}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
