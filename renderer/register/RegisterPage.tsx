import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Select, Space, Switch, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api } from '../api';
import { LEVELS, RISK_STATUSES } from '../../shared/labels';
import type { Page, RiskListInput, RiskRow, RiskSortKey } from '../../shared/risks';
import type { Lists } from '../../shared/settings';
import { useErrorReporter } from '../shell/useApi';
import { LevelTag } from './LevelTag';
import { RiskDrawer } from './RiskDrawer';
import { RiskForm } from './RiskForm';
import { deadlineLabel, involvedLabel, when } from './format';

type Filters = Omit<RiskListInput, 'page' | 'pageSize'>;

export function RegisterPage({ onChanged }: { onChanged: () => void }) {
  const report = useErrorReporter();
  const [lists, setLists] = useState<Lists>({ domains: [], regions: [] });
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<RiskRow> | null>(null);
  const [loading, setLoading] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const [editing, setEditing] = useState<RiskRow | 'new' | null>(null);
  const [rev, setRev] = useState(0);

  useEffect(() => {
    api('lists.get', {}).then(setLists, report);
  }, [report]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api('risks.list', { ...filters, ...paging }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [filters, paging, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const columns: TableProps<RiskRow>['columns'] = [
    { title: '编号', dataIndex: 'code', key: 'code', width: 130, sorter: true, fixed: 'left' },
    { title: '事项名称', dataIndex: 'title', key: 'title', ellipsis: true, render: (t: string, r) => (
        <a href={`#/register/${r.id}`} onClick={(e) => { e.preventDefault(); setOpenId(r.id); }}>{t}</a>
      ) },
    { title: '县区', dataIndex: 'region', key: 'region', width: 90, sorter: true },
    { title: '领域', dataIndex: 'domain', key: 'domain', width: 110, sorter: true },
    { title: '涉及人数', key: 'involvedCount', width: 100, sorter: true, render: (_: unknown, r) => involvedLabel(r) },
    { title: '风险等级', dataIndex: 'level', key: 'level', width: 110, sorter: true, render: (l: number | null) => <LevelTag level={l} /> },
    { title: '状态', dataIndex: 'status', key: 'status', width: 96, sorter: true },
    { title: '主办单位', dataIndex: 'leadUnit', key: 'leadUnit', width: 170, ellipsis: true },
    { title: '包案领导', key: 'packageLeader', width: 140, render: (_: unknown, r) => [r.packageLeaderTitle, r.packageLeader].filter(Boolean).join(' ') },
    { title: '化解时限', key: 'deadline', width: 120, sorter: true, render: (_: unknown, r) => deadlineLabel(r) },
    { title: '更新时间', dataIndex: 'updatedAt', key: 'updatedAt', width: 170, sorter: true, render: (t: string) => when(t) },
  ];

  const onTableChange: TableProps<RiskRow>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order ? (s.columnKey as RiskSortKey) : undefined;
    const order = s?.order === 'descend' ? 'desc' : s?.order === 'ascend' ? 'asc' : undefined;
    if (sort !== filters.sort || order !== filters.order) setFilter({ sort, order });
    else setPaging({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 });
  };

  return (
    <div>
      <div className="yp-toolbar">
        <Input.Search
          placeholder="搜索事项名称、基本情况、诉求、措施、进展或编号"
          allowClear
          style={{ width: 360 }}
          onSearch={(v) => setFilter({ query: v.trim() || undefined })}
          aria-label="搜索"
        />
        <Select allowClear placeholder="领域" style={{ width: 130 }} aria-label="领域" options={lists.domains.map((d) => ({ value: d.id, label: d.name }))} onChange={(v) => setFilter({ domainId: v })} />
        <Select allowClear placeholder="县区" style={{ width: 120 }} aria-label="县区" options={lists.regions.map((d) => ({ value: d.id, label: d.name }))} onChange={(v) => setFilter({ regionId: v })} />
        <Select allowClear placeholder="风险等级" style={{ width: 120 }} aria-label="风险等级" options={LEVELS.map((l) => ({ value: l.value, label: `${l.name}（${l.color}）` }))} onChange={(v) => setFilter({ level: v })} />
        <Select allowClear placeholder="状态" style={{ width: 120 }} aria-label="状态" options={RISK_STATUSES.map((s) => ({ value: s, label: s }))} onChange={(v) => setFilter({ status: v })} />
        <Space style={{ marginLeft: 'auto' }}>
          <span>
            <Switch size="small" checked={!!filters.deleted} onChange={(v) => setFilter({ deleted: v || undefined })} /> 已删除
          </span>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>刷新</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新增事项</Button>
        </Space>
      </div>
      <Table<RiskRow>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.rows ?? []}
        onChange={onTableChange}
        scroll={{ x: 1400 }}
        onRow={(r) => ({ onDoubleClick: () => setOpenId(r.id) })}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (t) => <Typography.Text>共 {t} 条</Typography.Text>,
        }}
      />
      <RiskDrawer
        id={openId}
        lists={lists}
        reloadKey={rev}
        onClose={() => setOpenId(null)}
        onEdit={(r) => setEditing(r)}
        onChanged={() => {
          void load();
          onChanged();
        }}
      />
      {editing && (
        <RiskForm
          lists={lists}
          risk={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(r) => {
            setEditing(null);
            setRev((n) => n + 1);
            void load();
            onChanged();
            setOpenId(r.id);
          }}
        />
      )}
    </div>
  );
}
