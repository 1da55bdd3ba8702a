// 我的筛选 (saved views, per operator, stored in the database) and the column chooser.
import { useCallback, useEffect, useState } from 'react';
import { Button, Checkbox, Input, Modal, Popconfirm, Popover, Select, Space } from 'antd';
import { DeleteOutlined, SaveOutlined, SettingOutlined } from '@ant-design/icons';
import { api } from '../api';
import type { SavedView, ViewPayload } from '../../shared/views';
import { REGISTER_COLUMNS, type RegisterColumn } from '../../shared/registerColumns';
import { useErrorReporter, useFirstRead } from '../shell/useApi';
import { COLUMN_LABELS } from './columns';

interface Props {
  current: ViewPayload;
  onApply: (v: ViewPayload) => void;
  columns: RegisterColumn[];
  onColumns: (c: RegisterColumn[]) => void;
}

export function ViewsBar({ current, onApply, columns, onColumns }: Props) {
  const report = useErrorReporter();
  const firstViews = useFirstRead('views.list', {});
  const [views, setViews] = useState<SavedView[]>(firstViews.value ?? []);
  const [selected, setSelected] = useState<number | undefined>();
  const [naming, setNaming] = useState<string | null>(null);

  const reload = useCallback(() => api('views.list', {}).then(setViews, report), [report]);
  useEffect(() => {
    if (!firstViews.skipLoad()) void reload();
  }, [reload, firstViews]);

  const chosen = views.find((v) => v.id === selected);
  const save = async (name: string) => {
    const existing = views.find((v) => v.name === name);
    try {
      const v = await api('views.save', { name, payload: current, version: existing?.version });
      setNaming(null);
      await reload();
      setSelected(v.id);
    } catch (e) {
      report(e);
    }
  };

  return (
    <Space size={8}>
      <Select
        allowClear
        placeholder="我的筛选"
        aria-label="我的筛选"
        style={{ width: 160 }}
        value={selected}
        options={views.map((v) => ({ value: v.id, label: v.name }))}
        notFoundContent="还没有保存的筛选"
        onChange={(id) => {
          setSelected(id);
          const v = views.find((x) => x.id === id);
          if (v) onApply(v.payload);
        }}
      />
      <Button icon={<SaveOutlined />} onClick={() => setNaming(chosen?.name ?? '')}>保存筛选</Button>
      {chosen && (
        <Popconfirm title={`删除筛选「${chosen.name}」？`} okText="删除" cancelText="取消" onConfirm={() => api('views.delete', { id: chosen.id, version: chosen.version }).then(() => { setSelected(undefined); return reload(); }, report)}>
          <Button icon={<DeleteOutlined />} aria-label="删除筛选" />
        </Popconfirm>
      )}
      <Popover
        trigger="click"
        placement="bottomRight"
        title="显示的列（事项名称总是显示）"
        content={
          <Checkbox.Group
            style={{ display: 'grid', gridTemplateColumns: 'repeat(3, auto)', gap: 6 }}
            value={columns}
            options={REGISTER_COLUMNS.map((c) => ({ value: c, label: COLUMN_LABELS[c] }))}
            onChange={(v) => onColumns(REGISTER_COLUMNS.filter((c) => (v as string[]).includes(c)))}
          />
        }
      >
        <Button icon={<SettingOutlined />}>列</Button>
      </Popover>
      <Modal
        open={naming !== null}
        title="保存为我的筛选"
        okText="保存"
        cancelText="取消"
        onCancel={() => setNaming(null)}
        onOk={() => naming?.trim() && save(naming.trim())}
      >
        <p>保存当前的筛选条件、排序和显示的列。同名的筛选会被覆盖。</p>
        <Input autoFocus aria-label="筛选名称" placeholder="例如：重大风险·临近时限" value={naming ?? ''} maxLength={30} onChange={(e) => setNaming(e.target.value)} onPressEnter={() => naming?.trim() && save(naming.trim())} />
      </Modal>
    </Space>
  );
}
