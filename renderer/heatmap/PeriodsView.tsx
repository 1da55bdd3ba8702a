// Sensitive periods (敏感节点): a year timeline and an editable list. Every default date is editable.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { api } from '../api';
import type { SensitivePeriod } from '../../shared/periods';
import { useErrorReporter } from '../shell/useApi';

function Timeline({ year, periods, today }: { year: number; periods: SensitivePeriod[]; today: string }) {
  const W = 1080;
  const start = dayjs(`${year}-01-01`);
  const days = dayjs(`${year}-12-31`).diff(start, 'day') + 1;
  const x = (d: string) => 40 + (Math.max(0, Math.min(days, dayjs(d).diff(start, 'day'))) / days) * (W - 60);
  const dayW = (W - 60) / days;
  const barW = (p: SensitivePeriod) => Math.max(6, x(p.endDate) - x(p.startDate) + dayW);
  const labelW = (p: SensitivePeriod) => p.name.length * 13 + 8;
  // A short period's name is written beside its bar; rows are packed so no two labels overlap.
  const inside = (p: SensitivePeriod) => barW(p) >= labelW(p);
  const right = (p: SensitivePeriod) => x(p.startDate) + (inside(p) ? barW(p) : barW(p) + 4 + labelW(p));
  const rows: SensitivePeriod[][] = [];
  for (const p of [...periods].sort((a, b) => (a.startDate < b.startDate ? -1 : 1))) {
    let row = rows.find((r) => right(r[r.length - 1]) + 6 < x(p.startDate));
    if (!row) rows.push((row = []));
    row.push(p);
  }
  const H = 40 + rows.length * 34;
  return (
    <svg width={W} height={H} role="img" aria-label={`${year}年敏感节点时间轴`}>
      {Array.from({ length: 12 }, (_, m) => {
        const d = start.add(m, 'month').format('YYYY-MM-DD');
        return (
          <g key={m}>
            <line x1={x(d)} x2={x(d)} y1={18} y2={H} stroke="#e5e7eb" />
            <text x={x(d) + 4} y={14} fontSize={12} fill="#374151">{m + 1}月</text>
          </g>
        );
      })}
      {rows.map((r, k) =>
        r.map((p) => (
          <g key={p.id}>
            <rect x={x(p.startDate)} y={26 + k * 34} width={barW(p)} height={22} rx={3} fill={p.escalation ? '#b71c1c' : '#9ca3af'} fillOpacity={0.85} />
            <text x={x(p.startDate) + (inside(p) ? 4 : barW(p) + 4)} y={41 + k * 34} fontSize={12} fill={inside(p) ? '#fff' : '#111827'} fontWeight={600} style={{ pointerEvents: 'none' }}>{p.name}</text>
          </g>
        )),
      )}
      {today.startsWith(String(year)) && <line x1={x(today)} x2={x(today)} y1={18} y2={H} stroke="#111827" strokeWidth={2} strokeDasharray="4 2" />}
      {today.startsWith(String(year)) && <text x={x(today) + 3} y={H - 4} fontSize={11}>今天</text>}
    </svg>
  );
}

export function PeriodsView({ today }: { today: string }) {
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [rows, setRows] = useState<SensitivePeriod[]>([]);
  const [editing, setEditing] = useState<Partial<SensitivePeriod> | null>(null);
  const [form] = Form.useForm();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const load = useCallback(() => api('periods.list', { year }).then(setRows, report), [year, report]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (editing) form.setFieldsValue({ name: editing.name, range: editing.startDate ? [dayjs(editing.startDate), dayjs(editing.endDate)] : undefined, escalation: editing.escalation ?? true, note: editing.note ?? '' });
  }, [editing, form]);

  const save = async () => {
    const v = await form.validateFields();
    const body = { name: v.name, startDate: v.range[0].format('YYYY-MM-DD'), endDate: v.range[1].format('YYYY-MM-DD'), escalation: v.escalation, note: v.note ?? '' };
    try {
      if (editing?.id) await api('periods.update', { id: editing.id, version: editing.version!, patch: body });
      else await api('periods.create', body);
      message.success('已保存');
      setEditing(null);
      await load();
    } catch (e) {
      report(e);
    }
  };

  return (
    <Card
      size="small"
      title="敏感节点日历"
      extra={
        <Space>
          <Select value={year} onChange={setYear} aria-label="年份" options={[year - 1, year, year + 1].map((y) => ({ value: y, label: `${y}年` }))} />
          <Button type="primary" onClick={() => setEditing({})}>新增节点</Button>
        </Space>
      }
    >
      <Timeline year={year} periods={rows} today={today} />
      <p style={{ color: '#6b7280', fontSize: 12 }}>红色：期间及开始前若干天（见定级规则）对有进京赴省记录或集访苗头的事项上调一级；灰色：只作提示。默认日期为预估，可按当年通知修改。</p>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '开始', dataIndex: 'startDate' },
          { title: '结束', dataIndex: 'endDate' },
          { title: '上调等级', dataIndex: 'escalation', render: (e: boolean) => (e ? <Tag color="red">上调一级</Tag> : <Tag>仅提示</Tag>) },
          { title: '备注', dataIndex: 'note' },
          {
            title: '操作',
            render: (_: unknown, p: SensitivePeriod) => (
              <Space>
                <a onClick={() => setEditing(p)}>修改</a>
                <Popconfirm title={`删除「${p.name}」？`} okText="删除" cancelText="取消" onConfirm={() => api('periods.delete', { id: p.id, version: p.version }).then(load, report)}>
                  <a>删除</a>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={editing !== null} title={editing?.id ? '修改敏感节点' : '新增敏感节点'} okText="保存" cancelText="取消" onOk={save} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input maxLength={50} /></Form.Item>
          <Form.Item name="range" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]}><DatePicker.RangePicker /></Form.Item>
          <Form.Item name="escalation" label="期间上调等级" valuePropName="checked"><Switch checkedChildren="上调" unCheckedChildren="仅提示" /></Form.Item>
          <Form.Item name="note" label="备注"><Input maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
