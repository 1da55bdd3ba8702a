// The risk's events (动态): the dated facts the grading rules read, editable in place.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../api';
import type { RiskEvent } from '../../shared/events';
import { EVENT_KINDS, OPINION_STAGES } from '../../shared/grading';
import { useErrorReporter } from '../shell/useApi';
import { useToday } from '../shell/today';

export function EventsTab({ riskId, disabled, onChanged }: { riskId: number; disabled: boolean; onChanged: () => void }) {
  const [rows, setRows] = useState<RiskEvent[]>([]);
  const [editing, setEditing] = useState<Partial<RiskEvent> | null>(null);
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const report = useErrorReporter();
  const { message } = App.useApp();
  const today = useToday();
  const load = useCallback(() => api('events.list', { riskId }).then(setRows, report), [riskId, report]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (editing) form.setFieldsValue({ kind: editing.kind, occurredOn: dayjs(editing.occurredOn ?? today), count: editing.count ?? null, stage: editing.stage ?? undefined, source: editing.source ?? '', note: editing.note ?? '' });
  }, [editing, form, today]);

  const save = async () => {
    const v = await form.validateFields();
    const body = { kind: v.kind, occurredOn: v.occurredOn.format('YYYY-MM-DD'), count: v.count ?? null, stage: v.kind === '网上舆情' ? v.stage : null, source: v.source ?? '', note: v.note ?? '' };
    try {
      if (editing?.id) await api('events.update', { id: editing.id, version: editing.version!, patch: body });
      else await api('events.create', { riskId, ...body });
      message.success('动态已保存。新的动态在下次研判时计入定级。');
      setEditing(null);
      await load();
      onChanged();
    } catch (e) {
      report(e);
    }
  };

  return (
    <>
      {!disabled && <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => setEditing({})}>新增动态</Button>}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '暂无动态（进京、赴省、到市集访、网上舆情、极端言行）' }}
        columns={[
          { title: '日期', dataIndex: 'occurredOn', width: 110 },
          { title: '类别', dataIndex: 'kind', width: 100, render: (k: string, e: RiskEvent) => <Tag color={k === '进京' || k === '赴省' || k === '极端言行' ? 'red' : 'orange'}>{k}{e.stage ? `·${e.stage}` : ''}</Tag> },
          { title: '人数', dataIndex: 'count', width: 70, render: (c: number | null) => c ?? '—' },
          { title: '来源', dataIndex: 'source', width: 110 },
          { title: '备注', dataIndex: 'note' },
          {
            title: '操作',
            width: 100,
            render: (_: unknown, e: RiskEvent) =>
              disabled ? null : (
                <Space>
                  <a onClick={() => setEditing(e)}>修改</a>
                  <Popconfirm title="删除这条动态？" okText="删除" cancelText="取消" onConfirm={() => api('events.delete', { id: e.id, version: e.version }).then(() => { void load(); onChanged(); }, report)}>
                    <a>删除</a>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <Modal open={editing !== null} title={editing?.id ? '修改动态' : '新增动态'} okText="保存" cancelText="取消" onOk={save} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}><Select options={EVENT_KINDS.map((k) => ({ value: k, label: k }))} /></Form.Item>
          <Form.Item name="occurredOn" label="发生日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
          <Form.Item name="count" label="人数" rules={[{ required: kind === '到市集访', message: '到市集访须填写人数（5 人及以上为集体访）' }]}><InputNumber min={0} /></Form.Item>
          {kind === '网上舆情' && <Form.Item name="stage" label="舆情阶段" rules={[{ required: true, message: '请选择苗头或发酵' }]}><Select options={OPINION_STAGES.map((s) => ({ value: s, label: s }))} /></Form.Item>}
          <Form.Item name="source" label="来源"><Input maxLength={100} /></Form.Item>
          <Form.Item name="note" label="备注"><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
