// 审计 (审计管理员): every account's actions, filtered; the chain head to write down; export to
// .xlsx (the file carries the head too); verify the chain here or with `yanpan audit verify`.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { saveFile } from '../imports/files';
import type { AuditCheck, AuditEntry, AuditFilter, AuditHead } from '../../shared/audit';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditActionLabel, auditDetailLines, auditObjectLabel, auditTime } from '../../shared/auditText';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const raw = (v: unknown) => (v === null || v === undefined ? '（无）' : JSON.stringify(v, null, 1));

export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ rows: AuditEntry[]; total: number; head: AuditHead } | null>(null);
  const [check, setCheck] = useState<AuditCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const report = useErrorReporter();
  const load = useCallback(() => api('audit.list', { ...filter, page, pageSize: 50 }).then(setData, report), [filter, page, report]);
  useEffect(() => void load(), [load]);

  // The picked days are Shanghai days (the server turns them into UTC bounds).
  const apply = (v: { actor?: string; action?: string; entity?: string; range?: [Dayjs, Dayjs] | null }) => {
    setPage(1);
    setFilter({ actor: v.actor?.trim() || undefined, action: v.action || undefined, entity: v.entity || undefined, from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD') });
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
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 140 }} options={options(AUDIT_ACTION_LABELS)} data-testid="audit-action" />
        </Form.Item>
        <Form.Item name="entity" label="对象">
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 120 }} options={options(AUDIT_ENTITY_LABELS)} />
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
        // The stored images stay one click away for the auditor who checks the words against them.
        expandable={{
          expandedRowRender: (r) => (
            <div className="yp-audit-raw" data-testid="audit-raw">
              <Typography.Text type="secondary">原始记录 — 修改前：</Typography.Text>
              <pre>{raw(r.before)}</pre>
              <Typography.Text type="secondary">修改后：</Typography.Text>
              <pre>{raw(r.after)}</pre>
            </div>
          ),
        }}
        columns={[
          { title: '序号', dataIndex: 'id', width: 70 },
          { title: '时间（北京时间）', dataIndex: 'at', width: 160, render: (v: string) => auditTime(v) },
          { title: '账号', dataIndex: 'actor', width: 100 },
          { title: '操作', width: 120, render: (_, r) => auditActionLabel(r.action, r.entity) },
          { title: '对象', width: 100, render: (_, r) => auditObjectLabel(r.entity, r.entityId) },
          { title: '内容', render: (_, r) => <AuditDetail entry={r} /> },
        ]}
      />
    </Card>
  );
}

/** The first lines of the change in words; the rest (and every long value) in the tooltip. */
function AuditDetail({ entry }: { entry: AuditEntry }) {
  const lines = auditDetailLines(entry, 40);
  if (lines.length === 0) return null;
  const shown = lines.slice(0, 3);
  const more = lines.length - shown.length;
  return (
    <Tooltip title={<div style={{ whiteSpace: 'pre-wrap' }}>{auditDetailLines(entry, 400).join('\n')}</div>} placement="topLeft" overlayStyle={{ maxWidth: 560 }}>
      <div className="yp-audit-detail" data-testid="audit-detail">
        {shown.map((l, i) => (
          <div key={i}>{l}</div>
        ))}
        {more > 0 && <Typography.Text type="secondary">…另 {more} 项</Typography.Text>}
      </div>
    </Tooltip>
  );
}
