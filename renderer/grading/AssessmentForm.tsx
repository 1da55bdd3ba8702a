import { useEffect, useState } from 'react';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { api } from '../api';
import type { RiskRow } from '../../shared/risks';
import type { Grade } from '../../shared/grading';
import { LEVELS, TRENDS, levelName } from '../../shared/labels';
import { useErrorReporter } from '../shell/useApi';
import { useTodayDayjs } from '../shell/today';

type Preview = Grade & { ruleSetVersion: number; nextReview: string };

export function AssessmentForm({ risk, onClose, onSaved }: { risk: RiskRow; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [size, setSize] = useState(5);
  const [saving, setSaving] = useState(false);
  const report = useErrorReporter();
  const { message } = App.useApp();
  const today = useTodayDayjs();
  const l = Form.useWatch('likelihood', form);
  const i = Form.useWatch('impact', form);
  const on = Form.useWatch('assessedOn', form);
  const finalLevel = Form.useWatch('finalLevel', form);

  useEffect(() => {
    api('rules.current', {}).then((r) => setSize(r.config.matrix.size), report);
  }, [report]);
  useEffect(() => {
    if (!l || !i || l > size || i > size) return setPreview(null);
    api('assessments.preview', { riskId: risk.id, likelihood: l, impact: i, assessedOn: on ? on.format('YYYY-MM-DD') : undefined }).then(setPreview, () => setPreview(null));
  }, [l, i, on, risk.id, size]);

  const differs = preview && finalLevel && finalLevel !== preview.computedLevel;
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api('assessments.record', {
        riskId: risk.id,
        assessedOn: v.assessedOn?.format('YYYY-MM-DD'),
        likelihood: v.likelihood,
        impact: v.impact,
        finalLevel: v.finalLevel ?? null,
        overrideReason: v.overrideReason || undefined,
        trend: v.trend || undefined,
        analysis: v.analysis || undefined,
        countermeasures: v.countermeasures || undefined,
        reportUp: !!v.reportUp,
        nextReview: v.nextReview ? v.nextReview.format('YYYY-MM-DD') : undefined,
      });
      message.success('研判已记录');
      onSaved();
    } catch (e) {
      report(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={`新增研判：${risk.title}`} width={720} okText="保存研判" cancelText="取消" onOk={save} confirmLoading={saving} onCancel={onClose}>
      <Form form={form} layout="vertical" initialValues={{ assessedOn: today, likelihood: risk.likelihood ?? undefined, impact: risk.impact ?? undefined }}>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="assessedOn" label="研判日期"><DatePicker disabledDate={(d) => d.isAfter(today, 'day')} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="likelihood" label={`可能性（1–${size}）`} rules={[{ required: true, message: '请填写可能性' }, { type: 'integer', min: 1, max: size, message: `可能性应为 1–${size} 的整数` }]}><InputNumber style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="impact" label={`影响程度（1–${size}）`} rules={[{ required: true, message: '请填写影响程度' }, { type: 'integer', min: 1, max: size, message: `影响程度应为 1–${size} 的整数` }]}><InputNumber style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        {preview && (
          <Alert
            type={preview.escalation ? 'warning' : 'info'}
            style={{ marginBottom: 12 }}
            message={`计算等级：${levelName(preview.computedLevel)}（矩阵 ${levelName(preview.matrixLevel)}，规则 ${levelName(preview.ruleLevel)}${preview.escalation ? '，敏感节点上调一级' : ''}）· 规则第 ${preview.ruleSetVersion} 版`}
            description={<pre className="yp-basis" data-testid="grade-preview">{preview.basis}</pre>}
          />
        )}
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="finalLevel" label="研判等级（留空 = 计算等级）">
              <Select allowClear options={LEVELS.map((x) => ({ value: x.value, label: `${x.name}（${x.color}）` }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="overrideReason" label="调级理由" rules={[{ required: !!differs, min: 2, message: '研判等级与计算等级不同，请填写调级理由（至少 2 个字）' }]}>
              <Input maxLength={1000} placeholder={differs ? '必填' : '与计算等级相同时不需要'} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="trend" label="态势（留空按等级变化）"><Select allowClear options={TRENDS.map((t) => ({ value: t, label: t }))} /></Form.Item></Col>
          <Col span={8}><Form.Item name="nextReview" label={`下次研判（默认 ${preview?.nextReview ?? '按等级'}）`}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="reportUp" label="报党委政府（专报/要情）" valuePropName="checked"><Switch /></Form.Item></Col>
        </Row>
        <Form.Item name="analysis" label="研判意见"><Input.TextArea rows={2} maxLength={5000} /></Form.Item>
        <Form.Item name="countermeasures" label="对策建议"><Input.TextArea rows={2} maxLength={5000} /></Form.Item>
      </Form>
    </Modal>
  );
}
