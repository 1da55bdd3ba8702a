// The risk's assessment history (研判记录): level over time, the timeline with each basis, and the
// form for a new assessment with a live preview of the computed levels.
import { useCallback, useEffect, useState } from 'react';
import { Button, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api';
import type { Assessment } from '../../shared/assessments';
import type { RiskRow } from '../../shared/risks';
import { levelName } from '../../shared/labels';
import { useErrorReporter } from '../shell/useApi';
import { LevelTag } from '../register/LevelTag';
import { AssessmentForm } from './AssessmentForm';

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

export function AssessmentsTab({ risk, onChanged }: { risk: RiskRow; onChanged: () => void }) {
  const [rows, setRows] = useState<Assessment[] | null>(null);
  const [adding, setAdding] = useState(false);
  const report = useErrorReporter();
  const load = useCallback(() => api('assessments.list', { riskId: risk.id }).then(setRows, report), [risk.id, report]);
  useEffect(() => void load(), [load, risk.version]);
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        {!risk.deletedAt && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>新增研判</Button>}
        <span>当前：<LevelTag level={risk.level} /> 态势 {risk.trend ?? '—'}，下次研判 {risk.nextReview ?? '—'}</span>
      </Space>
      {rows && rows.length > 1 && <LevelChart rows={rows} />}
      {rows && rows.length === 0 && <Empty description="尚无研判记录" />}
      {rows && (
        <Timeline
          items={rows.map((a) => ({
            color: a.finalLevel === 1 ? 'red' : a.finalLevel === 2 ? 'orange' : a.finalLevel === 3 ? 'gold' : 'blue',
            children: (
              <div data-testid="assessment-entry">
                <Space wrap>
                  <Typography.Text strong>{a.assessedOn}</Typography.Text>
                  <Tag>{a.kind}{a.meetingId ? ` · 第 ${a.meetingId} 号会议` : ''}</Tag>
                  <LevelTag level={a.finalLevel} />
                  {a.score !== null && <span>可能性 {a.likelihood} × 影响 {a.impact} = {a.score}</span>}
                  {a.trend && <Tag>{a.trend}</Tag>}
                  {a.reportUp && <Tag color="red">报党委政府</Tag>}
                  <Typography.Text type="secondary">规则第 {a.ruleSetVersion} 版 · {a.createdBy}</Typography.Text>
                </Space>
                <pre className="yp-basis">{a.basis}</pre>
                {a.analysis && <div>研判意见：{a.analysis}</div>}
                {a.countermeasures && <div>对策建议：{a.countermeasures}</div>}
                {a.nextReview && <div style={{ color: '#6b7280' }}>下次研判：{a.nextReview}</div>}
              </div>
            ),
          }))}
        />
      )}
      {adding && (
        <AssessmentForm
          risk={risk}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            void load();
            onChanged();
          }}
        />
      )}
    </>
  );
}
