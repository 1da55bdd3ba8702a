// Pick risks from the register by searching code or title (server-side, so 100,000 rows stay fast).
import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api } from '../api';
import { levelName } from '../../shared/labels';

export function RiskPicker({ value, onChange, placeholder, multiple = true }: { value?: number[]; onChange?: (v: number[]) => void; placeholder?: string; multiple?: boolean }) {
  const [options, setOptions] = useState<Array<{ value: number; label: string }>>([]);
  const [query, setQuery] = useState('');
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      api('risks.list', { query: query || undefined, pageSize: 30 }).then(
        (p) => live && setOptions((old) => {
          const keep = old.filter((o) => value?.includes(o.value));
          const fresh = p.rows.map((r) => ({ value: r.id, label: `${r.code} ${r.title}（${levelName(r.level)}）` }));
          return [...keep, ...fresh.filter((f) => !keep.some((k) => k.value === f.value))];
        }),
        () => {},
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query, value]);
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      showSearch
      filterOption={false}
      onSearch={setQuery}
      value={value}
      onChange={(v) => onChange?.(Array.isArray(v) ? v : [v])}
      options={options}
      placeholder={placeholder ?? '输入编号或事项名称搜索'}
      style={{ width: '100%' }}
      aria-label="风险事项"
    />
  );
}
