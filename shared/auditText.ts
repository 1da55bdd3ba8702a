// The audit in words an auditor reads: Shanghai times, actions and objects in Chinese, and the
// before/after images as "字段：旧值 → 新值". One vocabulary for the 审计 page, the .xlsx export and a
// record's 变更历史, so every screen and file says the same thing.
import { shanghaiDateTime } from './dates.js';
import { levelName, RISK_FIELD_LABELS } from './labels.js';
import { ACTION_EVENT_LABELS } from './actions.js';
import { MEETING_EVENT_LABELS } from './meetings.js';
import type { AuditEntry, AuditFilter } from './audit.js';

/** The verb of each audit action (the filter's choices). Actions named only for one object are in ENTITY_ACTION_LABELS. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: '新建', update: '修改', delete: '删除', restore: '恢复', merge: '合并', reorder: '调整顺序', assess: '研判',
  login: '登录', loginFailed: '登录失败', loginLocked: '锁定期间登录', lockout: '锁定', unlock: '解锁', logout: '退出登录', lock: '锁屏',
  role: '角色变更', policy: '策略变更', resetPassword: '重置密码', changePassword: '修改密码', setup: '首次设置', init: '初始化',
  print: '打印', export: '导出', backup: '备份', restoreBackup: '恢复备份', import: '导入', issue: '取号', 'demo.load': '载入示例数据',
  feedback: '反馈', 'extension.request': '申请延期', 'extension.decide': '审批延期',
  'agenda.generate': '生成议程建议', 'agenda.propose': '加入议程建议', 'agenda.add': '加入议程', 'agenda.remove': '移出议程',
  'agenda.removeMany': '移出议程', 'agenda.reorder': '调整议程顺序', 'agenda.update': '修改议程', 'agenda.fill': '按时长选取议题',
  'agenda.consentConfirm': '一揽子确认',
  // The state moves of 交办 and 研判会 that share no name.
  start: '开始', end: '结束会议', draft: '拟写纪要', archive: '归档', reopen: '重新打开', cancel: '取消会议',
  approve: '审核办结', return: '退回重办', restart: '重新办理', sign: '签收/签发',
  // The register's encryption (electron/encryptHost.ts, electron/api/encryption.ts).
  encrypt: '加密台账', recoveryKeyReplaced: '更换恢复密钥', recoveryKeyUsed: '用恢复密钥重设密码', plainExport: '导出未加密副本',
};

/** Where one word means two things (sign: a unit's 签收 of an action, a leader's 签发 of minutes). */
const ENTITY_ACTION_LABELS: Record<string, Record<string, string>> = {
  action: { ...ACTION_EVENT_LABELS },
  meeting: { ...MEETING_EVENT_LABELS },
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  risk: '风险', assessment: '研判记录', risk_event: '动态', action: '交办', meeting: '研判会', unit: '责任单位',
  domain: '领域', region: '县区', settings: '设置', account: '账号', security: '安全策略', register: '台账',
  brief: '专报', brief_number: '文号', stats_report: '统计报告', stats_manual: '手填指标', saved_view: '视图',
  sensitive_period: '敏感节点', calendar: '工作日历', rule_set: '定级规则', audit: '审计记录', backup: '备份',
};

/** Data changes name their object ("新建风险"); events stand alone ("登录", "导出"). */
const NAMES_OBJECT = new Set(['create', 'update', 'delete', 'restore', 'merge', 'reorder']);

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? entity;
}

/** "新建风险", "修改设置", "签收"（交办）, "签发纪要", "登录失败" … unknown actions show as stored. */
export function auditActionLabel(action: string, entity: string): string {
  const own = ENTITY_ACTION_LABELS[entity]?.[action];
  if (own) return own;
  const verb = AUDIT_ACTION_LABELS[action] ?? action;
  return NAMES_OBJECT.has(action) ? `${verb}${auditEntityLabel(entity)}` : verb;
}

/** 对象: "风险 #12", "设置". */
export function auditObjectLabel(entity: string, entityId: number | null): string {
  return `${auditEntityLabel(entity)}${entityId ? ` #${entityId}` : ''}`;
}

/** Stored instants are UTC ISO; people read Shanghai time. */
export function auditTime(at: string): string {
  return shanghaiDateTime(at);
}

/** Field names the register's labels do not cover (accounts, policies, states, events). */
const AUDIT_FIELD_LABELS: Record<string, string> = {
  state: '状态', signer: '签发人', cityName: '城市', cityPrefix: '编号前缀', regions: '下辖区县', displayName: '姓名', role: '角色',
  disabled: '停用', mustChange: '须修改密码', lockedUntil: '锁定至', failedCount: '连续失败次数', failures: '连续失败次数',
  passwordChangedAt: '密码修改时间', createdAt: '创建时间', updatedAt: '修改时间', demo: '示例账号', minLength: '密码最短长度',
  minClasses: '字符类别数', expiryDays: '密码有效期（天）', idleMinutes: '空闲锁定（分钟）', deletedAt: '删除时间',
  deletedReason: '删除原因', approve: '批准', feedbackId: '反馈编号', order: '顺序', minutesText: '纪要正文',
  minutesVersion: '纪要版本', added: '加入条数', replace: '替换原议程', main: '主议程条数', consent: '一揽子条数',
  confirmed: '确认条数', movedToAgenda: '移入主议程', freeMinutes: '剩余时长（分钟）', items: '议题', merged: '被合并单位',
  format: '格式', sheet: '工作表', sheets: '工作表', rows: '行数', fileName: '文件名', created: '新增', updated: '更新',
  rejected: '拒收', how: '方式', risks: '风险条数', seed: '随机种子', year: '年份', no: '期号', subject: '标题',
  period: '期间', measure: '指标', action: '操作', entity: '对象', from: '起始日期', to: '截止日期', actor: '账号',
  agenda: '议程设置', supervision: '督办阶梯', stats: '统计口径', payload: '内容', sort: '排序', active: '启用',
  itemId: '议程项', position: '位置', signedAt: '签发时间', signedBy: '签发人', closedOn: '办结日期', lastId: '覆盖到记录',
  beforeUnlock: '台账解锁前', backupsEncrypted: '一并加密的备份', backupsDeleted: '删除的未加密备份', backupsLeftPlain: '未能加密的备份',
  bytes: '字节数', restored: '恢复的备份', savedCurrent: '原台账另存为', carriedRows: '带入的审计记录', carriedAccounts: '带回的账号',
  encryptedAgain: '恢复后重新加密',
};

export function auditFieldLabel(key: string): string {
  return AUDIT_FIELD_LABELS[key] ?? RISK_FIELD_LABELS[key] ?? key;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** One value in words: 是/否, lists with 、, instants in Shanghai time, levels by name. */
export function auditValue(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if ((key === 'level' || key === 'finalLevel') && typeof v === 'number') return levelName(v);
  if (typeof v === 'string') return INSTANT.test(v) ? shanghaiDateTime(v) : v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.length ? v.map((x) => auditValue('', x)).join('、') : '（空）';
  const o = v as Record<string, unknown>;
  if (typeof o.name === 'string') return o.name;
  return Object.entries(o).map(([k, x]) => `${auditFieldLabel(k)}：${auditValue(k, x)}`).join('，');
}

const asRecord = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
// The row's own id is in the 对象 column; the version bumps with every write.
const MECHANICAL = new Set(['id', 'version']);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The change in words, one line per field: "字段：旧值 → 新值" where both images name it, "字段：值"
 * where only one does (a new record, an event's detail, a deletion). Unchanged fields are left out,
 * and so are empty ones of a one-sided image. `max` shortens each value (the page; the export keeps all).
 */
export function auditDetailLines(e: Pick<AuditEntry, 'before' | 'after'>, max = Infinity): string[] {
  const cut = (s: string) => (s.length > max ? `${s.slice(0, max)}…` : s);
  const before = asRecord(e.before);
  const after = asRecord(e.after);
  if (!before && !after) {
    const v = e.after ?? e.before;
    return empty(v) ? [] : [cut(auditValue('', v))];
  }
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  const lines: string[] = [];
  for (const k of keys.filter((x) => !MECHANICAL.has(x))) {
    const b = before?.[k];
    const a = after?.[k];
    const label = auditFieldLabel(k);
    if (before && after && k in before && k in after) {
      // Both images name it: show it only when it changed.
      if (!same(b, a)) lines.push(`${label}：${cut(auditValue(k, b))} → ${cut(auditValue(k, a))}`);
    } else if (!empty(a ?? b)) {
      lines.push(`${label}：${cut(auditValue(k, a ?? b))}`);
    }
  }
  return lines;
}

/** The filter of an export in words ("账号 lisi；操作 登录；日期 2026-11-25 至 2026-11-25"). */
export function auditFilterText(f: AuditFilter): string {
  const parts = [
    f.actor && `账号 ${f.actor}`,
    f.action && `操作 ${AUDIT_ACTION_LABELS[f.action] ?? f.action}`,
    f.entity && `对象 ${auditEntityLabel(f.entity)}`,
    (f.from || f.to) && `日期 ${f.from ?? '最早'} 至 ${f.to ?? '最近'}`,
  ].filter(Boolean);
  return parts.length ? parts.join('；') : '全部记录';
}
