// 及时受理率, 按期答复率, 参评率, 满意率: typed in from the petition information system, marked as
// such, never computed here.
import { useState } from 'react';
import { Button, Card, InputNumber, Input, Space, Tag, Typography } from 'antd';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { MANUAL_MEASURES, type Period } from '../../shared/stats';
import type { ManualFigure } from '../../shared/statsTypes';

export function ManualFigures({ period, figures, frozen, onSaved }: { period: Period; figures: ManualFigure[]; frozen: boolean; onSaved: (f: ManualFigure[]) => void }) {
  const report = useErrorReporter();
  const [edit, setEdit] = useState<Record<string, { value: number | null; note: string }>>({});
  const current = (m: string) => edit[m] ?? { value: figures.find((f) => f.measure === m)?.value ?? null, note: figures.find((f) => f.measure === m)?.note ?? '' };
  const save = async (m: (typeof MANUAL_MEASURES)[number]) => {
    try {
      const v = current(m);
      onSaved(await api('stats.setManual', { period, measure: m, value: v.value, note: v.note }));
      setEdit(({ [m]: _, ...rest }) => rest);
    } catch (e) {
      report(e);
    }
  };
  return (
    <Card size="small" title={<Space>信访信息系统指标 <Tag color="purple">手工录入</Tag></Space>} style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        以下指标来自全国信访信息系统，本程序不计算，只照录；报告中注明“手工录入”。
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        {MANUAL_MEASURES.map((m) => {
          const v = current(m);
          const saved = figures.find((f) => f.measure === m);
          return (
            <Space key={m} wrap>
              <span style={{ display: 'inline-block', width: 84 }}>{m}</span>
              <InputNumber aria-label={m} min={0} max={100} step={0.1} value={v.value} disabled={frozen} addonAfter="%" style={{ width: 140 }} onChange={(x) => setEdit((e) => ({ ...e, [m]: { ...v, value: x } }))} />
              <Input aria-label={`${m}说明`} placeholder="说明（如：据信访信息系统1—11月数据）" value={v.note} disabled={frozen} style={{ width: 320 }} onChange={(e) => setEdit((x) => ({ ...x, [m]: { ...v, note: e.target.value } }))} />
              <Button size="small" disabled={frozen || !edit[m]} onClick={() => save(m)}>保存</Button>
              {saved && <Typography.Text type="secondary">手工录入：{saved.enteredBy}，{saved.enteredAt.slice(0, 10)}</Typography.Text>}
            </Space>
          );
        })}
      </Space>
    </Card>
  );
}
