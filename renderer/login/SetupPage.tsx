// 首次设置: the bureau's name and code prefix, and the first 系统管理员 with the password they
// choose here — there is no default password anywhere.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { authCall, AuthError, type SignedIn } from './auth';

interface Values {
  cityName: string;
  cityPrefix: string;
  name: string;
  displayName: string;
  password: string;
  again: string;
}

export function SetupPage({ onIn }: { onIn: (account: SignedIn) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async ({ again: _again, ...v }: Values) => {
    setBusy(true);
    setError(null);
    try {
      const s = await authCall('setup', v);
      if (s.state === 'in' && s.account) onIn(s.account);
    } catch (e) {
      setError(e instanceof AuthError ? e.message : '设置没有完成，请重试。');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="yp-login" data-testid="setup-page">
      <Card style={{ width: 560 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          首次设置
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          填写本单位信息，并建立第一个系统管理员账号。系统管理员只管理账号和角色，不编辑台账；研判员、领导等账号由他在“账号”页中建立。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false}>
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="cityName" label="城市（单位为“××信访局”）" rules={[{ required: true, message: '请填写城市名称' }]} style={{ flex: 2 }}>
              <Input placeholder="如：江城市" />
            </Form.Item>
            <Form.Item name="cityPrefix" label="编号前缀" rules={[{ required: true, pattern: /^[A-Z]{1,6}$/, message: '1–6 个大写字母' }]} style={{ flex: 1 }}>
              <Input placeholder="如：JC" />
            </Form.Item>
          </div>
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="name" label="系统管理员账号" rules={[{ required: true, message: '请填写账号名' }]} style={{ flex: 1 }}>
              <Input autoComplete="username" />
            </Form.Item>
            <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
          </div>
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="password" label="密码" extra="至少 8 位，含大写、小写字母、数字、符号中的 3 类" rules={[{ required: true, message: '请设置密码' }]} style={{ flex: 1 }}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="again"
              label="再输一次"
              dependencies={['password']}
              rules={[{ required: true, message: '请再输一次密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) })]}
              style={{ flex: 1 }}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </div>
          <Button type="primary" htmlType="submit" loading={busy}>
            完成设置并登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
