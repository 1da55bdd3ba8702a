// 安全策略 (安全管理员): password rules, expiry and the idle lock.
import { useEffect, useState } from 'react';
import { App, Button, Card, Form, InputNumber, Typography } from 'antd';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import type { SecurityPolicy } from '../../shared/accounts';

export function SecurityPage() {
  const [policy, setPolicy] = useState<SecurityPolicy | null>(null);
  const [form] = Form.useForm<SecurityPolicy>();
  const report = useErrorReporter();
  const { message } = App.useApp();
  useEffect(() => void api('security.policy', {}).then((p) => (setPolicy(p), form.setFieldsValue(p)), report), [form, report]);
  if (!policy) return null;
  const save = (v: SecurityPolicy) =>
    api('security.setPolicy', { ...v, version: policy.version }).then((p) => (setPolicy(p), form.setFieldsValue(p), message.success('安全策略已保存')), report);
  return (
    <Card title="安全策略" style={{ maxWidth: 640 }}>
      <Typography.Paragraph type="secondary">密码连续输错 5 次锁定 10 分钟（网页与命令行合计）。修改后，新密码须符合新规则；有效期从各账号上次改密时算起。</Typography.Paragraph>
      <Form form={form} layout="horizontal" labelCol={{ span: 8 }} onFinish={save}>
        <Form.Item name="minLength" label="密码最短长度">
          <InputNumber min={8} max={64} addonAfter="位" />
        </Form.Item>
        <Form.Item name="minClasses" label="至少包含字符类别" extra="大写字母、小写字母、数字、符号">
          <InputNumber min={2} max={4} addonAfter="类" />
        </Form.Item>
        <Form.Item name="expiryDays" label="密码有效期" extra="0 表示不过期">
          <InputNumber min={0} max={365} addonAfter="天" />
        </Form.Item>
        <Form.Item name="idleMinutes" label="空闲自动锁定">
          <InputNumber min={1} max={60} addonAfter="分钟" />
        </Form.Item>
        <Form.Item wrapperCol={{ offset: 8 }}>
          <Button type="primary" htmlType="submit">保存</Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
