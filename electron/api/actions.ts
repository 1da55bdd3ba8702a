import { addFeedback, createAction, decideExtension, getActionDetail, listActions, readCtx, requestExtension, transitionAction, unitSummaries, updateAction } from '../../db/actions.js';
import { getAttachment, readAttachment } from '../../db/attachments.js';
import { dropStaged, stagedFiles, stageUpload } from './uploads.js';
import { getSupervision, updateSupervision } from '../../db/calendar.js';
import { shanghaiDate } from '../../shared/dates.js';
import type { HandlerContext } from './context.js';
import type { HandlersFor } from './types.js';

const today = (ctx: HandlerContext, asOf?: string) => shanghaiDate(asOf ?? ctx.now());

type M =
  | 'actions.list' | 'actions.get' | 'actions.create' | 'actions.update' | 'actions.transition' | 'actions.feedback' | 'actions.attachment' | 'actions.attachmentUpload'
  | 'actions.requestExtension' | 'actions.decideExtension' | 'actions.units' | 'supervision.get' | 'supervision.update';

export const actionHandlers: HandlersFor<M> = {
  'actions.list': ({ asOf, ...f }, ctx) => listActions(ctx.db, f, readCtx(ctx.db, today(ctx, asOf))),
  'actions.get': ({ id, asOf }, ctx) => getActionDetail(ctx.db, id, today(ctx, asOf)),
  'actions.create': (input, ctx) => createAction(ctx.db, ctx, input),
  'actions.update': ({ id, version, patch }, ctx) => updateAction(ctx.db, ctx, id, version, patch),
  'actions.transition': (input, ctx) => transitionAction(ctx.db, ctx, input),
  'actions.feedback': ({ attachments, uploads, ...input }, ctx) => {
    const files = [...attachments.map(readAttachment), ...stagedFiles(ctx.db, uploads)];
    const row = addFeedback(ctx.db, ctx, { ...input, files });
    dropStaged(ctx.db, uploads);
    return row;
  },
  'actions.attachmentUpload': (input, ctx) => stageUpload(ctx.db, readAttachment(input)),
  'actions.attachment': ({ id }, { db }) => getAttachment(db, id),
  'actions.requestExtension': (input, ctx) => requestExtension(ctx.db, ctx, input),
  'actions.decideExtension': (input, ctx) => decideExtension(ctx.db, ctx, input),
  'actions.units': ({ asOf }, ctx) => unitSummaries(ctx.db, readCtx(ctx.db, today(ctx, asOf))),
  'supervision.get': (_i, { db }) => getSupervision(db),
  'supervision.update': (input, ctx) => updateSupervision(ctx.db, ctx, input),
};
