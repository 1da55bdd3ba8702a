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
