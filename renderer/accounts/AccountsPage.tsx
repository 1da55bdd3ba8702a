// 账号 (系统管理员): accounts and their one role each, resets, unlocks, disabling.
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import type { AccountRow } from '../../shared/accounts';
import { ROLE_DUTIES, ROLES, type Role } from '../../shared/roles';
import { useToday } from '../shell/today';
import { EncryptionPanel } from './EncryptionPanel';

const roleOptions = ROLES.map((r) => ({ value: r, label: `${r} — ${ROLE_DUTIES[r]}` }));

export function AccountsPage() {
  const [rows, setRows] = useState<AccountRow[]>([]);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<AccountRow | null>(null);
  const report = useErrorReporter();
  const today = useToday();
  const load = useCallback(() => api('accounts.list', {}).then(setRows, report), [report]);
  useEffect(() => void load(), [load]);
  const run = (p: Promise<unknown>) => p.then(load, report);

  return (
    <>
      <Card title="账号与角色" extra={<Button type="primary" onClick={() => setCreating(true)}>新建账号</Button>}>
        <Typography.Paragraph type="secondary">
          每个账号只有一个角色，因此不会有人同时担任两个管理员角色；管理员不编辑台账。新建或重置的账号首次登录须修改密码。
        </Typography.Paragraph>
        <Table<AccountRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: '账号', dataIndex: 'name' },
            { title: '姓名', dataIndex: 'displayName' },
            {
              title: '角色',
              dataIndex: 'role',
              render: (role: Role, a) => (
                <Select size="small" style={{ width: 130 }} value={role} options={ROLES.map((r) => ({ value: r, label: r }))} onChange={(next) => run(api('accounts.update', { id: a.id, version: a.version, role: next }))} />
              ),
            },
            {
              title: '状态',
              render: (_, a) => (
                <Space size={4} wrap>
                  {a.disabled && <Tag color="default">已停用</Tag>}
                  {a.lockedUntil && a.lockedUntil.slice(0, 10) >= today && <Tag color="red">锁定至 {a.lockedUntil.slice(0, 16).replace('T', ' ')}（UTC）</Tag>}
                  {a.mustChange && <Tag color="orange">须修改密码</Tag>}
                  {a.demo && <Tag>示例账号</Tag>}
                  {!a.disabled && !a.lockedUntil && !a.mustChange && <Tag color="green">正常</Tag>}
                </Space>
              ),
            },
            {
              title: '操作',
              render: (_, a) => (
                <Space size={4}>
                  <Button size="small" onClick={() => setResetting(a)}>重置密码</Button>
                  {a.lockedUntil && <Button size="small" onClick={() => run(api('accounts.unlock', { id: a.id, version: a.version }))}>解锁</Button>}
                  <Button size="small" danger={!a.disabled} onClick={() => run(api('accounts.update', { id: a.id, version: a.version, disabled: !a.disabled }))}>
                    {a.disabled ? '启用' : '停用'}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
        <CreateAccount open={creating} onClose={() => setCreating(false)} onDone={() => (setCreating(false), void load())} />
        <ResetPassword account={resetting} onClose={() => setResetting(null)} onDone={() => (setResetting(null), void load())} />
      </Card>
      <EncryptionPanel />
    </>
  );
}

function CreateAccount({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ name: string; displayName: string; role: Role; password: string }>();
  const report = useErrorReporter();
  return (
    <Modal title="新建账号" open={open} onCancel={onClose} okText="建立" onOk={() => form.validateFields().then((v) => api('accounts.create', v).then(() => (form.resetFields(), onDone()), report))} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="name" label="账号名" rules={[{ required: true, message: '请填写账号名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item name="password" label="初始密码" extra="当面告知本人；首次登录须修改。" rules={[{ required: true, message: '请填写初始密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPassword({ account, onClose, onDone }: { account: AccountRow | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const report = useErrorReporter();
  return (
    <Modal
      title={`重置密码：${account?.displayName ?? ''}`}
      open={!!account}
      onCancel={onClose}
      okText="重置"
      onOk={() => form.validateFields().then((v) => api('accounts.resetPassword', { id: account!.id, version: account!.version, password: v.password }).then(() => (form.resetFields(), onDone()), report))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="password" label="新的初始密码" extra="下次登录须修改；同时解除锁定。" rules={[{ required: true, message: '请填写新密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
