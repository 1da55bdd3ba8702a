import { memo, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Badge, Button, Dropdown, Input, Space, Switch, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownOutlined, FilterOutlined, PlusOutlined, ReloadOutlined, SwapOutlined } from '@ant-design/icons';
import { api } from '../api';
import type { Page, RiskFacets, RiskFilter, RiskRow, RiskSortKey } from '../../shared/risks';
import type { Lists } from '../../shared/settings';
import type { ViewPayload } from '../../shared/views';
import { DEFAULT_COLUMNS, REGISTER_COLUMNS, type RegisterColumn } from '../../shared/registerColumns';
import { useErrorReporter, useFirstRead } from '../shell/useApi';
import { chunk, useLoadWhenIdle, useOnceOn } from '../shell/chunk';
import { registerColumn } from './columns';
import { MainFilters, MoreFilters } from './RegisterFilters';
import { ViewsBar } from './ViewsBar';
import { clean, FIRST_LIST, FIRST_PAGING, listInput, type Sorting } from './firstReads';
import { downloadExport } from '../imports/files';
import { useProgress } from '../imports/useProgress';

// Opened by the user, not part of the first page: each loads after the list is shown (and is mounted
// from its first opening on, so a closing drawer still animates and a half-done import keeps its state).
const RiskDrawer = chunk(() => import('./RiskDrawer').then((m) => m.RiskDrawer));
const RiskForm = chunk(() => import('./RiskForm').then((m) => m.RiskForm));
const ImportWizard = chunk(() => import('../imports/ImportWizard').then((m) => m.ImportWizard));
const OPENED_LATER = [RiskDrawer, RiskForm, ImportWizard];


// The table re-renders only when its own props change, not on every keystroke in the search box
// or when the filter lists arrive (20 rows cost tens of ms each time).
const RiskTable = memo(Table<RiskRow>);
const NO_ROWS: RiskRow[] = [];
const showTotal = (t: number) => <Typography.Text>共 {t} 条</Typography.Text>;

const MORE_KEYS = ['leadUnit', 'packageLeader', 'source', 'deadlineFrom', 'deadlineTo', 'involvedMin', 'involvedMax'] as const;
const COLUMNS_KEY = 'yanpan.register.columns';

function storedColumns(): RegisterColumn[] {
  try {
    const v = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as string[] | null;
    if (Array.isArray(v)) return REGISTER_COLUMNS.filter((c) => v.includes(c));
  } catch {
    // fall through to the default
  }
  return DEFAULT_COLUMNS;
}

export function RegisterPage({ onChanged }: { onChanged: () => void }) {
  const report = useErrorReporter();
  const progress = useProgress();
  // Asked for at start-up with the session (firstReads.ts): the first render shows the list at once.
  const firstPage = useFirstRead('risks.list', FIRST_LIST);
  const firstLists = useFirstRead('lists.get', {});
  const [importing, setImporting] = useState(false);
  const [lists, setLists] = useState<Lists>(firstLists.value ?? { domains: [], regions: [] });
  const [facets, setFacets] = useState<RiskFacets>({ leadUnits: [], packageLeaders: [] });
  const [filter, setFilterState] = useState<RiskFilter>({});
  const [sorting, setSorting] = useState<Sorting>({});
  const [queryText, setQueryText] = useState('');
  const [paging, setPaging] = useState(FIRST_PAGING);
  const [columns, setColumnsState] = useState<RegisterColumn[]>(storedColumns);
  const [showMore, setShowMore] = useState(false);
  const [data, setData] = useState<Page<RiskRow> | null>(firstPage.value ?? null);
  const [loading, setLoading] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const [editing, setEditing] = useState<RiskRow | 'new' | null>(null);
  const [rev, setRev] = useState(0);
  const drawerUsed = useOnceOn(openId !== null);
  const importUsed = useOnceOn(importing);
  const listShown = data !== null;
  // When the browser is idle after showing the list, not competing with it (at most 2 s later).
  useLoadWhenIdle(listShown, OPENED_LATER, 2000);

  useEffect(() => {
    if (!firstLists.skipLoad()) api('lists.get', {}).then(setLists, report);
    // Only 更多筛选 shows them: the first render does not wait (the prefetched answer is taken here).
    api('risks.facets', {}).then(setFacets, report);
  }, [report, rev, firstLists]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api('risks.list', listInput(filter, sorting, paging)));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [filter, sorting, paging, report]);

  useEffect(() => {
    if (!firstPage.skipLoad()) void load();
  }, [load, firstPage]);

  const setFilter = (patch: Partial<RiskFilter>) => {
    setFilterState((f) => clean({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const setColumns = (c: RegisterColumn[]) => {
    setColumnsState(c);
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(c));
  };
  const applyView = (v: ViewPayload) => {
    const f = clean(v.filter as RiskFilter);
    setFilterState(f);
    setQueryText(f.query ?? '');
    setSorting({ sort: v.sort, order: v.order });
    setColumns(v.columns);
    setPaging({ page: 1, pageSize: v.pageSize ?? paging.pageSize });
    if (MORE_KEYS.some((k) => f[k] !== undefined)) setShowMore(true);
  };
  const moreCount = MORE_KEYS.filter((k) => filter[k] !== undefined && !(k === 'deadlineTo' && filter.deadlineFrom) && !(k === 'involvedMax' && filter.involvedMin !== undefined)).length;

  const tableColumns = useMemo<TableProps<RiskRow>['columns']>(() => {
    const title = {
      title: '事项名称', dataIndex: 'title', key: 'title', ellipsis: true, width: 260,
      render: (t: string, r: RiskRow) => (
        <a href={`#/register/${r.id}`} onClick={(e) => { e.preventDefault(); setOpenId(r.id); }}>{t}</a>
      ),
    };
    const cols = columns.map((k) => ({ ...registerColumn(k), sortOrder: sorting.sort === k ? (sorting.order === 'desc' ? 'descend' as const : 'ascend' as const) : null }));
    const at = cols[0]?.key === 'code' ? 1 : 0;
    return [...cols.slice(0, at), title, ...cols.slice(at)];
  }, [columns, sorting]);

  const onTableChange = useCallback<NonNullable<TableProps<RiskRow>['onChange']>>((pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order ? (s.columnKey as RiskSortKey) : undefined;
    const order = s?.order === 'descend' ? 'desc' : s?.order === 'ascend' ? 'asc' : undefined;
    if (sort !== sorting.sort || order !== sorting.order) {
      setSorting({ sort, order });
      setPaging((p) => ({ ...p, page: 1 }));
    } else setPaging({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 });
  }, [sorting]);
  const onRow = useCallback((r: RiskRow) => ({ onDoubleClick: () => setOpenId(r.id) }), []);
  const pagination = useMemo(
    () => ({ current: paging.page, pageSize: paging.pageSize, total: data?.total ?? 0, showSizeChanger: true, showQuickJumper: true, pageSizeOptions: [20, 50, 100], showTotal }),
    [paging, data],
  );

  return (
    <div>
      <div className="yp-toolbar">
        <Input.Search
          placeholder="搜索事项名称、基本情况、诉求、措施、进展或编号"
          allowClear
          style={{ width: 340 }}
          value={queryText}
          onChange={(e) => setQueryText(e.target.value)}
          onSearch={(v) => setFilter({ query: v.trim() || undefined })}
          aria-label="搜索"
        />
        <MainFilters filter={filter} lists={lists} onChange={setFilter} />
        <Badge count={moreCount} size="small" offset={[-4, 4]}>
          <Button icon={<FilterOutlined />} type={showMore ? 'primary' : 'default'} ghost={showMore} onClick={() => setShowMore((x) => !x)}>更多筛选</Button>
        </Badge>
        <Space style={{ marginLeft: 'auto' }} wrap>
          <span>
            <Switch size="small" aria-label="已删除" checked={!!filter.deleted} onChange={(v) => setFilter({ deleted: v || undefined })} /> 已删除
          </span>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>刷新</Button>
          <Dropdown
            trigger={['click']}
            disabled={progress.busy}
            menu={{
              items: [
                { key: 'import', label: '导入 Excel/CSV 台账…' },
                { type: 'divider' },
                { key: 'xlsx', label: '导出台账 Excel（.xlsx）' },
                { key: 'xlsx-all', label: '导出 Excel（含研判记录、交办事项）' },
                { key: 'csv', label: '导出台账 CSV' },
              ],
              onClick: ({ key }) => {
                if (key === 'import') setImporting(true);
                else if (key === 'xlsx-all') void progress.run('正在导出（.xlsx）…', 5000, () => downloadExport('xlsx', ['register', 'assessments', 'actions']));
                else void progress.run(`正在导出（.${key}）…`, 3000, () => downloadExport(key as 'xlsx' | 'csv'));
              },
            }}
          >
            <Button icon={<SwapOutlined />}>
              导入导出 <DownOutlined />
            </Button>
          </Dropdown>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新增事项</Button>
        </Space>
      </div>
      {progress.bar}
      {showMore && (
        <div className="yp-toolbar yp-more">
          <MoreFilters filter={filter} facets={facets} onChange={setFilter} />
        </div>
      )}
      <div className="yp-toolbar">
        <ViewsBar current={{ filter: clean(filter), ...sorting, columns, pageSize: paging.pageSize }} onApply={applyView} columns={columns} onColumns={setColumns} />
      </div>
      <RiskTable
        rowKey="id"
        size="middle"
        loading={loading}
        columns={tableColumns}
        dataSource={data?.rows ?? NO_ROWS}
        onChange={onTableChange}
        // No `scroll` nor fixed column: either makes the table measure every column after its first
        // render and render again (~40 ms each, and 'max-content' ~40 ms more of layout, measured on a
        // fresh tab). Every column has a width, so a fixed layout is as wide as they are; the table
        // scrolls sideways and keeps its first column in view by CSS (styles.css, .yp-risk-table).
        tableLayout="fixed"
        className="yp-risk-table"
        onRow={onRow}
        pagination={pagination}
      />
      {drawerUsed && <Suspense fallback={null}><RiskDrawer.Page
        id={openId}
        lists={lists}
        reloadKey={rev}
        onClose={() => setOpenId(null)}
        onEdit={(r) => setEditing(r)}
        onChanged={() => {
          void load();
          onChanged();
        }}
      /></Suspense>}
      {importUsed && <Suspense fallback={null}><ImportWizard.Page
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => {
          void load();
          onChanged();
        }}
      /></Suspense>}
      {editing && (
        <Suspense fallback={null}><RiskForm.Page
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
        /></Suspense>
      )}
    </div>
  );
}
