import { createUnit, listUnits, mergeUnits, resolveUnitNames, updateUnit } from '../../db/units.js';
import type { HandlersFor } from './types.js';

type M = 'units.list' | 'units.create' | 'units.update' | 'units.merge' | 'units.resolve';

export const unitHandlers: HandlersFor<M> = {
  'units.list': (input, { db }) => listUnits(db, input),
  'units.create': (input, ctx) => createUnit(ctx.db, ctx, input),
  'units.update': (input, ctx) => updateUnit(ctx.db, ctx, input),
  'units.merge': (input, ctx) => mergeUnits(ctx.db, ctx, input),
  'units.resolve': ({ names }, { db }) => resolveUnitNames(db, names),
};
