// New assignment (交办): content, lead unit, due date as a date or N calendar/working days.
import { useEffect, useState } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { FEEDBACK_CYCLES, type ActionRow } from '../../shared/actionItems';
import { RiskPicker } from '../meetings/RiskPicker';
import { keepLeadOutOfCo, UnitPicker } from '../units/UnitPicker';

export interface ActionFormProps {
  open: boolean;
  meetingId?: number | null;
  riskIds?: number[];
  /** Prefilled 交办内容 (转为交办 of an older free-text note). */
  content?: string;
  onClose: () => void;
  onSaved: (a: ActionRow) => void;
}

interface Values {
  content: string;
  leadUnit: string;
  coUnits: string[];
  leadLeader: string;
  contact: string;
  dueMode: 'date' | 'calendar' | 'working';
  dueAt?: dayjs.Dayjs;
  days?: number;
  feedbackCycle: (typeof FEEDBACK_CYCLES)[number];
  riskIds: number[];
}

export function ActionForm({ open, meetingId, riskIds, content, onClose, onSaved }: ActionFormProps) {
  const [form] = Form.useForm<Values>();
  const report = useErrorReporter();
  const [saving, setSaving] = useState(false);
  const mode = Form.useWatch('dueMode', form);
  const leadUnit = Form.useWatch('leadUnit', form);
  // Reset only when the dialog opens (or for other risks): the runner re-renders every second for its timer.
  const riskKey = (riskIds ?? []).join(',');
  useEffect(() => {
    if (!open) return;
    const ids = riskKey ? riskKey.split(',').map(Number) : [];
    form.setFieldsValue({ dueMode: 'working', days: 15, feedbackCycle: '每周', coUnits: [], riskIds: ids, content: content ?? '', leadUnit: '', leadLeader: '', contact: '' });
    // The risk's 主办单位 and 配合单位 are the usual lead and co-units: prefilled, changeable.
    if (ids.length) {
      api('risks.get', { id: ids[0] }).then((r) => {
        if (!form.getFieldValue('leadUnit')) form.setFieldsValue({ leadUnit: r.leadUnit, coUnits: r.coUnits.filter((u) => u && u !== r.leadUnit) });
      }, report);
    }
  }, [open, riskKey, content, form, report]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const a = await api('actions.create', {
        meetingId: meetingId ?? null,
        riskIds: v.riskIds,
        content: v.content,
        leadUnit: v.leadUnit,
        coUnits: v.coUnits,
        leadLeader: v.leadLeader,
        contact: v.contact,
        feedbackCycle: v.feedbackCycle,
        ...(v.dueMode === 'date' ? { dueAt: v.dueAt!.format('YYYY-MM-DD') } : { dueIn: { days: v.days!, unit: v.dueMode } }),
      });
      onSaved(a);
    } catch (e) {
      report(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title="新建交办" open={open} onCancel={onClose} onOk={submit} okText="交办（Ctrl+Enter）" confirmLoading={saving} width={640} destroyOnHidden>
      {/* Ctrl+Enter saves this dialog; the keys never reach the page behind it. */}
      <Form form={form} layout="vertical" onValuesChange={keepLeadOutOfCo(form)} onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
          e.preventDefault();
          e.stopPropagation();
          if (!saving) void submit().catch(() => undefined);
        }
      }}>
        <Form.Item name="riskIds" label="关联风险事项">
          <RiskPicker />
        </Form.Item>
        <Form.Item name="content" label="交办内容及要求" rules={[{ required: true, min: 2, message: '请写明交办内容及要求（至少 2 个字）' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space style={{ display: 'flex' }} align="start">
          <Form.Item name="leadUnit" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
            <UnitPicker aria-label="牵头单位" style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="coUnits" label="配合单位">
            <UnitPicker mode="multiple" aria-label="配合单位" exclude={leadUnit} style={{ width: 300 }} />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="leadLeader" label="责任领导">
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="contact" label="联系人">
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="feedbackCycle" label="反馈频次">
            <Select style={{ width: 120 }} options={FEEDBACK_CYCLES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Space>
        <Form.Item name="dueMode" label="办结时限">
          <Radio.Group options={[{ value: 'working', label: '工作日' }, { value: 'calendar', label: '自然日' }, { value: 'date', label: '指定日期' }]} />
        </Form.Item>
        {mode === 'date' ? (
          <Form.Item name="dueAt" label="办结日期" rules={[{ required: true, message: '请选择办结日期' }]}>
            <DatePicker />
          </Form.Item>
        ) : (
          <Form.Item name="days" label={`交办后几个${mode === 'calendar' ? '自然日' : '工作日'}内办结`} rules={[{ required: true, message: '请填写天数' }]}>
            <InputNumber min={1} max={365} addonAfter="天" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
