// 设置: the city (name, code prefix), the operator, and the domain and region lists.
import { useCallback, useEffect, useState } from 'react';
import { FontsCard } from '../briefs/FontsNotice';
import { App, Button, Card, Col, Form, Input, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../api';
import { LIST_LABELS, type AppSettings, type ListKind, type Lists, type NamedItem } from '../../shared/settings';
import { useErrorReporter } from '../shell/useApi';
import { AgendaSettingsCard } from './AgendaSettingsCard';

export function SettingsPage({ onChanged }: { onChanged: () => void }) {
  const report = useErrorReporter();
  const [settings, setSettings] = useState<AppSettings | null>(null);
  const [lists, setLists] = useState<Lists>({ domains: [], regions: [] });
  const reload = useCallback(() => {
    api('settings.get', {}).then(setSettings, report);
    api('lists.get', {}).then(setLists, report);
  }, [report]);
  useEffect(reload, [reload]);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={8}>
        {settings && <GeneralCard key={settings.version} settings={settings} onSaved={(s) => { setSettings(s); onChanged(); }} />}
      </Col>
      <Col xs={24} xl={8}><ListCard kind="domains" items={lists.domains} onChanged={reload} /></Col>
      <Col xs={24} xl={8}><ListCard kind="regions" items={lists.regions} onChanged={reload} /></Col>
      <Col xs={24} xl={12}><AgendaSettingsCard /></Col>
      <Col xs={24} xl={12}><FontsCard /></Col>
    </Row>
  );
}

function GeneralCard({ settings, onSaved }: { settings: AppSettings; onSaved: (s: AppSettings) => void }) {
  const report = useErrorReporter();
  const { message } = App.useApp();
  const [form] = Form.useForm<AppSettings>();
  const save = async (v: AppSettings) => {
    try {
      const s = await api('settings.update', { cityName: v.cityName, cityPrefix: v.cityPrefix, operator: v.operator, version: settings.version });
      message.success(s.version === settings.version ? '没有修改' : '设置已保存');
      onSaved(s);
    } catch (e) {
      report(e);
    }
  };
  return (
    <Card title="城市与操作人">
      <Form form={form} layout="vertical" initialValues={settings} onFinish={save}>
        <Form.Item name="cityName" label="城市名称" rules={[{ required: true, message: '请填写城市名称' }]} extra="出现在简报、纪要等公文中。">
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="cityPrefix" label="城市代码（编号前缀）" rules={[{ required: true, pattern: /^[A-Z]{1,6}$/, message: '应为 1–6 个大写英文字母，例如 JC' }]} extra="新事项的编号形如 JC-2026-031；已有编号不变。">
          <Input maxLength={6} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="operator" label="操作人" rules={[{ required: true, message: '请填写操作人姓名' }]} extra="记入每一条修改记录；“我的筛选”按操作人分别保存。">
          <Input maxLength={30} />
        </Form.Item>
        <Button type="primary" htmlType="submit">保存</Button>
      </Form>
    </Card>
  );
}

function ListCard({ kind, items, onChanged }: { kind: ListKind; items: NamedItem[]; onChanged: () => void }) {
  const report = useErrorReporter();
  const [adding, setAdding] = useState('');
  const label = LIST_LABELS[kind];
  const run = (p: Promise<unknown>) => p.then(onChanged, (e) => { report(e); onChanged(); });
  const add = () => {
    if (!adding.trim()) return;
    void run(api('lists.add', { list: kind, name: adding.trim() }).then(() => setAdding('')));
  };
  return (
    <Card title={`${label}（${items.length}）`}>
      <Table<NamedItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        columns={[
          {
            title: '名称', dataIndex: 'name',
            render: (name: string, r) => (
              <Typography.Text delete={!r.active} editable={{ tooltip: '改名', onChange: (v) => v.trim() && v.trim() !== name && void run(api('lists.rename', { list: kind, id: r.id, version: r.version, name: v.trim() })) }}>
                {name}
              </Typography.Text>
            ),
          },
          { title: '事项', dataIndex: 'inUse', width: 70, align: 'right', render: (n: number) => n.toLocaleString('zh-CN') },
          {
            title: '启用', dataIndex: 'active', width: 64,
            render: (a: boolean, r) => <Switch size="small" aria-label={`启用${r.name}`} checked={a} onChange={(v) => void run(api('lists.setActive', { list: kind, id: r.id, version: r.version, active: v }))} />,
          },
          {
            title: '', key: 'ops', width: 110,
            render: (_: unknown, r, i) => (
              <Space size={2}>
                <Button size="small" type="text" aria-label={`上移${r.name}`} icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => void run(api('lists.move', { list: kind, id: r.id, version: r.version, direction: 'up' }))} />
                <Button size="small" type="text" aria-label={`下移${r.name}`} icon={<ArrowDownOutlined />} disabled={i === items.length - 1} onClick={() => void run(api('lists.move', { list: kind, id: r.id, version: r.version, direction: 'down' }))} />
                {r.inUse === 0 ? (
                  <Button size="small" type="text" danger aria-label={`删除${r.name}`} icon={<DeleteOutlined />} onClick={() => void run(api('lists.remove', { list: kind, id: r.id, version: r.version }))} />
                ) : (
                  <Tag bordered={false} title="有事项在使用，不能删除；可改名或停用">在用</Tag>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Space.Compact style={{ width: '100%', marginTop: 12 }}>
        <Input placeholder={`新增${label}名称`} aria-label={`新增${label}`} maxLength={20} value={adding} onChange={(e) => setAdding(e.target.value)} onPressEnter={add} />
        <Button icon={<PlusOutlined />} onClick={add}>新增</Button>
      </Space.Compact>
    </Card>
  );
}
