// The agenda editor: the ranked proposal (./AgendaProposal.tsx), add/remove (one or several),
// drag or keyboard reorder, minutes per item, and the running total against the meeting's length.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Checkbox, Empty, InputNumber, Progress, Space, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, BulbOutlined, DeleteOutlined, HolderOutlined, PlusOutlined } from '@ant-design/icons';
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { api } from '../api';
import { useErrorReporter, useLatestLoad } from '../shell/useApi';
import type { ProposalSummary } from '../../shared/agendaProposal';
import type { AgendaItemRow, MeetingDetail } from '../../shared/meetings';
import { LevelTag } from '../register/LevelTag';
import { RiskPicker } from './RiskPicker';
import { AgendaProposal, ReasonTags } from './AgendaProposal';

function addMinutes(hhmm: string, n: number): string {
  const [h, m] = hhmm.split(':').map(Number);
  const t = h * 60 + m + n;
  return `${String(Math.floor(t / 60) % 24).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

export function AgendaEditor({ detail, reload }: { detail: MeetingDetail; reload: () => void }) {
  const report = useErrorReporter();
  const { message } = App.useApp();
  const m = detail.meeting;
  const [items, setItems] = useState<AgendaItemRow[]>(detail.agenda);
  const [proposal, setProposal] = useState<ProposalSummary | null>(null);
  const [showProposal, setShowProposal] = useState(true);
  const [chosen, setChosen] = useState<number[]>([]);
  const [picked, setPicked] = useState<number[]>([]);
  const [prevAgenda, setPrevAgenda] = useState(detail.agenda);
  if (prevAgenda !== detail.agenda) {
    setPrevAgenda(detail.agenda);
    setItems(detail.agenda);
  }
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const editable = !m.locked;
  const total = items.reduce((s, i) => s + i.minutes, 0);

  const call = async (p: Promise<unknown>, ok?: string) => {
    try {
      await p;
      if (ok) message.success(ok);
    } catch (e) {
      report(e);
    }
    changed();
  };

  const reorder = (next: AgendaItemRow[]) => {
    setItems(next);
    void call(api('agenda.reorder', { meetingId: m.id, version: m.version, itemIds: next.map((i) => i.id) }));
  };
  const move = (index: number, delta: number) => {
    const to = index + delta;
    if (to < 0 || to >= items.length) return;
    reorder(arrayMove(items, index, to));
    setTimeout(() => document.querySelector<HTMLElement>(`[data-agenda-index="${to}"] .yp-agenda-handle`)?.focus(), 50);
  };
  const onDragEnd = (e: DragEndEvent) => {
    if (!e.over || e.active.id === e.over.id) return;
    const from = items.findIndex((i) => i.id === e.active.id);
    const to = items.findIndex((i) => i.id === e.over!.id);
    reorder(arrayMove(items, from, to));
  };
  // The stored proposal's counts (generated earlier, or null): the lists themselves load page by page.
  const latestSummary = useLatestLoad();
  const loadSummary = useCallback(() => {
    latestSummary(api('agenda.proposal', { meetingId: m.id, list: 'main', page: 1, pageSize: 1 }), (p) => setProposal(p.summary), report);
  }, [m.id, report, latestSummary]);
  useEffect(loadSummary, [loadSummary]);
  const changed = () => {
    reload();
    loadSummary();
  };
  const propose = async () => {
    try {
      setProposal(await api('agenda.generate', { meetingId: m.id }));
      setShowProposal(true);
    } catch (e) {
      report(e);
    }
  };

  let clock = 0;
  return (
    <>
      <div className="yp-toolbar" style={{ justifyContent: 'space-between' }}>
        <Space wrap>
          {editable && <Button icon={<BulbOutlined />} onClick={propose}>生成议程建议</Button>}
          {editable && (
            <Space.Compact style={{ width: 460 }}>
              <div style={{ flex: 1 }}><RiskPicker value={picked} onChange={setPicked} placeholder="从台账添加议题：输入编号或名称" /></div>
              <Button icon={<PlusOutlined />} disabled={!picked.length} onClick={() => void call(api('agenda.add', { meetingId: m.id, version: m.version, riskIds: picked }), '已加入议程').then(() => setPicked([]))}>加入议程</Button>
            </Space.Compact>
          )}
        </Space>
        <div style={{ width: 360 }} data-testid="agenda-total">
          <Typography.Text strong={total > m.lengthMinutes} type={total > m.lengthMinutes ? 'danger' : undefined}>
            议程 {items.length} 项，合计 {total} 分钟 / 会议时长 {m.lengthMinutes} 分钟{total > m.lengthMinutes ? `，超出 ${total - m.lengthMinutes} 分钟` : ''}
          </Typography.Text>
          <Progress percent={Math.min(100, Math.round((total / m.lengthMinutes) * 100))} status={total > m.lengthMinutes ? 'exception' : 'normal'} showInfo={false} size="small" />
        </div>
      </div>

      {proposal && showProposal && <AgendaProposal meeting={m} summary={proposal} agendaMinutes={total} changed={changed} onClose={() => setShowProposal(false)} />}

      {editable && items.length > 0 && (
        <Space style={{ margin: '4px 0' }}>
          <Checkbox
            aria-label="全选议题"
            checked={chosen.length > 0 && chosen.length === items.length}
            indeterminate={chosen.length > 0 && chosen.length < items.length}
            onChange={(e) => setChosen(e.target.checked ? items.map((i) => i.id) : [])}
          >
            全选
          </Checkbox>
          <Button size="small" danger icon={<DeleteOutlined />} disabled={!chosen.length} onClick={() => void call(api('agenda.removeMany', { meetingId: m.id, version: m.version, itemIds: chosen }), `已移出 ${chosen.length} 项`).then(() => setChosen([]))}>
            移出所选{chosen.length ? `（${chosen.length}）` : ''}
          </Button>
        </Space>
      )}
      {items.length === 0 ? (
        <Empty description="议程为空：可“生成议程建议”，或从台账添加议题" />
      ) : (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={items.map((i) => i.id)} strategy={verticalListSortingStrategy}>
            {items.map((it, index) => {
              const start = addMinutes(m.startTime, clock);
              clock += it.minutes;
              return <Row key={it.id} it={it} index={index} start={start} editable={editable} meetingId={m.id} version={m.version} onMove={move} call={call}
                chosen={chosen.includes(it.id)} onChoose={(v) => setChosen((c) => (v ? [...c, it.id] : c.filter((x) => x !== it.id)))} />;
            })}
          </SortableContext>
        </DndContext>
      )}
      {editable && items.length > 1 && <Typography.Text type="secondary">拖动左侧把手，或聚焦把手后按 Alt+↑ / Alt+↓ 调整顺序（也可按空格拾起、方向键移动、空格放下）。</Typography.Text>}
    </>
  );
}

function Row(p: { it: AgendaItemRow; index: number; start: string; editable: boolean; meetingId: number; version: number; onMove: (i: number, d: number) => void; call: (x: Promise<unknown>, ok?: string) => Promise<void>; chosen: boolean; onChoose: (v: boolean) => void }) {
  const { it, index, editable } = p;
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: it.id, disabled: !editable });
  return (
    <div ref={setNodeRef} className="yp-agenda-row" data-testid="agenda-item" data-agenda-index={index} style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 }}>
      {editable && <Checkbox aria-label={`选择第${index + 1}项 ${it.riskCode}`} checked={p.chosen} onChange={(e) => p.onChoose(e.target.checked)} />}
      {editable && (
        <button
          type="button"
          className="yp-agenda-handle"
          aria-label={`第${index + 1}项 ${it.riskCode}，拖动或按 Alt+方向键调整顺序`}
          {...attributes}
          {...listeners}
          onKeyDown={(e) => {
            if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
              e.preventDefault();
              p.onMove(index, e.key === 'ArrowUp' ? -1 : 1);
              return;
            }
            listeners?.onKeyDown?.(e);
          }}
        >
          <HolderOutlined />
        </button>
      )}
      <Typography.Text type="secondary" style={{ width: 86 }}>{index + 1}. {p.start}</Typography.Text>
      <LevelTag level={it.riskLevel} />
      <div className="yp-agenda-title">
        <div><Typography.Text strong>{it.riskCode}</Typography.Text> {it.riskTitle} <Typography.Text type="secondary">（{it.region} · {it.domain} · {it.riskStatus}）</Typography.Text></div>
        <div className="yp-agenda-reasons">
          <ReasonTags reasons={it.reasons} />
          {it.status !== '待议' && <Tag color={it.status === '已议' ? 'green' : 'orange'}>{it.status}</Tag>}
        </div>
      </div>
      <InputNumber
        aria-label={`第${index + 1}项时长`}
        min={1}
        max={120}
        value={it.minutes}
        disabled={!editable}
        addonAfter="分钟"
        style={{ width: 130 }}
        onBlur={(e) => {
          const v = Number(e.target.value);
          if (v && v !== it.minutes) void p.call(api('agenda.set', { meetingId: p.meetingId, version: p.version, itemId: it.id, minutes: v }));
        }}
        onPressEnter={(e) => (e.target as HTMLInputElement).blur()}
      />
      {editable && (
        <>
          <Button size="small" icon={<ArrowUpOutlined />} aria-label="上移" disabled={index === 0} onClick={() => p.onMove(index, -1)} />
          <Button size="small" icon={<ArrowDownOutlined />} aria-label="下移" onClick={() => p.onMove(index, 1)} />
          <Button size="small" danger icon={<DeleteOutlined />} aria-label="移出议程" onClick={() => void p.call(api('agenda.remove', { meetingId: p.meetingId, version: p.version, itemId: it.id }), '已移出议程')} />
        </>
      )}
    </div>
  );
}
