import { z } from 'zod';

/** One row of the audit log: who changed what, when, with the row before and after. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
}

export const auditForEntityInput = z.object({
  entity: z.string().min(1).max(50),
  entityId: z.number().int().positive(),
});

/** The 审计管理员's filter (all optional): account, action, entity, and a day range (Asia/Shanghai). */
export const auditFilter = z
  .object({
    actor: z.string().trim().max(64).optional(),
    action: z.string().trim().max(50).optional(),
    entity: z.string().trim().max(50).optional(),
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' }).optional(),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' }).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilter>;
export const auditListInput = auditFilter.extend({ page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(500).default(100) });

/** The chain's newest link: write its hash down; `yanpan audit verify --head H` checks the chain still contains it. */
export interface AuditHead {
  seq: number;
  lastId: number;
  hash: string;
  at: string | null;
}

export interface AuditCheck {
  ok: boolean;
  links: number;
  rows: number;
  head: AuditHead;
  brokenAt: { seq: number; fromId: number; toId: number } | null;
  headMismatch: boolean;
  unsealedRows: number;
  message: string;
}
