import { z } from 'zod';
import { method } from './method.js';
import { auditFilter, auditListInput, type AuditCheck, type AuditEntry, type AuditHead } from '../audit.js';
import type { FilePayload } from '../files.js';

const AUDITOR = ['审计管理员'] as const;

export const auditMethods = {
  'audit.list': method<{ rows: AuditEntry[]; total: number; head: AuditHead }>()(auditListInput, false, '审计记录（可按账号、操作、对象、日期筛选），附审计链头', 'public', AUDITOR),
  'audit.export': method<FilePayload>()(auditFilter, false, '导出审计记录为 .xlsx（含审计链头；导出本身也记入审计）', 'public', AUDITOR),
  'audit.verify': method<AuditCheck>()(z.object({ head: z.string().regex(/^[0-9a-f]{64}$/, { message: '链头应为 64 位十六进制' }).optional() }).strict(), false, '校验审计链（给出记下的链头时，检查链中仍有它）', 'public', AUDITOR),
} as const;
