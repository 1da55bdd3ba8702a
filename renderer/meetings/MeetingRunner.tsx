// The meeting runner (projector screen): one item at a time, facts large, 研判意见 and new
// assignments typed straight into an autosaved draft (debounced), the assessment recorded in place
// (Ctrl+Enter), keyboard to move between items (PageUp/PageDown) and to assign (Alt+J).
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Descriptions, Input, Space, Tag, Typography } from 'antd';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { meetingTitle, type MeetingDetail } from '../../shared/meetings';
import type { RiskRow } from '../../shared/risks';
import type { ActionRow } from '../../shared/actionItems';
import { LevelTag } from '../register/LevelTag';
import { AGENDA_REASON_LABELS } from '../../shared/agenda';
import { go } from '../shell/route';
import { ActionForm } from '../actions/ActionForm';
import { RunnerAssessment } from './RunnerAssessment';

const FIELDS = [
  { key: 'analysis', label: '研判意见' },
  { key: 'countermeasures', label: '对策建议' },
  { key: 'assignment', label: '新交办（每行一项：单位：内容）' },
] as const;
type FieldKey = (typeof FIELDS)[number]['key'];

export function MeetingRunner({ id }: { id: number }) {
  const report = useErrorReporter();
  const [d, setD] = useState<MeetingDetail | null>(null);
  const [index, setIndex] = useState(0);
  const [risk, setRisk] = useState<RiskRow | null>(null);
  const [open, setOpen] = useState<ActionRow[]>([]);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<'saved' | 'saving' | 'idle'>('idle');
  const [started, setStarted] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const [assigning, setAssigning] = useState(false);
  const submitAssessment = useRef<(() => void) | null>(null);

  useEffect(() => {
    Promise.all([api('meetings.get', { id }), api('meetings.drafts', { meetingId: id })]).then(([detail, list]) => {
      setDrafts(Object.fromEntries(list.map((x) => [`${x.riskId}:${x.field}`, x.text])));
      // Resume on the item that was on screen when the app closed.
      const cursor = list.find((x) => x.field === 'cursor');
      setIndex(Math.max(0, detail.agenda.findIndex((a) => a.riskId === cursor?.riskId)));
      setD(detail);
    }, report);
  }, [id, report]);
  const item = d?.agenda[index];
  // Keyed by the risk, not the item object: recording a decision updates the item, and that must
  // not restart the item's clock.
  const itemRiskId = item?.riskId;
  useEffect(() => {
    if (!itemRiskId) return;
    if (!d?.meeting.locked) api('meetings.draftSave', { meetingId: id, riskId: itemRiskId, field: 'cursor', text: '' }).catch(report);
    setStarted(Date.now());
    api('risks.get', { id: itemRiskId }).then(setRisk, report);
    api('actions.list', { riskId: itemRiskId, openOnly: true, limit: 50 }).then((r) => setOpen(r.rows), report);
  }, [itemRiskId, d?.meeting.locked, id, report]);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  const type = useCallback(
    (field: FieldKey, text: string) => {
      if (!item) return;
      const k = `${item.riskId}:${field}`;
      setDrafts((x) => ({ ...x, [k]: text }));
      setSaved('saving');
      clearTimeout(timers.current.get(k));
      // Debounced: one write per pause in typing, so a crash loses at most the last few hundred ms.
      timers.current.set(k, setTimeout(() => {
        api('meetings.draftSave', { meetingId: id, riskId: item.riskId, field, text }).then(() => setSaved('saved'), report);
      }, 300));
    },
    [item, id, report],
  );

  // Moving on from an item marks it 已议 (discussed); items never reached become 未议 when the meeting ends.
  const advance = useCallback(
    (delta: number) => {
      if (!d) return;
      const to = Math.min(d.agenda.length - 1, Math.max(0, index + delta));
      const cur = d.agenda[index];
      if (delta > 0 && cur && cur.status === '待议' && !d.meeting.locked) {
        api('agenda.set', { meetingId: id, version: d.meeting.version, itemId: cur.id, status: '已议' })
          .then((meeting) => setD((x) => (x ? { ...x, meeting, agenda: x.agenda.map((a) => (a.id === cur.id ? { ...a, status: '已议' } : a)) } : x)), report);
      }
      setIndex(to);
    },
    [d, index, id, report],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!d) return;
      const typing = (e.target as HTMLElement).tagName === 'TEXTAREA';
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        submitAssessment.current?.();
        return;
      }
      if (e.altKey && (e.key === 'j' || e.key === 'J')) {
        e.preventDefault();
        setAssigning(true);
      }
      if (e.key === 'PageDown' || (e.altKey && e.key === 'ArrowRight') || (!typing && e.key === 'ArrowRight')) {
        e.preventDefault();
        advance(1);
      }
      if (e.key === 'PageUp' || (e.altKey && e.key === 'ArrowLeft') || (!typing && e.key === 'ArrowLeft')) {
        e.preventDefault();
        advance(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [d, advance]);

  if (!d) return null;
  if (!item) return <Typography.Paragraph>议程为空。<a href={`#/meetings/${id}`}>返回准备议程</a></Typography.Paragraph>;
  const elapsed = Math.floor((now - started) / 1000);
  const over = elapsed > item.minutes * 60;
  return (
    <div className="yp-runner" data-testid="runner">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text style={{ color: '#9ca3af', fontSize: 18 }}>第 {index + 1} / {d.agenda.length} 项 · {meetingTitle(d.meeting)}</Typography.Text>
        <Space>
          <Tag color={over ? 'red' : 'default'} style={{ fontSize: 18, padding: '4px 10px' }}>{Math.floor(elapsed / 60)}:{String(elapsed % 60).padStart(2, '0')} / {item.minutes}:00</Tag>
          <Typography.Text style={{ color: '#9ca3af' }} data-testid="autosave">{saved === 'saving' ? '正在保存…' : saved === 'saved' ? '已自动保存' : ''}</Typography.Text>
          {!d.meeting.locked && <Button ghost onClick={() => setAssigning(true)}>交办（Alt+J）</Button>}
          <Button ghost onClick={() => advance(-1)} disabled={index === 0}>上一项（PageUp）</Button>
          <Button type="primary" onClick={() => advance(1)}>{index === d.agenda.length - 1 ? '本项议毕' : '下一项（PageDown）'}</Button>
          <Button ghost onClick={() => go(`meetings/${id}`)}>退出</Button>
        </Space>
      </Space>
      <h1>{item.riskCode} {item.riskTitle}</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <LevelTag level={item.riskLevel} />
        {item.status !== '待议' && <Tag color={item.status === '已议' ? 'green' : 'orange'} style={{ fontSize: 16 }}>{item.status}</Tag>}
        {item.reasons.map((r) => <Tag key={r.kind} color="gold" style={{ fontSize: 16 }}>{AGENDA_REASON_LABELS[r.kind]}：{r.detail}</Tag>)}
      </Space>
      {risk && (
        <Descriptions column={2} size="small" labelStyle={{ width: 110 }}>
          <Descriptions.Item label="属地">{risk.region}</Descriptions.Item>
          <Descriptions.Item label="领域">{risk.domain}</Descriptions.Item>
          <Descriptions.Item label="涉及" span={2}>{risk.involvedText || risk.involvedCount || '—'}{risk.amountWan ? `，${risk.amountWan}万元` : ''}</Descriptions.Item>
          <Descriptions.Item label="主要诉求" span={2}>{risk.mainDemands || '—'}</Descriptions.Item>
          <Descriptions.Item label="定级依据" span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{risk.levelBasis || '—'}</span></Descriptions.Item>
          <Descriptions.Item label="进展情况" span={2}>{risk.progress || '—'}</Descriptions.Item>
          <Descriptions.Item label="在办交办" span={2}>{open.length ? open.map((a) => `${a.code} ${a.leadUnit}（${a.state}，${a.due.status === '超期' ? `超期${a.due.overdueDays}天` : `时限${a.dueAt}`}）`).join('；') : '无'}</Descriptions.Item>
        </Descriptions>
      )}
      <ActionForm open={assigning} meetingId={id} riskIds={[item.riskId]} onClose={() => setAssigning(false)}
        onSaved={() => { setAssigning(false); api('actions.list', { riskId: item.riskId, openOnly: true, limit: 50 }).then((r) => setOpen(r.rows), report); }} />
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 12, marginTop: 12 }}>
        {FIELDS.map((f) => (
          <label key={f.key}>
            <div style={{ color: '#e5e7eb', marginBottom: 4 }}>{f.label}</div>
            <Input.TextArea aria-label={f.label} rows={6} style={{ fontSize: 18 }} value={drafts[`${item.riskId}:${f.key}`] ?? ''} onChange={(e) => type(f.key, e.target.value)} />
          </label>
        ))}
      </div>
      {risk && risk.id === item.riskId && (
        <RunnerAssessment
          risk={risk}
          meetingId={id}
          meetingDate={d.meeting.date}
          locked={d.meeting.locked}
          analysis={drafts[`${item.riskId}:analysis`] ?? ''}
          countermeasures={drafts[`${item.riskId}:countermeasures`] ?? ''}
          submitRef={submitAssessment}
          onSaved={(a) => {
            setD((x) => (x ? { ...x, agenda: x.agenda.map((it) => (it.id === item.id ? { ...it, status: '已议', riskLevel: a.finalLevel } : it)) } : x));
            api('risks.get', { id: item.riskId }).then(setRisk, report);
          }}
        />
      )}
    </div>
  );
}
