import { createRisk, deleteRisk, getRisk, listRisks, restoreRisk, updateRisk } from '../../db/risks.js';
import { listAudit } from '../../db/audit.js';
import type { HandlersFor } from './types.js';

export const riskHandlers: HandlersFor<'risks.list' | 'risks.get' | 'risks.create' | 'risks.update' | 'risks.delete' | 'risks.restore' | 'audit.forEntity'> = {
  'risks.list': (input, { db }) => listRisks(db, input),
  'risks.get': ({ id }, { db }) => getRisk(db, id),
  'risks.create': (input, ctx) => createRisk(ctx.db, ctx, input),
  'risks.update': ({ id, version, patch }, ctx) => updateRisk(ctx.db, ctx, id, version, patch),
  'risks.delete': ({ id, version, reason }, ctx) => deleteRisk(ctx.db, ctx, id, version, reason),
  'risks.restore': ({ id, version }, ctx) => restoreRisk(ctx.db, ctx, id, version),
  'audit.forEntity': ({ entity, entityId }, { db }) => listAudit(db, entity, entityId),
};
