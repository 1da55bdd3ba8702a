// The period picker: a month, a quarter, a year, or from–to, all as Shanghai calendar days; the
// default is the app's today's year.
import { DatePicker, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { PERIOD_KIND_LABELS, PERIOD_KINDS, periodOf, type Period, type PeriodKind } from '../../shared/stats';
import { useTodayDayjs } from '../shell/today';

const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

export function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const today = useTodayDayjs();
  const setKind = (kind: PeriodKind) => {
    if (kind === 'range') onChange({ kind, from: value.from, to: value.to });
    else onChange(periodOf(kind, value.to < fmt(today) ? value.to : fmt(today)));
  };
  const after = (d: dayjs.Dayjs) => d.isAfter(today, 'day');
  return (
    <Space wrap>
      <Segmented
        aria-label="期间类型"
        value={value.kind}
        onChange={(k) => setKind(k as PeriodKind)}
        options={PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_KIND_LABELS[k] }))}
      />
      {value.kind === 'range' ? (
        <DatePicker.RangePicker
          aria-label="起止日期"
          allowClear={false}
          value={[dayjs(value.from), dayjs(value.to)]}
          disabledDate={after}
          onChange={(r) => r && r[0] && r[1] && onChange({ kind: 'range', from: fmt(r[0]), to: fmt(r[1]) })}
        />
      ) : (
        <DatePicker
          aria-label="统计期间"
          allowClear={false}
          picker={value.kind}
          value={dayjs(value.from)}
          disabledDate={after}
          format={value.kind === 'quarter' ? 'YYYY年第Q季度' : value.kind === 'year' ? 'YYYY年' : 'YYYY年M月'}
          onChange={(d) => d && onChange(periodOf(value.kind as Exclude<PeriodKind, 'range'>, fmt(d)))}
        />
      )}
    </Space>
  );
}
