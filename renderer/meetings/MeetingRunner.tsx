// The meeting runner (projector screen): full screen without the app's frame, one item at a time,
// facts large, 研判意见 and 对策建议 typed straight into autosaved drafts (debounced), the assessment
// recorded in place. Keys (runnerKeys.ts): Ctrl+Enter 记录研判, Ctrl+Shift+Enter 记录并下一项,
// Alt+J 交办, PageUp/PageDown or ←/→ between items — never inside a field or behind a dialog.
// 结束会议 is here too, with what was and was not discussed. A signed meeting's runner is read-only.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Input, Modal, Space, Tag, Typography } from 'antd';
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
import { runnerKey } from './runnerKeys';

const FIELDS = [
  { key: 'analysis', label: '研判意见' },
  { key: 'countermeasures', label: '对策建议' },
] as const;
type FieldKey = (typeof FIELDS)[number]['key'];

export function MeetingRunner({ id }: { id: number }) {
  const report = useErrorReporter();
  const { message } = App.useApp();
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
  // 转为交办: the text of an older free-text assignment note, prefilled as the new 交办's content.
  const [converting, setConverting] = useState<string | undefined>();
  const [ending, setEnding] = useState(false);
  const submitAssessment = useRef<(() => Promise<boolean>) | null>(null);

  useEffect(() => {
    Promise.all([api('meetings.get', { id }), api('meetings.drafts', { meetingId: id })]).then(([detail, list]) => {
      setDrafts(Object.fromEntries(list.map((x) => [`${x.riskId}:${x.field}`, x.text])));
      // Resume on the item that was on screen when the app closed.
      const cursor = list.find((x) => x.field === 'cursor');
      setIndex(Math.max(0, detail.agenda.findIndex((a) => a.riskId === cursor?.riskId)));
      setD(detail);
    }, report);
  }, [id, report]);
  const readOnly = !d || d.meeting.locked || d.meeting.state === '已取消' || d.meeting.state === '筹备';
  const item = d?.agenda[index];
  // Keyed by the risk, not the item object: recording a decision updates the item, and that must
  // not restart the item's clock.
  const itemRiskId = item?.riskId;
  const loadOpen = useCallback((riskId: number) => api('actions.list', { riskId, openOnly: true, limit: 50 }).then((r) => setOpen(r.rows), report), [report]);
  useEffect(() => {
    if (!itemRiskId) return;
    if (!readOnly) api('meetings.draftSave', { meetingId: id, riskId: itemRiskId, field: 'cursor', text: '' }).catch(report);
    setStarted(Date.now());
    setNow(Date.now());
    api('risks.get', { id: itemRiskId }).then(setRisk, report);
    void loadOpen(itemRiskId);
  }, [itemRiskId, readOnly, id, report, loadOpen]);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  const type = useCallback(
    (field: FieldKey, text: string) => {
      if (!item || readOnly) return;
      const k = `${item.riskId}:${field}`;
      setDrafts((x) => ({ ...x, [k]: text }));
      setSaved('saving');
      clearTimeout(timers.current.get(k));
      // Debounced: one write per pause in typing, so a crash loses at most the last few hundred ms.
      timers.current.set(k, setTimeout(() => {
        api('meetings.draftSave', { meetingId: id, riskId: item.riskId, field, text }).then(() => setSaved('saved'), report);
      }, 300));
    },
    [item, id, report, readOnly],
  );

  /** Marks the item on screen 已议 (moving on from it, or 本项议毕 on the last one). */
  const markDiscussed = useCallback(async () => {
    const cur = d?.agenda[index];
    if (!d || !cur || cur.status !== '待议' || readOnly) return;
    try {
      const meeting = await api('agenda.set', { meetingId: id, version: d.meeting.version, itemId: cur.id, status: '已议' });
      setD((x) => (x ? { ...x, meeting, agenda: x.agenda.map((a) => (a.id === cur.id ? { ...a, status: '已议' } : a)) } : x));
    } catch (e) {
      report(e);
    }
  }, [d, index, id, report, readOnly]);

  // Moving on from an item marks it 已议 (discussed); items never reached become 未议 when the meeting ends.
  // On the last item, moving on offers to end the meeting.
  const advance = useCallback(
    (delta: number) => {
      if (!d) return;
      if (delta > 0) void markDiscussed();
      if (delta > 0 && index === d.agenda.length - 1) {
        if (!readOnly && d.meeting.state === '进行中') setEnding(true);
        return;
      }
      setIndex(Math.min(d.agenda.length - 1, Math.max(0, index + delta)));
    },
    [d, index, markDiscussed, readOnly],
  );
  const recordNext = useCallback(async () => {
    if ((await submitAssessment.current?.()) === true) advance(1);
  }, [advance]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!d) return;
      const k = runnerKey(e);
      if (!k) return;
      e.preventDefault();
      if (k === 'record') void submitAssessment.current?.();
      if (k === 'recordNext') void recordNext();
      if (k === 'assign' && !readOnly) setAssigning(true);
      if (k === 'next') advance(1);
      if (k === 'prev') advance(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [d, advance, recordNext, readOnly]);

  if (!d) return null;
  if (!item) return <div className="yp-runner yp-runner-full"><Typography.Paragraph style={{ color: '#fff' }}>议程为空。<a href={`#/meetings/${id}`}>返回准备议程</a></Typography.Paragraph></div>;
  const elapsed = Math.max(0, Math.floor((now - started) / 1000));
  const over = elapsed > item.minutes * 60;
  const last = index === d.agenda.length - 1;
  const oldAssignment = drafts[`${item.riskId}:assignment`]?.trim();
  const mine = open.filter((a) => a.meetingId === id);
  return (
    <div className="yp-runner yp-runner-full" data-testid="runner">
      <div className="yp-runner-bar">
        <Typography.Text style={{ color: '#9ca3af' }}>第 {index + 1} / {d.agenda.length} 项 · {meetingTitle(d.meeting)}</Typography.Text>
        <Space wrap size={6}>
          <Tag color={over ? 'red' : 'default'} style={{ fontSize: 16, padding: '2px 8px' }} data-testid="runner-timer">{Math.floor(elapsed / 60)}:{String(elapsed % 60).padStart(2, '0')} / {item.minutes}:00</Tag>
          <Typography.Text style={{ color: '#9ca3af' }} data-testid="autosave">{saved === 'saving' ? '正在保存…' : saved === 'saved' ? '已自动保存' : ''}</Typography.Text>
          {!readOnly && <Button ghost onClick={() => setAssigning(true)}>交办（Alt+J）</Button>}
          <Button ghost onClick={() => advance(-1)} disabled={index === 0}>上一项（PageUp）</Button>
          <Button type="primary" onClick={() => advance(1)} disabled={last && readOnly}>{last ? '本项议毕' : '下一项（PageDown）'}</Button>
          {!readOnly && d.meeting.state === '进行中' && <Button ghost onClick={() => setEnding(true)}>结束会议</Button>}
          {/* The runner already covers the app's frame; this also hides the browser's or window's. */}
          <Button ghost onClick={() => void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => undefined)}>全屏</Button>
          <Button ghost onClick={() => { if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined); go(`meetings/${id}`); }}>退出</Button>
        </Space>
      </div>
      {d.meeting.locked && <Alert type="info" showIcon message="纪要已签发，会议已锁定：以下为会议记录，只读。" style={{ margin: '4px 0' }} />}
      {d.meeting.state === '筹备' && <Alert type="warning" showIcon message="会议尚未开始：请在会议页面点“开始会议”后再记录。" style={{ margin: '4px 0' }} />}
      <h1>{item.riskCode} {item.riskTitle}</h1>
      <Space wrap size={4} style={{ marginBottom: 6 }}>
        <LevelTag level={item.riskLevel} />
        {item.status !== '待议' && <Tag color={item.status === '已议' ? 'green' : 'orange'}>{item.status}</Tag>}
        {item.reasons.map((r) => <Tag key={r.kind} color="gold">{AGENDA_REASON_LABELS[r.kind]}：{r.detail}</Tag>)}
      </Space>
      {risk && (
        <div className="yp-runner-facts">
          <div><b>属地</b>{risk.region}　<b>领域</b>{risk.domain}　<b>主办单位</b>{risk.leadUnit || '—'}　<b>涉及</b>{risk.involvedText || risk.involvedCount || '—'}{risk.amountWan ? `，${risk.amountWan}万元` : ''}</div>
          <div><b>主要诉求</b>{risk.mainDemands || '—'}</div>
          <div><b>进展情况</b>{risk.progress || '—'}</div>
          <div><b>在办交办</b>{open.length ? open.map((a) => `${a.code} ${a.leadUnit}（${a.state}，${a.due.status === '超期' ? `超期${a.due.overdueDays}天` : `时限${a.dueAt}`}）`).join('；') : '无'}</div>
        </div>
      )}
      <div className="yp-runner-fields">
        {FIELDS.map((f) => (
          <label key={f.key}>
            <div className="yp-runner-label">{f.label}</div>
            <Input.TextArea aria-label={f.label} rows={3} readOnly={readOnly} value={drafts[`${item.riskId}:${f.key}`] ?? ''} onChange={(e) => type(f.key, e.target.value)} />
          </label>
        ))}
      </div>
      {oldAssignment && (
        <Alert type="warning" style={{ marginTop: 6 }} data-testid="old-assignment" message={`本项此前记下的交办文字（尚未建为交办事项）：${oldAssignment}`}
          action={!readOnly && <Button size="small" onClick={() => { setConverting(oldAssignment); setAssigning(true); }}>转为交办</Button>} />
      )}
      {risk && risk.id === item.riskId && (
        <RunnerAssessment
          risk={risk}
          meetingId={id}
          meetingDate={d.meeting.date}
          locked={readOnly}
          analysis={drafts[`${item.riskId}:analysis`] ?? ''}
          countermeasures={drafts[`${item.riskId}:countermeasures`] ?? ''}
          submitRef={submitAssessment}
          onRecordNext={() => void recordNext()}
          onSaved={(a) => {
            setD((x) => (x ? { ...x, agenda: x.agenda.map((it) => (it.id === item.id ? { ...it, status: '已议', riskLevel: a.finalLevel } : it)) } : x));
            api('risks.get', { id: item.riskId }).then(setRisk, report);
          }}
        />
      )}
      <div data-testid="runner-actions" style={{ marginTop: 6 }}>
        <b>本次会议交办：</b>{mine.length ? mine.map((a) => `${a.code} ${a.leadUnit}：${a.content}`).join('；') : '无'}
      </div>
      <ActionForm open={assigning} meetingId={id} riskIds={[item.riskId]} content={converting} onClose={() => { setAssigning(false); setConverting(undefined); }}
        onSaved={(a) => {
          setAssigning(false);
          void message.success(`已交办 ${a.code}`);
          void loadOpen(item.riskId);
          // The note is now a record: cleared here (an empty draft of this meeting also hides one carried from an earlier meeting).
          if (converting !== undefined) {
            setConverting(undefined);
            setDrafts((x) => ({ ...x, [`${item.riskId}:assignment`]: '' }));
            api('meetings.draftSave', { meetingId: id, riskId: item.riskId, field: 'assignment', text: '' }).catch(report);
          }
        }} />
      <EndMeeting open={ending} detail={d} onClose={() => setEnding(false)} onEnded={() => go(`meetings/${id}?tab=minutes`)} />
    </div>
  );
}

/** 结束会议 from the runner: says what was and was not discussed, then ends and opens the 纪要 draft. */
function EndMeeting(p: { open: boolean; detail: MeetingDetail; onClose: () => void; onEnded: () => void }) {
  const report = useErrorReporter();
  const [busy, setBusy] = useState(false);
  const agenda = p.detail.agenda;
  // Only items moved past (or recorded) count as discussed; the one on screen is not, unless recorded.
  const undiscussed = agenda.filter((a) => a.status === '待议');
  const discussed = agenda.length - undiscussed.length;
  const end = async () => {
    setBusy(true);
    try {
      // Fresh version: the runner marked items as it went.
      let m = (await api('meetings.get', { id: p.detail.meeting.id })).meeting;
      m = await api('meetings.transition', { id: m.id, version: m.version, event: 'end' });
      await api('meetings.transition', { id: m.id, version: m.version, event: 'draft' });
      p.onEnded();
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title="结束会议" open={p.open} onCancel={p.onClose} okText="结束会议并拟写纪要（Ctrl+Enter）" cancelText="继续开会" onOk={() => void end()} confirmLoading={busy} destroyOnHidden>
      <div data-testid="end-summary" tabIndex={-1} onKeyDown={(e) => { if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); e.stopPropagation(); void end(); } }}>
        <Typography.Paragraph style={{ fontSize: 18 }}>议了 {discussed} 项、未议 {undiscussed.length} 项{undiscussed.length ? '转下次' : ''}。</Typography.Paragraph>
        {undiscussed.length > 0 && (
          <Typography.Paragraph>转下次会议：{undiscussed.slice(0, 8).map((a) => `${a.riskCode} ${a.riskTitle}`).join('；')}{undiscussed.length > 8 ? ` 等 ${undiscussed.length} 项` : ''}。已记下的研判意见随该事项带到下次会议。</Typography.Paragraph>
        )}
        <Typography.Text type="secondary">结束后会议不能再记录研判；纪要草稿按会议记录生成，可修改后签发。</Typography.Text>
      </div>
    </Modal>
  );
}
