// Header indicator: which sensitive period is running or near (within the escalation lead time).
import { useEffect, useState } from 'react';
import { Tag, Tooltip } from 'antd';
import { api } from '../api';
import type { NearPeriod } from '../../shared/contract/grading';

export function NearPeriodsTag({ today }: { today: string }) {
  const [near, setNear] = useState<NearPeriod[]>([]);
  useEffect(() => {
    api('periods.near', { asOf: today }).then(setNear, () => setNear([]));
  }, [today]);
  if (near.length === 0) return null;
  const p = near[0];
  const text = p.state === '进行中' ? `敏感节点：${p.name}（进行中，至 ${p.endDate.slice(5)}）` : `敏感节点临近：${p.name}（${p.daysToStart} 天后，${p.startDate.slice(5)} 起）`;
  return (
    <Tooltip title={near.map((x) => `${x.name} ${x.startDate} 至 ${x.endDate}${x.escalation ? '（上调等级）' : ''}`).join('；')}>
      <a href="#/heatmap/periods" className="yp-near" data-testid="near-period">
        <Tag color={p.state === '进行中' ? 'red' : 'volcano'}>{text}</Tag>
      </a>
    </Tooltip>
  );
}
