// 责任单位名单: search, add, rename (the former name stays on record and still finds the unit),
// short name and contact, and merge one unit into another (its risks, actions and names follow).
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import type { UnitRow } from '../../shared/units';

export function UnitsTable() {
  const report = useErrorReporter();
  const { message } = App.useApp();
  const [rows, setRows] = useState<UnitRow[]>([]);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<UnitRow | 'new' | null>(null);
  const [merging, setMerging] = useState<UnitRow | null>(null);
  const load = useCallback(() => api('units.list', { q: q || undefined, limit: 2000 }).then(setRows, report), [q, report]);
  useEffect(() => void load(), [load]);
  return (
    <>
      <div className="yp-toolbar">
        <Input.Search aria-label="搜索单位" placeholder="名称、简称或曾用名" allowClear style={{ width: 260 }} onSearch={setQ} />
        <Button type="primary" onClick={() => setEditing('new')}>添加单位</Button>
        <Typography.Text type="secondary">交办的牵头、配合单位和风险的主办单位都从这份名单中选；改名后旧名保留，仍能找到该单位。</Typography.Text>
      </div>
      <Table<UnitRow>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个单位` }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '简称', dataIndex: 'shortName' },
          { title: '联系方式', dataIndex: 'contact' },
          { title: '曾用名', dataIndex: 'formerNames', render: (n: string[]) => n.join('、') || '—' },
          { title: '主办风险', dataIndex: 'riskCount', width: 90 },
          { title: '牵头交办', dataIndex: 'actionCount', width: 90 },
          { title: '', key: 'ops', width: 150, render: (_, u) => <Space><a onClick={() => setEditing(u)}>修改</a><a onClick={() => setMerging(u)}>合并到…</a></Space> },
        ]}
      />
      <UnitForm unit={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void message.success('已保存'); void load(); }} />
      <MergeForm from={merging} units={rows} onClose={() => setMerging(null)} onMerged={() => { setMerging(null); void message.success('已合并'); void load(); }} />
    </>
  );
}

function UnitForm({ unit, onClose, onSaved }: { unit: UnitRow | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const report = useErrorReporter();
  const [v, setV] = useState({ name: '', shortName: '', contact: '' });
  useEffect(() => setV(unit && unit !== 'new' ? { name: unit.name, shortName: unit.shortName, contact: unit.contact } : { name: '', shortName: '', contact: '' }), [unit]);
  const save = () => (unit === 'new' ? api('units.create', v) : api('units.update', { id: (unit as UnitRow).id, ...v })).then(onSaved, report);
  return (
    <Modal title={unit === 'new' ? '添加单位' : '修改单位'} open={unit !== null} onCancel={onClose} onOk={() => void save()} okText="保存" destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input aria-label="单位名称" addonBefore="名称" value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} />
        <Input aria-label="简称" addonBefore="简称" value={v.shortName} onChange={(e) => setV({ ...v, shortName: e.target.value })} />
        <Input aria-label="联系方式" addonBefore="联系方式" value={v.contact} onChange={(e) => setV({ ...v, contact: e.target.value })} />
        {unit && unit !== 'new' && <Typography.Text type="secondary">改名后，台账和交办中的单位名称随之更新，旧名“{unit.name}”保留为曾用名。</Typography.Text>}
      </Space>
    </Modal>
  );
}

function MergeForm({ from, units, onClose, onMerged }: { from: UnitRow | null; units: UnitRow[]; onClose: () => void; onMerged: () => void }) {
  const report = useErrorReporter();
  const [into, setInto] = useState<number | null>(null);
  useEffect(() => setInto(null), [from]);
  return (
    <Modal title={`合并“${from?.name ?? ''}”`} open={from !== null} onCancel={onClose} okText="确认合并" okButtonProps={{ danger: true, disabled: !into }} destroyOnHidden
      onOk={() => from && into && api('units.merge', { fromId: from.id, intoId: into }).then(onMerged, report)}>
      <Typography.Paragraph>它的 {from?.riskCount ?? 0} 条主办风险、{from?.actionCount ?? 0} 项牵头交办和名称都归入所选单位；“{from?.name}”成为该单位的曾用名。</Typography.Paragraph>
      <Select aria-label="合并到" showSearch optionFilterProp="label" style={{ width: '100%' }} placeholder="合并到哪个单位" value={into ?? undefined} onChange={setInto}
        options={units.filter((u) => u.id !== from?.id).map((u) => ({ value: u.id, label: u.name }))} />
    </Modal>
  );
}
