// The runner's 研判 panel: the meeting records its decision on the item on screen without leaving
// it. 研判意见 and 对策建议 come from the runner's autosaved drafts (typed beside this panel), so
// nothing typed is lost; the grade preview (with its basis in words) updates as the scores change.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { useToday } from '../shell/today';
import type { RiskRow } from '../../shared/risks';
import type { Grade } from '../../shared/grading';
import type { Assessment } from '../../shared/assessments';
import { LEVELS, TRENDS, levelName } from '../../shared/labels';
import { LevelTag } from '../register/LevelTag';

type Preview = Grade & { ruleSetVersion: number; nextReview: string };

export interface RunnerAssessmentProps {
  risk: RiskRow;
  meetingId: number;
  meetingDate: string;
  locked: boolean;
  analysis: string;
  countermeasures: string;
  /** Set to the record function so the runner's Ctrl+Enter can call it; resolves true once recorded. */
  submitRef: { current: (() => Promise<boolean>) | null };
  onSaved: (a: Assessment) => void;
  /** 记录并下一项 (Ctrl+Shift+Enter): the runner records, then moves on. */
  onRecordNext: () => void;
}

export function RunnerAssessment(p: RunnerAssessmentProps) {
  const { risk, meetingId } = p;
  const report = useErrorReporter();
  const { message } = App.useApp();
  const [history, setHistory] = useState<Assessment[]>([]);
  const [size, setSize] = useState(5);
  const [l, setL] = useState<number | null>(risk.likelihood);
  const [i, setI] = useState<number | null>(risk.impact);
  const [finalLevel, setFinalLevel] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [trend, setTrend] = useState<string | null>(null);
  const [reportUp, setReportUp] = useState(false);
  const [nextReview, setNextReview] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [saving, setSaving] = useState(false);
  // The meeting's date, unless it lies ahead (a record is never dated in the future).
  const today = useToday();
  const assessedOn = p.meetingDate <= today ? p.meetingDate : today;

  const loadHistory = useCallback(() => api('assessments.list', { riskId: risk.id }).then(setHistory, report), [risk.id, report]);
  useEffect(() => {
    void loadHistory();
    setL(risk.likelihood);
    setI(risk.impact);
    setFinalLevel(null);
    setReason('');
    setTrend(null);
    setReportUp(false);
    setNextReview(null);
  }, [risk.id, risk.likelihood, risk.impact, loadHistory]);
  useEffect(() => {
    api('rules.current', {}).then((r) => setSize(r.config.matrix.size), report);
  }, [report]);
  useEffect(() => {
    if (!l || !i || l > size || i > size) return setPreview(null);
    api('assessments.preview', { riskId: risk.id, likelihood: l, impact: i, assessedOn }).then(setPreview, () => setPreview(null));
  }, [l, i, risk.id, size, assessedOn]);

  const recorded = history.find((a) => a.meetingId === meetingId);
  const differs = preview !== null && finalLevel !== null && finalLevel !== preview.computedLevel;
  const problem = !l || !i ? '请填写可能性和影响程度' : differs && reason.trim().length < 2 ? '研判等级与计算等级不同，请填写调级理由（至少 2 个字）' : null;

  const save = useCallback(async (): Promise<boolean> => {
    if (recorded) return true;
    if (p.locked || saving) return false;
    if (problem) {
      void message.warning(problem);
      return false;
    }
    setSaving(true);
    try {
      const a = await api('assessments.record', {
        riskId: risk.id,
        meetingId,
        assessedOn,
        likelihood: l!,
        impact: i!,
        finalLevel,
        overrideReason: differs ? reason.trim() : undefined,
        trend: (trend as (typeof TRENDS)[number] | null) ?? undefined,
        analysis: p.analysis.trim() || undefined,
        countermeasures: p.countermeasures.trim() || undefined,
        reportUp,
        nextReview: nextReview ?? undefined,
      });
      message.success(`已记录研判：${levelName(a.finalLevel)}`);
      await loadHistory();
      p.onSaved(a);
      return true;
    } catch (e) {
      report(e);
      return false;
    } finally {
      setSaving(false);
    }
  }, [recorded, p, saving, problem, message, risk.id, meetingId, assessedOn, l, i, finalLevel, differs, reason, trend, reportUp, nextReview, loadHistory, report]);
  useEffect(() => {
    p.submitRef.current = save;
    return () => {
      p.submitRef.current = null;
    };
  }, [p.submitRef, save]);

  const past = history.filter((a) => a.meetingId !== meetingId).slice(0, 3);
  return (
    <div className="yp-runner-assess" data-testid="runner-assessment">
      {recorded ? (
        <Alert
          type="success"
          data-testid="runner-recorded"
          message={<span>本次会议已研判：<LevelTag level={recorded.finalLevel} />{recorded.overrideReason ? `（调级理由：${recorded.overrideReason}）` : ''} · 下次研判 {recorded.nextReview ?? '—'}</span>}
          description={recorded.analysis || undefined}
        />
      ) : p.locked ? (
        <Typography.Text type="secondary">会议已签发锁定，会议记录只读。</Typography.Text>
      ) : (
        <>
          <Space wrap size={[12, 6]}>
            <span>可能性 <InputNumber aria-label="可能性" min={1} max={size} value={l} onChange={(v) => setL(v)} style={{ width: 64 }} /></span>
            <span>影响程度 <InputNumber aria-label="影响程度" min={1} max={size} value={i} onChange={(v) => setI(v)} style={{ width: 64 }} /></span>
            <span>研判等级 <Select aria-label="研判等级" allowClear placeholder={preview ? `按计算：${levelName(preview.computedLevel)}` : '按计算等级'} style={{ width: 150 }} value={finalLevel} onChange={(v) => setFinalLevel(v ?? null)} options={LEVELS.map((x) => ({ value: x.value, label: `${x.name}（${x.color}）` }))} /></span>
            <span>态势 <Select aria-label="态势" allowClear placeholder="按等级变化" style={{ width: 110 }} value={trend} onChange={(v) => setTrend(v ?? null)} options={TRENDS.map((t) => ({ value: t, label: t }))} /></span>
            <span>下次研判 <DatePicker aria-label="下次研判" style={{ width: 130 }} placeholder={preview?.nextReview ?? '按等级'} value={nextReview ? dayjs(nextReview) : null} onChange={(d) => setNextReview(d ? d.format('YYYY-MM-DD') : null)} /></span>
            <Checkbox checked={reportUp} onChange={(e) => setReportUp(e.target.checked)}>报党委政府</Checkbox>
          </Space>
          {differs && <Input aria-label="调级理由" style={{ marginTop: 6 }} maxLength={1000} placeholder="调级理由（必填）" value={reason} onChange={(e) => setReason(e.target.value)} />}
          <Space style={{ marginTop: 6 }} wrap>
            <Button type="primary" loading={saving} onClick={() => void save()}>记录研判（Ctrl+Enter）</Button>
            <Button loading={saving} onClick={p.onRecordNext}>记录并下一项（Ctrl+Shift+Enter）</Button>
            {preview && (
              <span data-testid="runner-grade-line">计算等级：<LevelTag level={preview.computedLevel} />（矩阵 {levelName(preview.matrixLevel)}，规则 {levelName(preview.ruleLevel)}{preview.escalation ? '，敏感节点上调一级' : ''}）{finalLevel && finalLevel !== preview.computedLevel ? ` → 研判等级 ${levelName(finalLevel)}` : ''}</span>
            )}
            {problem && <Typography.Text type="warning">{problem}</Typography.Text>}
          </Space>
          {preview && (
            <details style={{ marginTop: 4 }}>
              <summary>定级依据</summary>
              <pre className="yp-basis" data-testid="runner-grade-preview">{preview.basis}</pre>
            </details>
          )}
        </>
      )}
      <div style={{ marginTop: 6 }} data-testid="runner-history">
        <Typography.Text strong>以往研判：</Typography.Text>
        {past.length === 0 ? '无' : past.map((a) => (
          <div key={a.id}>{a.assessedOn} <LevelTag level={a.finalLevel} /> {a.kind === '登记定级' ? '登记定级' : ''}{a.analysis ? `：${a.analysis}` : ''}</div>
        ))}
      </div>
    </div>
  );
}
