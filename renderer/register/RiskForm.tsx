import { useState } from 'react';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiCallError } from '../api';
import { COUNT_UNITS, LEVELS, OPINION_RISKS, RISK_SOURCES, RISK_STATUSES, TRENDS } from '../../shared/labels';
import type { RiskFields, RiskRow } from '../../shared/risks';
import type { Lists } from '../../shared/settings';
import { useErrorReporter } from '../shell/useApi';
import { keepLeadOutOfCo, UnitPicker } from '../units/UnitPicker';

interface Props {
  lists: Lists;
  risk: RiskRow | null;
  onCancel: () => void;
  onSaved: (r: RiskRow) => void;
}

type FormValues = Omit<RiskFields, 'firstFound' | 'deadline'> & { firstFound?: Dayjs | null; deadline?: Dayjs | null };

const DATE_FIELDS = ['firstFound', 'deadline'] as const;

function toForm(r: RiskRow | null): Partial<FormValues> {
  if (!r) return { involvedUnit: '人', opinionRisk: '无', status: '待研判', extremeRisk: false, coUnits: [] };
  const { firstFound, deadline, ...rest } = r;
  return { ...(rest as unknown as FormValues), firstFound: firstFound ? dayjs(firstFound) : null, deadline: deadline ? dayjs(deadline) : null };
}

function fromForm(v: FormValues): RiskFields {
  const out: Record<string, unknown> = { ...v };
  for (const f of DATE_FIELDS) out[f] = v[f] ? (v[f] as Dayjs).format('YYYY-MM-DD') : null;
  if (out.firstFound === null) delete out.firstFound;
  for (const [k, val] of Object.entries(out)) if (val === undefined) delete out[k];
  return out as RiskFields;
}

const GRADED_TIP = '等级、可能性、影响程度与态势由研判记录决定：请在事项详情的“研判记录”中新增研判';

const req = (label: string) => [{ required: true, message: `请填写${label}` }];

export function RiskForm({ lists, risk, onCancel, onSaved }: Props) {
  const [form] = Form.useForm<FormValues>();
  const leadUnit = Form.useWatch('leadUnit', form);
  const [saving, setSaving] = useState(false);
  // After creation the level fields are a cache of the assessments: edit them through 研判记录.
  const graded = risk !== null;
  const report = useErrorReporter();
  const { message } = App.useApp();

  const submit = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd already shows the messages beside the fields
    }
    setSaving(true);
    try {
      const fields = fromForm(values);
      let saved: RiskRow;
      if (risk) {
        const before = fromForm(toForm(risk) as FormValues);
        const patch = Object.fromEntries(Object.entries(fields).filter(([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify((before as Record<string, unknown>)[k] ?? null)));
        if (Object.keys(patch).length === 0) {
          message.info('没有修改任何内容');
          onCancel();
          return;
        }
        saved = await api('risks.update', { id: risk.id, version: risk.version, patch });
      } else {
        saved = await api('risks.create', fields);
      }
      message.success(risk ? '已保存修改' : `已新增 ${saved.code}`);
      onSaved(saved);
    } catch (e) {
      // Put the server's field messages next to the fields as well.
      if (e instanceof ApiCallError && Array.isArray(e.error.details)) {
        const fieldErrors = (e.error.details as Array<{ path: string[]; message: string }>)
          .map((d) => ({ name: d.path.filter((p) => p !== 'patch')[0], errors: [d.message] }))
          .filter((d) => d.name);
        form.setFields(fieldErrors as never);
      }
      report(e);
    } finally {
      setSaving(false);
    }
  };

  const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));
  return (
    <Modal open width={900} title={risk ? `编辑 ${risk.code}` : '新增风险事项'} okText="保存" cancelText="取消" confirmLoading={saving} onOk={submit} onCancel={onCancel} destroyOnHidden maskClosable={false}>
      <Form form={form} layout="vertical" initialValues={toForm(risk)} requiredMark scrollToFirstError onValuesChange={keepLeadOutOfCo(form)}>
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="title" label="事项名称" rules={[...req('事项名称'), { max: 200, message: '事项名称不能超过200个字' }]}>
              <Input placeholder="例如：“锦绣华庭”逾期交房" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="status" label="状态"><Select options={opts(RISK_STATUSES)} /></Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="regionId" label="所属县区" rules={[{ required: true, message: '请选择所属县区' }]}>
              <Select placeholder="请选择" options={lists.regions.filter((d) => d.active || d.id === risk?.regionId).map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="domainId" label="领域" rules={[{ required: true, message: '请选择领域' }]}>
              <Select placeholder="请选择" options={lists.domains.filter((d) => d.active || d.id === risk?.domainId).map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
          </Col>
          <Col span={6}><Form.Item name="subCategory" label="细类"><Input /></Form.Item></Col>
          <Col span={6}><Form.Item name="source" label="来源"><Select allowClear options={opts(RISK_SOURCES)} /></Form.Item></Col>
          <Col span={24}><Form.Item name="summary" label="基本情况"><Input.TextArea rows={3} /></Form.Item></Col>
          <Col span={6}><Form.Item name="firstFound" label="首次发现日期"><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}>
            <Form.Item name="involvedCount" label="涉及人数" rules={[{ type: 'integer', min: 0, message: '涉及人数应为不小于 0 的整数' }]}>
              <InputNumber style={{ width: '100%' }} min={0} precision={0} />
            </Form.Item>
          </Col>
          <Col span={4}><Form.Item name="involvedUnit" label="单位"><Select options={opts(COUNT_UNITS)} /></Form.Item></Col>
          <Col span={8}><Form.Item name="involvedText" label="人数原文" tooltip="台账中的原始写法，例如“约300”“420户”"><Input /></Form.Item></Col>
          <Col span={6}>
            <Form.Item name="amountWan" label="涉及金额（万元）" rules={[{ type: 'number', min: 0, message: '涉及金额不能为负数' }]}>
              <InputNumber style={{ width: '100%' }} min={0} />
            </Form.Item>
          </Col>
          <Col span={6}><Form.Item name="opinionRisk" label="舆情"><Select options={opts(OPINION_RISKS)} /></Form.Item></Col>
          <Col span={4}><Form.Item name="extremeRisk" label="极端倾向" valuePropName="checked"><Switch checkedChildren="有" unCheckedChildren="无" /></Form.Item></Col>
          <Col span={8}><Form.Item name="trend" label="态势" tooltip={graded ? GRADED_TIP : undefined}><Select allowClear disabled={graded} options={opts(TRENDS)} /></Form.Item></Col>
          <Col span={24}><Form.Item name="mainDemands" label="主要诉求"><Input.TextArea rows={2} /></Form.Item></Col>
          <Col span={6}>
            <Form.Item name="likelihood" label="可能性（1–5）" tooltip={graded ? GRADED_TIP : undefined} rules={[{ type: 'integer', min: 1, max: 5, message: '可能性应为 1–5 的整数' }]}>
              <InputNumber style={{ width: '100%' }} disabled={graded} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="impact" label="影响程度（1–5）" tooltip={graded ? GRADED_TIP : undefined} rules={[{ type: 'integer', min: 1, max: 5, message: '影响程度应为 1–5 的整数' }]}>
              <InputNumber style={{ width: '100%' }} disabled={graded} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="level" label="风险等级" tooltip={graded ? GRADED_TIP : undefined}><Select allowClear disabled={graded} options={LEVELS.map((l) => ({ value: l.value, label: `${l.name}（${l.color}）` }))} /></Form.Item>
          </Col>
          <Col span={6}><Form.Item name="levelBasis" label="定级依据"><Input disabled={graded} /></Form.Item></Col>
          <Col span={12}><Form.Item name="controlMeasures" label="稳控措施"><Input.TextArea rows={2} /></Form.Item></Col>
          <Col span={12}><Form.Item name="resolutionMeasures" label="化解措施"><Input.TextArea rows={2} /></Form.Item></Col>
          <Col span={8}><Form.Item name="leadUnit" label="主办单位"><UnitPicker aria-label="主办单位" style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={16}><Form.Item name="coUnits" label="协办单位"><UnitPicker mode="multiple" aria-label="协办单位" exclude={leadUnit} style={{ width: '100%' }} placeholder="输入名称搜索，可选多个；名单中没有的可添加" /></Form.Item></Col>
          <Col span={6}><Form.Item name="responsiblePerson" label="责任人"><Input /></Form.Item></Col>
          <Col span={6}><Form.Item name="packageLeader" label="包案领导"><Input /></Form.Item></Col>
          <Col span={6}><Form.Item name="packageLeaderTitle" label="包案领导职务"><Input /></Form.Item></Col>
          <Col span={6}><Form.Item name="taskForce" label="专班"><Input /></Form.Item></Col>
          <Col span={6}><Form.Item name="deadline" label="化解时限"><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="deadlineNote" label="时限说明" tooltip="例如“按季研判”"><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name="progress" label="进展情况"><Input.TextArea rows={2} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}
