import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Empty, Input, Modal, Space, Tabs, Timeline, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, UndoOutlined } from '@ant-design/icons';
import { api } from '../api';
import type { RiskRow } from '../../shared/risks';
import type { AuditEntry } from '../../shared/audit';
import { auditActionLabel, auditFieldLabel, auditValue } from '../../shared/auditText';
import type { Lists } from '../../shared/settings';
import { useErrorReporter } from '../shell/useApi';
import { LevelTag } from './LevelTag';
import { deadlineLabel, involvedLabel, when } from './format';
import { AssessmentsTab } from '../grading/AssessmentsTab';
import { EventsTab } from '../grading/EventsTab';

interface Props {
  id: number | null;
  lists: Lists;
  reloadKey?: number;
  onClose: () => void;
  onEdit: (r: RiskRow) => void;
  onChanged: () => void;
}

export function RiskDrawer({ id, reloadKey, onClose, onEdit, onChanged }: Props) {
  const [risk, setRisk] = useState<RiskRow | null>(null);
  const [history, setHistory] = useState<AuditEntry[]>([]);
  const [deleting, setDeleting] = useState(false);
  const [reason, setReason] = useState('');
  const report = useErrorReporter();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    if (id === null) return;
    try {
      const [r, h] = await Promise.all([api('risks.get', { id }), api('audit.forEntity', { entity: 'risk', entityId: id })]);
      setRisk(r);
      setHistory(h);
    } catch (e) {
      report(e);
    }
  }, [id, report]);

  useEffect(() => {
    setRisk(null);
    void load();
  }, [load, reloadKey]);

  const doDelete = async () => {
    if (!risk) return;
    try {
      await api('risks.delete', { id: risk.id, version: risk.version, reason });
      message.success('已删除，可在“已删除”中恢复');
      setDeleting(false);
      setReason('');
      await load();
      onChanged();
    } catch (e) {
      report(e);
    }
  };

  const doRestore = async () => {
    if (!risk) return;
    try {
      await api('risks.restore', { id: risk.id, version: risk.version });
      message.success('已恢复');
      await load();
      onChanged();
    } catch (e) {
      report(e);
    }
  };

  return (
    <Drawer
      open={id !== null}
      width={760}
      onClose={onClose}
      title={risk ? `${risk.code}　${risk.title}` : '风险事项'}
      extra={
        risk && (
          <Space>
            {risk.deletedAt ? (
              <Button icon={<UndoOutlined />} onClick={doRestore}>恢复</Button>
            ) : (
              <>
                <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(risk)}>编辑</Button>
                <Button danger icon={<DeleteOutlined />} onClick={() => setDeleting(true)}>删除</Button>
              </>
            )}
          </Space>
        )
      }
    >
      {risk && (
        <>
          {risk.deletedAt && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`已于 ${when(risk.deletedAt)} 删除，原因：${risk.deletedReason ?? ''}`} />}
          <Tabs
            items={[
              { key: 'detail', label: '详细信息', children: <RiskDetails risk={risk} /> },
              { key: 'assessments', label: '研判记录', children: <AssessmentsTab risk={risk} onChanged={() => { void load(); onChanged(); }} /> },
              { key: 'events', label: '动态', children: <EventsTab riskId={risk.id} disabled={!!risk.deletedAt} onChanged={() => void load()} /> },
              { key: 'history', label: `变更历史（${history.length}）`, children: <History entries={history} /> },
            ]}
          />
        </>
      )}
      <Modal
        open={deleting}
        title="删除风险事项"
        okText="确认删除"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        cancelText="取消"
        onOk={doDelete}
        onCancel={() => setDeleting(false)}
      >
        <Typography.Paragraph>删除后可在“已删除”中恢复。请填写删除原因（至少 2 个字）：</Typography.Paragraph>
        <Input.TextArea aria-label="删除原因" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} showCount />
      </Modal>
    </Drawer>
  );
}

function RiskDetails({ risk: r }: { risk: RiskRow }) {
  const item = (label: string, value: React.ReactNode, span = 1) => ({ label, children: value === '' || value === null ? '—' : value, span });
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      items={[
        item('编号', r.code),
        item('状态', r.status),
        item('所属县区', r.region),
        item('领域', [r.domain, r.subCategory].filter(Boolean).join(' / ')),
        item('事项名称', r.title, 2),
        item('基本情况', r.summary, 2),
        item('来源', r.source),
        item('首次发现', r.firstFound),
        item('涉及人数', `${involvedLabel(r)}${r.involvedCount !== null && r.involvedText ? `（按 ${r.involvedCount}${r.involvedUnit} 计）` : ''}`),
        item('涉及金额', r.amountWan === null ? '' : `${r.amountWan} 万元`),
        item('主要诉求', r.mainDemands, 2),
        item('舆情', r.opinionRisk),
        item('极端倾向', r.extremeRisk ? '有' : '无'),
        item('风险等级', <LevelTag level={r.level} />),
        item('可能性 × 影响', r.likelihood && r.impact ? `${r.likelihood} × ${r.impact} = ${r.likelihood * r.impact}` : ''),
        item('定级依据', r.levelBasis ? <span style={{ whiteSpace: 'pre-wrap' }}>{r.levelBasis}</span> : '', 2),
        item('态势', r.trend),
        item('下次研判', r.nextReview),
        item('化解时限', deadlineLabel(r)),
        item('稳控措施', r.controlMeasures, 2),
        item('化解措施', r.resolutionMeasures, 2),
        item('主办单位', r.leadUnit),
        item('协办单位', r.coUnits.join('、')),
        item('责任人', r.responsiblePerson),
        item('包案领导', [r.packageLeaderTitle, r.packageLeader].filter(Boolean).join(' ')),
        item('专班', r.taskForce, 2),
        item('进展情况', r.progress, 2),
        item('登记时间', when(r.createdAt)),
        item('最后修改', `${when(r.updatedAt)}（第 ${r.version} 版）`),
      ]}
    />
  );
}

function History({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <Empty description="暂无变更记录" />;
  return (
    <Timeline
      items={entries.map((e) => {
        const before = (e.before ?? {}) as Record<string, unknown>;
        const after = (e.after ?? {}) as Record<string, unknown>;
        const fields = e.action === 'update' || e.action === 'assess' ? Object.keys(after) : [];
        return {
          color: e.action === 'delete' ? 'red' : e.action === 'create' ? 'green' : 'blue',
          children: (
            <div data-testid="history-entry">
              <Typography.Text strong>{auditActionLabel(e.action, e.entity)}</Typography.Text>
              <Typography.Text type="secondary">　{when(e.at)}　{e.actor}</Typography.Text>
              {fields.map((f) => (
                <div key={f} className="yp-history-change">
                  {auditFieldLabel(f)}：<del>{auditValue(f, before[f])}</del> → <ins>{auditValue(f, after[f])}</ins>
                </div>
              ))}
              {e.action === 'delete' && <div className="yp-history-change">原因：{String(after.deletedReason ?? '')}</div>}
            </div>
          ),
        };
      })}
    />
  );
}
