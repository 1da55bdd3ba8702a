// 设置 › 议程: the ranking weights of the agenda proposal and the minutes planned per item by level.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, InputNumber, Typography } from 'antd';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import type { AgendaSettings } from '../../shared/settings';

const WEIGHTS: Array<[keyof AgendaSettings['weights'], string, string]> = [
  ['level', '等级（每高一级）', '重大 4 级、较大 3 级、一般 2 级、低 1 级'],
  ['reasons', '列入理由（每条）', '新增、反弹、交办超期、到期研判等，每多一条'],
  ['overdue', '超期（每天）', '研判或交办超期的天数，最多计 60 天'],
  ['sensitive', '敏感节点临近', '节点期间或即将开始时计满，越远越少'],
];
const MINUTES: Array<[keyof AgendaSettings['minutesPerLevel'], string]> = [['major', '重大'], ['large', '较大'], ['general', '一般'], ['low', '低'], ['unrated', '未定级']];

export function AgendaSettingsCard() {
  const report = useErrorReporter();
  const { message } = App.useApp();
  const [s, setS] = useState<AgendaSettings | null>(null);
  const load = useCallback(() => api('agenda.settings', {}).then(setS, report), [report]);
  useEffect(() => void load(), [load]);
  if (!s) return null;
  const save = async (v: Omit<AgendaSettings, 'version'>) => {
    try {
      const after = await api('agenda.settingsUpdate', { ...v, version: s.version });
      message.success(after.version === s.version ? '没有修改' : '议程设置已保存，下次生成议程建议时生效');
      setS(after);
    } catch (e) {
      report(e);
    }
  };
  return (
    <Card title="议程">
      <Form key={s.version} layout="horizontal" labelCol={{ span: 12 }} initialValues={s} onFinish={save} size="small">
        <Typography.Text strong>议程建议的排序权重</Typography.Text>
        {WEIGHTS.map(([k, label, help]) => (
          <Form.Item key={k} name={['weights', k]} label={label} tooltip={help} rules={[{ required: true, message: '请填写权重' }]}>
            <InputNumber min={0} max={100} step={0.5} aria-label={`权重：${label}`} />
          </Form.Item>
        ))}
        <Typography.Text strong>每项默认时长（分钟）</Typography.Text>
        {MINUTES.map(([k, label]) => (
          <Form.Item key={k} name={['minutesPerLevel', k]} label={label} rules={[{ required: true, message: '请填写分钟数' }]}>
            <InputNumber min={1} max={120} aria-label={`时长：${label}`} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit">应用议程设置</Button>
      </Form>
    </Card>
  );
}
