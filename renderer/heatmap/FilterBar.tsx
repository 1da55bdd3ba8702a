import { DatePicker, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import type { Lists } from '../../shared/settings';
import { RISK_STATUSES } from '../../shared/labels';
import type { HeatFilterState } from './useHeatFilters';
import { useTodayDayjs } from '../shell/today';

interface Props {
  lists: Lists | null;
  value: HeatFilterState;
  onChange: (v: HeatFilterState) => void;
  weekLabel?: string;
  carried?: boolean;
}

/** Week (any past week, default this one), domain, region, status — shared by every view. */
export function FilterBar({ lists, value, onChange, weekLabel, carried }: Props) {
  const set = (p: Partial<HeatFilterState>) => onChange({ ...value, ...p });
  const today = useTodayDayjs();
  return (
    <div className="yp-toolbar">
      <Space wrap>
        <DatePicker
          picker="week"
          aria-label="周"
          allowClear
          placeholder="本周"
          value={value.week ? dayjs(value.week) : null}
          onChange={(d) => set({ week: d ? d.startOf('week').format('YYYY-MM-DD') : undefined })}
          disabledDate={(d) => d.isAfter(today, 'day')}
        />
        <Select allowClear placeholder="领域" aria-label="领域" style={{ width: 140 }} value={value.domainId} onChange={(v) => set({ domainId: v })} options={lists?.domains.map((d) => ({ value: d.id, label: d.name }))} />
        <Select allowClear placeholder="县区" aria-label="县区" style={{ width: 120 }} value={value.regionId} onChange={(v) => set({ regionId: v })} options={lists?.regions.map((d) => ({ value: d.id, label: d.name }))} />
        <Select allowClear placeholder="状态（默认未销号）" aria-label="状态" style={{ width: 170 }} value={value.status} onChange={(v) => set({ status: v })} options={RISK_STATUSES.map((s) => ({ value: s, label: s }))} />
        {weekLabel && <Tag color="geekblue">{weekLabel}</Tag>}
        {carried && <Tag color="gold">本周尚无新研判，沿用最近一周的状态</Tag>}
      </Space>
    </div>
  );
}

export function weekText(week: string): string {
  const end = dayjs(week).add(6, 'day');
  return `${week} 至 ${end.format('MM-DD')} 当周`;
}
