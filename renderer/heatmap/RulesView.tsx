// The grading rules, editable: saving makes a new version; past assessments keep the version they used.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Table, Typography } from 'antd';
import { api } from '../api';
import type { RuleSetView } from '../../shared/contract/grading';
import { defaultMatrix, type RuleSetConfig } from '../../shared/grading';
import { useErrorReporter } from '../shell/useApi';

const lvlOpts = [{ value: 1, label: '重大' }, { value: 2, label: '较大' }, { value: 3, label: '一般' }, { value: 4, label: '低' }];

export function RulesView() {
  const [cur, setCur] = useState<RuleSetView | null>(null);
  const [all, setAll] = useState<RuleSetView[]>([]);
  const [form] = Form.useForm();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const load = useCallback(async () => {
    try {
      const [c, l] = await Promise.all([api('rules.current', {}), api('rules.list', {})]);
      setCur(c);
      setAll(l);
      form.setFieldsValue({ ...c.config, note: '' });
    } catch (e) {
      report(e);
    }
  }, [form, report]);
  useEffect(() => void load(), [load]);

  const save = async () => {
    if (!cur) return;
    const v = (await form.validateFields()) as RuleSetConfig & { note: string };
    const { note, ...config } = v;
    try {
      const saved = await api('rules.save', { config: { ...config, amountWan: { ...config.amountWan, red: config.amountWan.red ?? null }, opinion: { ...config.opinion, 苗头: config.opinion.苗头 ?? null, 发酵: config.opinion.发酵 ?? null } }, note, baseVersion: cur.version });
      message.success(saved.version === cur.version ? '规则没有变化，未生成新版本' : `已保存为第 ${saved.version} 版；此前的研判记录仍按原版本显示`);
      await load();
    } catch (e) {
      report(e);
    }
  };
  const num = (name: (string | number)[], label: string, extra?: { min?: number; max?: number; addon?: string }) => (
    <Col span={6}>
      <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
        <InputNumber min={extra?.min ?? 1} max={extra?.max} addonAfter={extra?.addon} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
  if (!cur) return null;
  return (
    <Row gutter={16}>
      <Col span={16}>
        <Card size="small" title={`定级规则（当前第 ${cur.version} 版，${cur.createdBy} 于 ${cur.createdAt.slice(0, 10)} 生效）`} extra={<Button type="primary" onClick={save}>保存为新版本</Button>}>
          <Form form={form} layout="vertical" onValuesChange={(ch) => ch.matrix?.size && form.setFieldsValue({ matrix: defaultMatrix(ch.matrix.size) })}>
            <Typography.Title level={5}>矩阵定级（分值 = 可能性 × 影响程度）</Typography.Title>
            <Row gutter={12}>
              <Col span={6}><Form.Item name={['matrix', 'size']} label="矩阵大小"><Select options={[3, 4, 5, 6].map((n) => ({ value: n, label: `${n}×${n}` }))} /></Form.Item></Col>
              {num(['matrix', 'red'], '重大：分值 ≥')}
              {num(['matrix', 'orange'], '较大：分值 ≥')}
              {num(['matrix', 'yellow'], '一般：分值 ≥')}
            </Row>
            <Typography.Title level={5}>规则定级（按事实）</Typography.Title>
            <Row gutter={12}>
              {num(['people', 'red'], '重大：涉及人数 ≥', { addon: '人' })}
              {num(['people', 'orange'], '较大：涉及人数 ≥', { addon: '人' })}
              {num(['people', 'yellow'], '一般：涉及人数 ≥', { addon: '人' })}
              <Col span={6}><Form.Item name="personsPerHousehold" label="每户（家）折算人数" tooltip="“420户”不是 420 人：按户、家登记的人数乘以此系数后再比较人数阈值"><InputNumber min={1} max={10} step={0.5} addonAfter="人/户" style={{ width: '100%' }} /></Form.Item></Col>
              {num(['amountWan', 'orange'], '较大：涉及金额 ≥', { addon: '万元' })}
              <Col span={6}><Form.Item name={['amountWan', 'red']} label="重大：涉及金额 ≥（可空）"><InputNumber min={1} addonAfter="万元" style={{ width: '100%' }} /></Form.Item></Col>
              {num(['petitionMonths'], '进京赴省：近 N 个月 → 重大', { addon: '月' })}
              {num(['collective', 'minCount'], '集访：人数 ≥', { addon: '人' })}
              {num(['collective', 'months'], '集访：近 N 个月 → 较大', { addon: '月' })}
              <Col span={6}><Form.Item name={['opinion', '发酵']} label="舆情发酵 →"><Select allowClear options={lvlOpts} placeholder="不定级" /></Form.Item></Col>
              <Col span={6}><Form.Item name={['opinion', '苗头']} label="舆情苗头 →"><Select allowClear options={lvlOpts} placeholder="不定级" /></Form.Item></Col>
              {num(['opinion', 'months'], '网上舆情动态：近 N 个月', { addon: '月' })}
              <Col span={6}><Form.Item name="extremeLevel" label="极端倾向/言行 →"><Select options={lvlOpts} /></Form.Item></Col>
            </Row>
            <Typography.Title level={5}>敏感节点与复核</Typography.Title>
            <Row gutter={12}>
              {num(['escalationDaysBefore'], '节点前 N 天起上调一级', { min: 0, max: 90, addon: '天' })}
              {num(['reviewDays', '1'], '重大：每隔', { addon: '天研判' })}
              {num(['reviewDays', '2'], '较大：每隔', { addon: '天研判' })}
              {num(['reviewDays', '3'], '一般：每隔', { addon: '天研判' })}
              {num(['reviewDays', '4'], '低：每隔', { addon: '天研判' })}
            </Row>
            <Form.Item name="note" label="修改说明"><Input maxLength={500} placeholder="例如：按市委政法委2027年通知调整人数阈值" /></Form.Item>
          </Form>
        </Card>
      </Col>
      <Col span={8}>
        <Card size="small" title="历史版本">
          <Table size="small" rowKey="version" pagination={false} dataSource={all} columns={[{ title: '版本', dataIndex: 'version', width: 60 }, { title: '生效', dataIndex: 'createdAt', render: (t: string) => t.slice(0, 10) }, { title: '修改人', dataIndex: 'createdBy' }, { title: '说明', dataIndex: 'note' }]}
            expandable={{ expandedRowRender: (r) => <Descriptions size="small" column={1} items={[{ label: '矩阵', children: `${r.config.matrix.size}×${r.config.matrix.size}：≥${r.config.matrix.red} 重大，≥${r.config.matrix.orange} 较大，≥${r.config.matrix.yellow} 一般` }, { label: '人数', children: `≥${r.config.people.red} 重大，≥${r.config.people.orange} 较大，≥${r.config.people.yellow} 一般；每户按 ${r.config.personsPerHousehold} 人` }]} /> }} />
        </Card>
      </Col>
    </Row>
  );
}
