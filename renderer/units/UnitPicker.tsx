// Picks 责任单位 from the managed list: type to search (name, short name, former name); a name not
// on the list is offered as "添加…" and added in place. The value is the unit's current name (the
// rows keep the current name and the database the id: db/units.ts currentUnitNames and 0006's
// triggers), one name or a list (mode="multiple"). Used by the 交办 dialog and the risk form.
// `exclude` leaves out units chosen elsewhere on the form (协办/配合 never offers the 主办/牵头 unit).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Select, type FormInstance } from 'antd';
import { api, ApiCallError } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { unitName, type UnitRow } from '../../shared/units';

type Props = { id?: string; 'aria-label'?: string; style?: React.CSSProperties; placeholder?: string; autoFocus?: boolean; exclude?: string } & (
  | { mode?: undefined; value?: string; onChange?: (v: string) => void }
  | { mode: 'multiple'; value?: string[]; onChange?: (v: string[]) => void }
);

const ADD = '\u0000add:';

export function UnitPicker(p: Props) {
  const report = useErrorReporter();
  const [units, setUnits] = useState<UnitRow[]>([]);
  const [search, setSearch] = useState('');
  /** The name being added (units.create in flight): shown as such, not yet the field's value. */
  const [adding, setAdding] = useState<string | null>(null);
  const load = useCallback(() => api('units.list', { limit: 2000 }).then(setUnits, report), [report]);
  useEffect(() => void load(), [load]);
  const typed = unitName(search);
  const options = useMemo(() => {
    const list = units.filter((u) => u.name !== p.exclude).map((u) => ({ value: u.name, label: u.shortName ? `${u.name}（${u.shortName}）` : u.name, keys: [u.name, u.shortName, ...u.formerNames].join(' ') }));
    const known = units.some((u) => u.name === typed || u.formerNames.includes(typed));
    return typed.length >= 2 && !known ? [...list, { value: ADD + typed, label: `添加新单位“${typed}”`, keys: typed }] : list;
  }, [units, typed, p.exclude]);

  const add = async (name: string): Promise<string | null> => {
    setAdding(name);
    try {
      const u = await api('units.create', { name });
      await load();
      return u.name;
    } catch (e) {
      // Added meanwhile (another picker on the same form, another user): take that unit.
      const existingId = e instanceof ApiCallError && e.error.code === 'CONFLICT' ? (e.error.details as { existingId?: number } | undefined)?.existingId : undefined;
      const fresh = existingId ? await api('units.list', { limit: 2000 }).catch(() => null) : null;
      const found = fresh?.find((x) => x.id === existingId);
      if (fresh && found) {
        setUnits(fresh);
        return found.name;
      }
      report(e);
      return null;
    } finally {
      setAdding(null);
    }
  };
  const change = async (v: string | string[]) => {
    setSearch('');
    if (p.mode === 'multiple') {
      const out: string[] = [];
      for (const x of v as string[]) {
        const n = x.startsWith(ADD) ? await add(x.slice(ADD.length)) : x;
        if (n && !out.includes(n)) out.push(n);
      }
      p.onChange?.(out);
    } else {
      const x = (v as string | undefined) ?? '';
      const n = x.startsWith(ADD) ? await add(x.slice(ADD.length)) : x;
      if (n !== null) p.onChange?.(n);
    }
  };
  return (
    <Select
      id={p.id}
      aria-label={p['aria-label']}
      mode={p.mode}
      style={p.style}
      autoFocus={p.autoFocus}
      placeholder={adding ? `正在添加“${adding}”…` : p.placeholder ?? '输入名称搜索，或添加新单位'}
      loading={adding !== null}
      showSearch
      allowClear
      // Always controlled (null, not undefined, when empty): an uncontrolled select showed the chosen
      // 添加新单位“…” option as its value while the unit was still being added and the field was empty,
      // so a 交办 saved at that moment was refused for want of a 牵头单位.
      value={p.value === '' || p.value === undefined ? null : p.value}
      searchValue={search}
      onSearch={setSearch}
      filterOption={(input, o) => (o?.keys ?? '').includes(unitName(input)) || String(o?.value ?? '').startsWith(ADD)}
      options={options}
      onChange={(v) => void change(v)}
      onOpenChange={(open) => open && void load()}
      notFoundContent="名单中没有，输入全称后可添加"
    />
  );
}

/** A form's onValuesChange: choosing a 主办/牵头 unit takes it out of the 协办/配合 list (fields leadUnit, coUnits). */
export function keepLeadOutOfCo(form: FormInstance): (changed: { leadUnit?: string }) => void {
  return (changed) => {
    if (!changed.leadUnit) return;
    const co = (form.getFieldValue('coUnits') as string[] | undefined) ?? [];
    if (co.includes(changed.leadUnit)) form.setFieldValue('coUnits', co.filter((x) => x !== changed.leadUnit));
  };
}
