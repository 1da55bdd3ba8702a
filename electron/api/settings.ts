import { addListItem, moveListItem, removeListItem, renameListItem, setListItemActive } from '../../db/lists.js';
import { riskFacets } from '../../db/risk-list.js';
import { deleteView, listViews, saveView } from '../../db/views.js';
import type { HandlersFor } from './types.js';

export const settingsHandlers: HandlersFor<'lists.add' | 'lists.rename' | 'lists.move' | 'lists.setActive' | 'lists.remove' | 'risks.facets' | 'views.list' | 'views.save' | 'views.delete'> = {
  'lists.add': ({ list, name }, ctx) => addListItem(ctx.db, ctx, list, name),
  'lists.rename': ({ list, id, version, name }, ctx) => renameListItem(ctx.db, ctx, list, id, version, name),
  'lists.move': ({ list, id, version, direction }, ctx) => moveListItem(ctx.db, ctx, list, id, version, direction),
  'lists.setActive': ({ list, id, version, active }, ctx) => setListItemActive(ctx.db, ctx, list, id, version, active),
  'lists.remove': ({ list, id, version }, ctx) => {
    removeListItem(ctx.db, ctx, list, id, version);
    return { removed: true as const };
  },
  'risks.facets': (_input, { db }) => riskFacets(db),
  'views.list': (_input, ctx) => listViews(ctx.db, ctx.actor),
  'views.save': ({ name, payload, version }, ctx) => saveView(ctx.db, ctx, name, payload, version),
  'views.delete': ({ id, version }, ctx) => {
    deleteView(ctx.db, ctx, id, version);
    return { deleted: true as const };
  },
};
