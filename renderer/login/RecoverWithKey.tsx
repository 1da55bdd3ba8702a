// 忘记全部密码: the sealed recovery key sets a new password for a 系统管理员, who then resets the
// others' passwords in 账号. Only for an encrypted register; nobody is logged in by it.
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { authCall, AuthError } from './auth';
import { NewPasswordFields } from './NewPasswordFields';

interface Values {
  recoveryKey: string;
  name: string;
  password: string;
  again: string;
}

export function RecoverWithKey({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (message: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const submit = async ({ again: _again, ...v }: Values) => {
    setBusy(true);
    setError(null);
    try {
      const s = await authCall('recover', v);
      form.resetFields();
      onDone((s.state !== 'in' && s.message) || '密码已重设，请用新密码登录。');
    } catch (e) {
      setError(e instanceof AuthError ? e.message : '没有完成，请重试。');
    } finally {
      setBusy(false);
    }
  };
  return (
    // Above the login screen (z-index 2000), which it is opened from.
    <Modal open={open} title="忘记全部密码：用恢复密钥重设系统管理员密码" onCancel={onClose} footer={null} destroyOnHidden width={520} zIndex={2100}>
      <Typography.Paragraph type="secondary">
        取出设置时密封保存的恢复密钥（6 组，每组 4 个字符），为一个系统管理员账号设置新密码。登录后须再改一次密码，然后由他在“账号”页为其他同事重设密码。此操作记入审计。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {/* Its own field ids (recover_…): the login form behind it has fields of the same names. */}
      <Form<Values> form={form} name="recover" layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="recoveryKey" label="恢复密钥" rules={[{ required: true, message: '请输入恢复密钥' }]}>
          <Input placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX" autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="name" label="系统管理员账号" rules={[{ required: true, message: '请填写系统管理员的账号' }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <NewPasswordFields />
        <Button type="primary" htmlType="submit" loading={busy}>
          重设密码
        </Button>
      </Form>
    </Modal>
  );
}
