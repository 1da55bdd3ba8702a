import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, ApiCallError } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { MEETING_TYPES, type MeetingRow, type MeetingType } from '../../shared/meetingRules';
import { go } from '../shell/route';

export function MeetingList() {
  const report = useErrorReporter();
  const [rows, setRows] = useState<MeetingRow[]>([]);
  useEffect(() => {
    api('meetings.list', { limit: 500 }).then(setRows, report);
  }, [report]);
  return (
    <>
      <div className="yp-toolbar"><CreateMeetingButton /></div>
      <Table<MeetingRow>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 120, render: (d: string, m) => <a href={`#/meetings/${m.id}`}>{d}</a> },
          { title: '会次', key: 'no', width: 130, render: (_: unknown, m) => `${m.year}年第${m.sessionNo}次` },
          { title: '类型', dataIndex: 'type', width: 90 },
          { title: '敏感节点', dataIndex: 'sensitivePeriod', width: 110 },
          { title: '主持', dataIndex: 'chair', width: 100 },
          { title: '议题数', dataIndex: 'agendaCount', width: 80 },
          { title: '状态', dataIndex: 'state', width: 100, render: (s: string, m) => <Tag color={m.locked ? 'green' : 'blue'}>{s}{m.minutesVersion > 1 ? ` · 第${m.minutesVersion}版` : ''}</Tag> },
        ]}
      />
    </>
  );
}

interface Values {
  type: MeetingType;
  date: dayjs.Dayjs;
  startTime: string;
  lengthMinutes: number;
  chair: string;
  attendees: string[];
  onLeave: string[];
  observers: string[];
  period: string;
  sensitivePeriod: string;
}

export function CreateMeetingButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>新建研判会</Button>
      <MeetingFormModal open={open} onClose={() => setOpen(false)} onSaved={(m) => { setOpen(false); go(`meetings/${m.id}`); }} />
    </>
  );
}

/** Create (defaults: next working Monday, next number, last meeting's people) or edit an unlocked meeting. */
export function MeetingFormModal({ open, meeting, onClose, onSaved }: { open: boolean; meeting?: MeetingRow; onClose: () => void; onSaved: (m: MeetingRow) => void }) {
  const [form] = Form.useForm<Values>();
  const report = useErrorReporter();
  const { modal } = App.useApp();
  const [sessionNo, setSessionNo] = useState<number | null>(null);
  useEffect(() => {
    if (!open) return;
    if (meeting) {
      form.setFieldsValue({ ...meeting, date: dayjs(meeting.date) });
      setSessionNo(meeting.sessionNo);
      return;
    }
    api('meetings.defaults', {}).then((d) => {
      form.setFieldsValue({ ...d, date: dayjs(d.date), onLeave: [], observers: [], sensitivePeriod: '' });
      setSessionNo(d.sessionNo);
    }, report);
  }, [open, meeting, form, report]);
  const submit = async () => {
    const v = await form.validateFields();
    const fields = { ...v, date: v.date.format('YYYY-MM-DD') };
    try {
      onSaved(meeting ? await api('meetings.update', { id: meeting.id, version: meeting.version, patch: fields }) : await api('meetings.create', fields));
    } catch (e) {
      // The same type on the same date: say so, link the existing meeting, create only if asked again.
      const existingId = e instanceof ApiCallError && e.error.code === 'CONFLICT' ? (e.error.details as { existingId?: number } | undefined)?.existingId : undefined;
      if (!meeting && existingId) {
        modal.confirm({
          title: '这一天已有同类会议',
          content: <span>{e instanceof Error ? e.message : ''} <a href={`#/meetings/${existingId}`} onClick={() => Modal.destroyAll()}>打开已有的会议</a></span>,
          okText: '仍然新建',
          cancelText: '不新建',
          onOk: async () => {
            try {
              onSaved(await api('meetings.create', { ...fields, allowDuplicate: true }));
            } catch (err) {
              report(err);
            }
          },
        });
        return;
      }
      report(e);
    }
  };
  const names = <Select mode="tags" open={false} placeholder="输入姓名后回车" />;
  return (
    <Modal title={`${meeting ? '修改' : '新建'}研判会${sessionNo ? `（第${sessionNo}次）` : ''}`} open={open} onCancel={onClose} onOk={submit} okText={meeting ? '保存' : '创建'} width={640} destroyOnHidden forceRender>
      <Form form={form} layout="vertical">
        <Space wrap>
          {/* Three kinds: all visible at once, one click to choose. */}
          <Form.Item name="type" label="会议类型"><Radio.Group optionType="button" buttonStyle="solid" options={MEETING_TYPES.map((t) => ({ value: t, label: t }))} /></Form.Item>
          <Form.Item name="date" label="日期" extra="默认下周一；逢节假日顺延到第一个工作日" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
          <Form.Item name="startTime" label="开始时间" rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '格式 HH:MM' }]}><Input style={{ width: 90 }} /></Form.Item>
          <Form.Item name="lengthMinutes" label="会议时长"><InputNumber min={10} max={600} addonAfter="分钟" /></Form.Item>
        </Space>
        <Form.Item name="chair" label="主持人"><Input style={{ width: 200 }} /></Form.Item>
        <Form.Item name="attendees" label="出席">{names}</Form.Item>
        <Form.Item name="onLeave" label="请假">{names}</Form.Item>
        <Form.Item name="observers" label="列席">{names}</Form.Item>
        <Space>
          <Form.Item name="period" label="研判周期"><Input style={{ width: 240 }} placeholder="例如 11月23日—11月29日" /></Form.Item>
          <Form.Item name="sensitivePeriod" label="所处敏感节点"><Input style={{ width: 200 }} placeholder="例如 元旦春节" /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
