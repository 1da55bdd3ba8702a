// 修改密码: forced at the first login, after a reset and when the password has expired; also
// offered from the header at any time.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { api, ApiCallError } from '../api';
import type { SecurityPolicy } from '../../shared/accounts';
import { NewPasswordFields } from './NewPasswordFields';

export function ChangePassword({ policy, forced, onDone, onCancel }: { policy: SecurityPolicy; forced: boolean; onDone: () => void; onCancel?: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { current: string; next: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('session.changePassword', { current: v.current, next: v.next });
      onDone();
    } catch (e) {
      setError(e instanceof ApiCallError ? e.message : '密码没有修改，请重试。');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="yp-login" data-testid="change-password">
      <Card style={{ width: 420 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          修改密码
        </Typography.Title>
        {forced && <Alert type="warning" showIcon message="首次登录、密码被重置或已过期：请先设置新密码。" style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="current" label="原密码" rules={[{ required: true, message: '请填写原密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <NewPasswordFields name="next" hint={`至少 ${policy.minLength} 位，含大写、小写字母、数字、符号中的 ${policy.minClasses} 类`} />
          <Button type="primary" htmlType="submit" loading={busy} block>
            保存新密码
          </Button>
          {onCancel && (
            <Button type="link" block onClick={onCancel} style={{ marginTop: 8 }}>
              取消
            </Button>
          )}
        </Form>
      </Card>
    </div>
  );
}
