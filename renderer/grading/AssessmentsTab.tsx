// The risk's assessment history (研判记录): level over time, the timeline with each basis, and the
// form for a new assessment with a live preview of the computed levels.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Button, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../api';
import type { Assessment } from '../../shared/assessments';
import type { RiskRow } from '../../shared/risks';
import { useErrorReporter } from '../shell/useApi';
import { LevelTag } from '../register/LevelTag';
import { AssessmentForm } from './AssessmentForm';

// The chart (recharts, ~400 KB) is its own chunk, loaded when a history with two or more records shows.
const LevelChart = lazy(() => import('./LevelChart').then((m) => ({ default: m.LevelChart })));

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
      {rows && rows.length > 1 && <Suspense fallback={<div style={{ height: 180 }} />}><LevelChart rows={rows} /></Suspense>}
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
