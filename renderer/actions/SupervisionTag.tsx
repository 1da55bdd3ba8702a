import { Tag, Tooltip } from 'antd';
import type { DueStatus } from '../../shared/actions';

/** The ladder in words and colour: 提醒 → 催办 → 督办单 → 挂牌督办 → 通报. */
const COLORS: Record<string, string> = { 提醒: 'gold', 催办: 'orange', 督办单: 'volcano', 挂牌督办: 'red', 通报: '#7f1d1d' };

export function DueTag({ due }: { due: DueStatus }) {
  if (due.status === '已办结') return <Tag color="green">已办结</Tag>;
  const text = due.status === '超期' ? `超期 ${due.overdueDays} 天` : due.status === '临期' ? `临期 · 剩 ${due.daysLeft} 天` : `剩 ${due.daysLeft} 天`;
  return (
    <Tooltip title={`办结时限 ${due.effectiveDue}`}>
      <Tag color={due.status === '超期' ? 'red' : due.status === '临期' ? 'gold' : 'default'}>{text}</Tag>
    </Tooltip>
  );
}

export function SupervisionTag({ level }: { level: string | null }) {
  if (!level) return null;
  return (
    <Tag color={COLORS[level]} style={{ fontWeight: 600 }} data-testid="supervision-tag">
      {level}
    </Tag>
  );
}
