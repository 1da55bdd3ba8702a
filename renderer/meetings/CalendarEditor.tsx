// The offline holiday calendar: shipped with the State Council schedule, editable day by day.
import { useCallback, useEffect, useState } from 'react';
import { Button, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { useToday } from '../shell/today';
import type { CalendarDay } from '../../shared/calendar';

export function CalendarEditor() {
  const report = useErrorReporter();
  const today = useToday();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [days, setDays] = useState<CalendarDay[]>([]);
  const [date, setDate] = useState<dayjs.Dayjs | null>(null);
  const [kind, setKind] = useState<'holiday' | 'workday' | 'normal'>('holiday');
  const [name, setName] = useState('');
  const load = useCallback(() => api('calendar.list', { year }).then(setDays, report), [year, report]);
  useEffect(() => {
    void load();
  }, [load]);
  const save = () => {
    if (!date) return;
    api('calendar.set', { date: date.format('YYYY-MM-DD'), kind, name }).then(() => load(), report);
  };
  const estimated = days.some((d) => d.source === '预估');
  return (
    <>
      <Typography.Paragraph type="secondary">
        节假日与调休上班日决定会议默认日期和“工作日”时限。{year}年{estimated ? '的安排为预估，国务院办公厅通知发布后请逐日核对修改。' : '按国务院办公厅通知预置，可修改。'}
      </Typography.Paragraph>
      <div className="yp-toolbar">
        <Select value={year} onChange={setYear} options={[year - 1, year, year + 1].map((y) => ({ value: y, label: `${y}年` }))} style={{ width: 100 }} />
        <DatePicker value={date} onChange={setDate} placeholder="选择日期" />
        <Select value={kind} onChange={setKind} style={{ width: 130 }} options={[{ value: 'holiday', label: '放假' }, { value: 'workday', label: '调休上班' }, { value: 'normal', label: '恢复为普通日' }]} />
        <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="节日名称" style={{ width: 140 }} />
        <Button type="primary" onClick={save} disabled={!date}>保存</Button>
      </div>
      <Table<CalendarDay>
        rowKey="date"
        size="small"
        dataSource={days}
        pagination={false}
        columns={[
          { title: '日期', dataIndex: 'date', width: 120 },
          { title: '星期', key: 'w', width: 70, render: (_: unknown, d) => '日一二三四五六'[dayjs(d.date).day()] },
          { title: '安排', dataIndex: 'kind', width: 100, render: (k: string) => (k === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="blue">调休上班</Tag>) },
          { title: '节日', dataIndex: 'name', width: 140 },
          { title: '来源', dataIndex: 'source', width: 110, render: (s: string) => (s === '预估' ? <Tag color="gold">预估</Tag> : s) },
          { title: '', key: 'op', render: (_: unknown, d) => <Space><a onClick={() => api('calendar.set', { date: d.date, kind: 'normal', name: '' }).then(() => load(), report)}>恢复为普通日</a></Space> },
        ]}
      />
    </>
  );
}
