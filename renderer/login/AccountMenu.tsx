// The header's account: who is logged in, with 修改密码, 锁定 (Ctrl+L) and 退出登录.
import { Button, Dropdown, Tag } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useOptionalSession } from './session';

export function AccountMenu() {
  const s = useOptionalSession();
  if (!s) return null;
  const { account } = s.info;
  return (
    <>
      <Button size="small" icon={<LockOutlined />} onClick={s.lock} title="锁定屏幕（Ctrl+L）" data-testid="lock-button">
        锁定
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'pw', label: '修改密码', onClick: s.changePassword },
            { key: 'lock', label: '锁定屏幕（Ctrl+L）', onClick: s.lock },
            { key: 'out', label: '退出登录', onClick: s.logout },
          ],
        }}
      >
        <Tag icon={<UserOutlined />} color="default" style={{ cursor: 'pointer', marginLeft: 8 }} data-testid="account-tag">
          {account.displayName}（{account.role}）
        </Tag>
      </Dropdown>
    </>
  );
}
