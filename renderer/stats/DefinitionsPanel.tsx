// 统计口径: which statuses count as 化解 and as 在控 (the choice the domain leaves, shared/stats.ts
// StatsDefinitions). Stated beside the figures; those the contract lets change it get a 修改口径
// dialog with the defaults shown and 恢复默认.
import { useState } from 'react';
import { App, Button, Checkbox, Modal, Space, Tooltip, Typography } from 'antd';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { useOptionalSession } from '../login/session';
import { RISK_STATUSES, type RiskStatus } from '../../shared/labels';
import { isClosedStatus } from '../../shared/risks';
import { DEFAULT_STATS_DEFINITIONS, MEASURE_INFO, type StatsDefinitions } from '../../shared/stats';
import { statsMethods } from '../../shared/contract/stats';

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const inOrder = (l: readonly string[]) => RISK_STATUSES.filter((s) => l.includes(s));
const GROUPS: Array<{ key: keyof StatsDefinitions; label: string; help: string }> = [
  { key: 'resolvedStatuses', label: '化解状态', help: '期间内转为这些状态的事项计入“化解”（化解率、包案化解率的分子）' },
  { key: 'controlledStatuses', label: '在控状态', help: '期末在册中处于这些状态的事项计入在控率的分子（已销号、转司法终结不在册，不能选）' },
];

/** The definition in force, one line (the page states it; the printed report states it in 统计口径). */
export function definitionText(d: StatsDefinitions): string {
  return `化解状态为${inOrder(d.resolvedStatuses).join('、')}；在控状态为${inOrder(d.controlledStatuses).join('、')}`;
}

export function DefinitionsPanel({ definitions, frozen, onSaved }: { definitions: StatsDefinitions | null; frozen: boolean; onSaved: () => void }) {
  const report = useErrorReporter();
  const { message } = App.useApp();
  const session = useOptionalSession();
  const role = session?.info.account.role;
  const mayEdit = role !== undefined && (statsMethods['stats.setDefinitions'].roles as readonly string[]).includes(role);
  const [draft, setDraft] = useState<StatsDefinitions | null>(null);
  const [saving, setSaving] = useState(false);

  const open = async () => {
    try {
      setDraft(await api('stats.definitions', {}));
    } catch (e) {
      report(e);
    }
  };
  const save = async () => {
    if (!draft) return;
    setSaving(true);
    try {
      const after = await api('stats.setDefinitions', { resolvedStatuses: inOrder(draft.resolvedStatuses), controlledStatuses: inOrder(draft.controlledStatuses) });
      message.success(`统计口径已修改：${definitionText(after)}`);
      setDraft(null);
      onSaved();
    } catch (e) {
      report(e);
    } finally {
      setSaving(false);
    }
  };
  const isDefault = draft !== null && GROUPS.every((g) => sameList(draft[g.key], DEFAULT_STATS_DEFINITIONS[g.key]));

  return (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="stats-definitions">
      口径{frozen ? '（印发时）' : ''}：{definitions ? definitionText(definitions) : '…'}。
      <Tooltip title={[MEASURE_INFO.resolveRate.def, MEASURE_INFO.controlRate.def, MEASURE_INFO.packageRate.def, MEASURE_INFO.onTimeRate.def].join('；')}>
        <span className="yp-def">公式</span>
      </Tooltip>
      。点击任一数字可列出其所计的记录。
      {mayEdit && (
        <Button type="link" size="small" onClick={open}>
          修改口径
        </Button>
      )}
      <Modal
        title="统计口径"
        open={draft !== null}
        onCancel={() => setDraft(null)}
        width={560}
        footer={[
          <Button key="default" disabled={isDefault} onClick={() => setDraft(structuredClone(DEFAULT_STATS_DEFINITIONS))}>
            恢复默认
          </Button>,
          <Button key="cancel" onClick={() => setDraft(null)}>
            取消
          </Button>,
          <Button key="save" type="primary" loading={saving} onClick={save}>
            保存
          </Button>,
        ]}
      >
        {draft && (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {GROUPS.map((g) => (
              <div key={g.key}>
                <Typography.Text strong>{g.label}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  默认：{DEFAULT_STATS_DEFINITIONS[g.key].join('、')}
                </Typography.Text>
                <div role="group" aria-label={g.label} style={{ margin: '4px 0' }}>
                  <Checkbox.Group
                    value={draft[g.key]}
                    onChange={(v) => setDraft({ ...draft, [g.key]: v as RiskStatus[] })}
                    options={RISK_STATUSES.map((s) => ({ label: s, value: s, disabled: g.key === 'controlledStatuses' && isClosedStatus(s) }))}
                  />
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {g.help}
                </Typography.Text>
              </div>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              修改后本页和打印的工作情况即按新口径计算并写明口径；已印发报告的数字按印发时的口径冻结，不受影响。
            </Typography.Text>
          </Space>
        )}
      </Modal>
    </Typography.Paragraph>
  );
}
