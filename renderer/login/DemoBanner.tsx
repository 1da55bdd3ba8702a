// The 示例数据 banner on every page of the demo register. Right after the demo loads it also
// offers the demo accounts' random passwords, once: they live only in this page's memory, and are
// gone when the dialog closes (the command line prints them on `yanpan demo`).
import { useState } from 'react';
import { Button, Modal, Table, Typography } from 'antd';
import type { DemoAccount } from '../../shared/accounts';

export function DemoBanner({ accounts, onSeen }: { accounts: DemoAccount[]; onSeen: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="yp-demo-banner" data-testid="demo-banner">
      示例数据：本台账的内容均为虚构，仅供熟悉功能，请勿用于工作。
      {accounts.length > 0 && (
        <Button type="link" size="small" onClick={() => setOpen(true)} data-testid="demo-accounts-link">
          查看示例账号密码（仅显示一次）
        </Button>
      )}
      <Modal title="示例账号（密码只显示这一次）" open={open} footer={<Button type="primary" onClick={() => (setOpen(false), onSeen())}>我已记下</Button>} closable={false} width={620}>
        <Typography.Paragraph type="secondary">每个角色一个账号。密码随机生成，本程序不再显示；忘记时请系统管理员重置。</Typography.Paragraph>
        <Table
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={accounts}
          columns={[
            { title: '角色', dataIndex: 'role' },
            { title: '账号', dataIndex: 'name' },
            { title: '密码', dataIndex: 'password', render: (v: string) => <Typography.Text code copyable>{v}</Typography.Text> },
          ]}
        />
      </Modal>
    </div>
  );
}
