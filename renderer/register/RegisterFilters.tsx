// The register's filter bar: the everyday filters in one row, the rest behind 更多筛选.
import { DatePicker, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { LEVELS, RISK_SOURCES, RISK_STATUSES } from '../../shared/labels';
import type { RiskFacets, RiskFilter } from '../../shared/risks';
import type { Lists } from '../../shared/settings';

interface Props {
  filter: RiskFilter;
  lists: Lists;
  facets: RiskFacets;
  onChange: (patch: Partial<RiskFilter>) => void;
}

const opts = (xs: readonly string[]) => xs.map((s) => ({ value: s, label: s }));

export function MainFilters({ filter, lists, onChange }: Omit<Props, 'facets'>) {
  return (
    <>
      <Select allowClear placeholder="领域" style={{ width: 130 }} aria-label="领域" value={filter.domainId} options={lists.domains.map((d) => ({ value: d.id, label: d.active ? d.name : `${d.name}（停用）` }))} onChange={(v) => onChange({ domainId: v })} />
      <Select allowClear placeholder="县区" style={{ width: 120 }} aria-label="县区" value={filter.regionId} options={lists.regions.map((d) => ({ value: d.id, label: d.active ? d.name : `${d.name}（停用）` }))} onChange={(v) => onChange({ regionId: v })} />
      <Select allowClear placeholder="风险等级" style={{ width: 120 }} aria-label="风险等级" value={filter.level} options={LEVELS.map((l) => ({ value: l.value, label: `${l.name}（${l.color}）` }))} onChange={(v) => onChange({ level: v })} />
      <Select allowClear placeholder="状态" style={{ width: 120 }} aria-label="状态" value={filter.status} options={opts(RISK_STATUSES)} onChange={(v) => onChange({ status: v })} />
    </>
  );
}

export function MoreFilters({ filter, facets, onChange }: Omit<Props, 'lists'>) {
  const range = filter.deadlineFrom || filter.deadlineTo ? ([filter.deadlineFrom ? dayjs(filter.deadlineFrom) : null, filter.deadlineTo ? dayjs(filter.deadlineTo) : null] as const) : null;
  return (
    <Space wrap size={[8, 8]} className="yp-more-filters">
      <Select allowClear showSearch placeholder="主办单位" style={{ width: 200 }} aria-label="主办单位" value={filter.leadUnit} options={opts(facets.leadUnits)} onChange={(v) => onChange({ leadUnit: v })} />
      <Select allowClear showSearch placeholder="包案领导" style={{ width: 130 }} aria-label="包案领导" value={filter.packageLeader} options={opts(facets.packageLeaders)} onChange={(v) => onChange({ packageLeader: v })} />
      <Select allowClear placeholder="来源" style={{ width: 110 }} aria-label="来源" value={filter.source} options={opts(RISK_SOURCES)} onChange={(v) => onChange({ source: v })} />
      <span>
        化解时限{' '}
        <DatePicker.RangePicker
          aria-label="化解时限"
          allowEmpty={[true, true]}
          value={range as never}
          onChange={(v) => onChange({ deadlineFrom: v?.[0]?.format('YYYY-MM-DD') ?? undefined, deadlineTo: v?.[1]?.format('YYYY-MM-DD') ?? undefined })}
          style={{ width: 250 }}
        />
      </span>
      <span>
        涉及人数{' '}
        <InputNumber aria-label="涉及人数下限" min={0} placeholder="不限" style={{ width: 90 }} value={filter.involvedMin} onChange={(v) => onChange({ involvedMin: v ?? undefined })} />
        {' – '}
        <InputNumber aria-label="涉及人数上限" min={0} placeholder="不限" style={{ width: 90 }} value={filter.involvedMax} onChange={(v) => onChange({ involvedMax: v ?? undefined })} />
      </span>
    </Space>
  );
}
