// A risk's level over time (研判记录 tab), with recharts: loaded on demand by AssessmentsTab.
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Assessment } from '../../shared/assessments';
import { levelName } from '../../shared/labels';

export function LevelChart({ rows }: { rows: Assessment[] }) {
  const data = [...rows].reverse().map((a) => ({ date: a.assessedOn, level: a.finalLevel, name: levelName(a.finalLevel) }));
  return (
    <LineChart width={700} height={180} data={data} margin={{ left: 10, right: 20, top: 10 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="date" fontSize={11} />
      <YAxis dataKey="level" reversed domain={[1, 4]} ticks={[1, 2, 3, 4]} tickFormatter={(v: number) => levelName(v)} fontSize={12} width={44} />
      <Tooltip formatter={(v) => levelName(Number(v))} labelFormatter={(l) => `研判日期 ${l}`} />
      <Line type="stepAfter" dataKey="level" name="研判等级" stroke="#b71c1c" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
    </LineChart>
  );
}
