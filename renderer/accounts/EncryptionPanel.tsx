// 台账加密 (系统管理员): whether the register is encrypted and who can unlock it; encrypting a plain
// one; a new recovery key; a plain copy (audited). Each step asks for the 系统管理员's password.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { saveFile } from '../imports/files';
import { RecoveryKeyNotice } from '../login/RecoveryKeyNotice';
import type { EncryptionStatus } from '../../shared/accounts';

type Step = 'encrypt' | 'newKey' | 'plainCopy';
const STEP_TITLES: Record<Step, string> = { encrypt: '加密台账', newKey: '更换恢复密钥', plainCopy: '导出未加密副本' };

export function EncryptionPanel() {
  const [status, setStatus] = useState<EncryptionStatus | null>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ password: string; deletePlainBackups: boolean }>();
  const report = useErrorReporter();
  const load = useCallback(() => api('register.encryption', {}).then(setStatus, report), [report]);
  useEffect(() => void load(), [load]);

  const confirm = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (step === 'encrypt') setRecoveryKey((await api('register.encrypt', { password: v.password, deletePlainBackups: !!v.deletePlainBackups })).recoveryKey);
      if (step === 'newKey') setRecoveryKey((await api('register.newRecoveryKey', { password: v.password })).recoveryKey);
      if (step === 'plainCopy') saveFile(await api('backups.exportPlain', { password: v.password }), 'application/vnd.sqlite3');
      form.resetFields();
      setStep(null);
      void load();
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };

  if (!status) return null;
  return (
    <Card title="台账加密" style={{ marginTop: 16 }} data-testid="encryption-panel">
      {status.encrypted ? (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="状态">
            <Tag color="green">已加密</Tag>
            {status.cipher}
          </Descriptions.Item>
          <Descriptions.Item label="启动后能解锁台账的账号">
            {status.unlockAccounts.join('、') || '（无）'}
            <Typography.Text type="secondary">　新建的账号随即加入；加密前就有、尚未登录过的账号，在台账打开后首次登录时自动加入</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="恢复密钥">{status.hasRecoveryKey ? '已设置（密封保管）' : '未设置'}</Descriptions.Item>
          <Descriptions.Item label="未加密的备份">{status.plainBackups ? <Tag color="red">{status.plainBackups} 个</Tag> : '无'}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Alert
          type="warning"
          showIcon
          message="台账没有加密"
          description="复制走台账文件或备份的人能读出全部记录。加密后，没有本单位账号或恢复密钥就打不开；加密前会先校验加密副本，原文件不受影响。"
        />
      )}
      <Space style={{ marginTop: 12 }}>
        {!status.encrypted && (
          <Button type="primary" onClick={() => setStep('encrypt')}>
            加密台账
          </Button>
        )}
        {status.encrypted && <Button onClick={() => setStep('newKey')}>更换恢复密钥</Button>}
        {status.encrypted && (
          <Button danger onClick={() => setStep('plainCopy')}>
            导出未加密副本
          </Button>
        )}
      </Space>
      <Modal title={step ? STEP_TITLES[step] : ''} open={!!step} onCancel={() => setStep(null)} onOk={() => void confirm()} okText="确定" confirmLoading={busy} destroyOnHidden>
        {step === 'plainCopy' && <Alert type="error" showIcon message="未加密的副本任何人都能读出全部记录：只用于移交或检查，用后立即删除。此操作记入审计。" style={{ marginBottom: 12 }} />}
        {step === 'newKey' && <Alert type="info" showIcon message="新的恢复密钥只显示一次；旧的从此失效，请销毁原来的信封。" style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" requiredMark={false} initialValues={{ deletePlainBackups: false }}>
          <Form.Item name="password" label="请再次输入您的密码以确认" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {step === 'encrypt' && (
            <Form.Item name="deletePlainBackups" label="备份文件夹中未加密的备份">
              <Radio.Group>
                <Radio value={false}>一并加密（推荐）</Radio>
                <Radio value={true}>删除</Radio>
              </Radio.Group>
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal title="恢复密钥" open={!!recoveryKey} closable={false} footer={null} destroyOnHidden width={560}>
        {recoveryKey && <RecoveryKeyNotice recoveryKey={recoveryKey} onDone={() => setRecoveryKey(null)} />}
      </Modal>
    </Card>
  );
}
