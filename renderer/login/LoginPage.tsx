// 登录 and the lock screen: the same form. Locked, it shows nothing from the register (a
// projector in the meeting room shows only this), and names no account.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { authCall, AuthError, type SignedIn } from './auth';
import { RecoverWithKey } from './RecoverWithKey';

export function LoginPage({ locked, onIn }: { locked?: boolean; onIn: (account: SignedIn) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recovering, setRecovering] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const submit = async (v: { name: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const s = await authCall('login', v);
      if (s.state === 'in' && s.account) onIn(s.account);
    } catch (e) {
      setError(e instanceof AuthError ? e.message : '登录没有完成，请重试。');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="yp-login" data-testid={locked ? 'lock-screen' : 'login-page'}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {locked ? '已锁定' : '风险研判台 · 登录'}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{locked ? '屏幕已锁定。请输入账号和密码继续；换一个账号登录将从首页重新开始。' : '请用本人的账号登录。密码连续输错 5 次，账号将锁定 10 分钟。'}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        {notice && <Alert type="success" showIcon message={notice} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="name" label="账号" rules={[{ required: true, message: '请填写账号' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {locked ? '解锁' : '登录'}
          </Button>
        </Form>
        {!locked && (
          <Button type="link" size="small" style={{ paddingLeft: 0, marginTop: 8 }} onClick={() => setRecovering(true)}>
            忘记全部密码？用恢复密钥
          </Button>
        )}
      </Card>
      <RecoverWithKey open={recovering} onClose={() => setRecovering(false)} onDone={(m) => (setRecovering(false), setError(null), setNotice(m))} />
    </div>
  );
}
