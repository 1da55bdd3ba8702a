import { useEffect } from 'react';
import { App, Button, Form, InputNumber, Radio, Typography } from 'antd';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import type { SupervisionSettings } from '../../shared/actions';

/** The supervision ladder's thresholds (DOMAIN.md defaults: 3 / 7 / 15 / 30 days). */
export function SupervisionSettingsForm({ onSaved }: { onSaved: () => void }) {
  const [form] = Form.useForm<SupervisionSettings>();
  const report = useErrorReporter();
  const { message } = App.useApp();
  useEffect(() => {
    api('supervision.get', {}).then((s) => form.setFieldsValue(s), report);
  }, [form, report]);
  const save = async () => {
    const v = await form.validateFields();
    try {
      await api('supervision.update', v);
      message.success('督办阶梯已保存');
      onSaved();
    } catch (e) {
      report(e);
    }
  };
  return (
    <Form form={form} layout="horizontal" labelCol={{ span: 6 }} style={{ maxWidth: 560 }}>
      <Typography.Paragraph type="secondary">督办等级按超期天数自动计算：提醒 → 催办 → 督办单 → 挂牌督办 → 通报。办结时限落在节假日的，顺延到节后第一个工作日。</Typography.Paragraph>
      <Form.Item name="remindDays" label="提醒（临期）" extra="距办结时限不超过这些天时提醒">
        <InputNumber min={0} max={60} addonAfter="天内" />
      </Form.Item>
      <Form.Item label="催办">超期即催办</Form.Item>
      <Form.Item name="sheetAfter" label="督办单">
        <InputNumber min={0} max={365} addonBefore="超期超过" addonAfter="天" />
      </Form.Item>
      <Form.Item name="listedAfter" label="挂牌督办">
        <InputNumber min={0} max={365} addonBefore="超期超过" addonAfter="天" />
      </Form.Item>
      <Form.Item name="notifyAfter" label="通报">
        <InputNumber min={0} max={365} addonBefore="超期超过" addonAfter="天" />
      </Form.Item>
      <Form.Item name="countIn" label="超期天数按">
        <Radio.Group options={[{ value: 'calendar', label: '自然日' }, { value: 'working', label: '工作日' }]} />
      </Form.Item>
      <Button type="primary" onClick={save}>保存</Button>
    </Form>
  );
}
