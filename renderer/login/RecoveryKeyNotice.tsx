// The recovery key, shown once (after set-up, after encrypting a register, after replacing it):
// to be written down or printed and sealed. Nothing here keeps it; once closed it is gone.
import { useState } from 'react';
import { Alert, Button, Checkbox, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';

export function RecoveryKeyNotice({ recoveryKey, bureau, onDone }: { recoveryKey: string; bureau?: string; onDone: () => void }) {
  const [kept, setKept] = useState(false);
  return (
    <div data-testid="recovery-key">
      <Alert
        type="warning"
        showIcon
        message="请立即抄写或打印恢复密钥，装入信封密封保管"
        description="台账已加密。所有账号的密码都遗失时，只有这把恢复密钥能打开台账（在登录页点“忘记全部密码”）。它只显示这一次，程序不保存它；请勿存放在这台电脑上。"
        style={{ marginBottom: 16 }}
      />
      <div className="yp-recovery-print">
        <Typography.Text type="secondary">{bureau ? `${bureau} 风险研判台 · ` : '风险研判台 · '}台账恢复密钥（只含数字和字母，不含 I、L、O、U）</Typography.Text>
        <div className="yp-recovery-key" data-testid="recovery-key-text">
          {recoveryKey}
        </div>
      </div>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印恢复密钥
        </Button>
        <Checkbox checked={kept} onChange={(e) => setKept(e.target.checked)}>
          我已抄写或打印恢复密钥，并将密封保管
        </Checkbox>
        <Button type="primary" disabled={!kept} onClick={onDone}>
          继续
        </Button>
      </Space>
    </div>
  );
}
