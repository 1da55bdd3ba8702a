import { listAssessments, previewGrade, recordAssessment } from '../../db/assessments.js';
import { createEvent, deleteEvent, listEvents, updateEvent } from '../../db/events.js';
import { createPeriod, deletePeriod, listPeriods, updatePeriod } from '../../db/periods.js';
import { currentRuleSet, listRuleSets, saveRuleSet } from '../../db/rulesets.js';
import { getRisk } from '../../db/risks.js';
import { nearPeriods } from '../../shared/periods.js';
import { shanghaiDate } from '../../shared/dates.js';
import type { HandlersFor } from './types.js';

type M = 'events.list' | 'events.create' | 'events.update' | 'events.delete' | 'assessments.list' | 'assessments.preview' | 'assessments.record'
  | 'rules.current' | 'rules.list' | 'rules.save' | 'periods.list' | 'periods.near' | 'periods.create' | 'periods.update' | 'periods.delete';

export const gradingHandlers: HandlersFor<M> = {
  'events.list': ({ riskId }, { db }) => (getRisk(db, riskId), listEvents(db, riskId)),
  'events.create': (input, ctx) => createEvent(ctx.db, ctx, input),
  'events.update': ({ id, version, patch }, ctx) => updateEvent(ctx.db, ctx, id, version, patch),
  'events.delete': ({ id, version }, ctx) => deleteEvent(ctx.db, ctx, id, version),
  'assessments.list': ({ riskId }, { db }) => listAssessments(db, riskId),
  'assessments.preview': (input, ctx) => previewGrade(ctx.db, ctx, input),
  'assessments.record': (input, ctx) => recordAssessment(ctx.db, ctx, input),
  'rules.current': (_i, { db }) => currentRuleSet(db),
  'rules.list': (_i, { db }) => listRuleSets(db),
  'rules.save': ({ config, note, baseVersion }, ctx) => saveRuleSet(ctx.db, ctx, config, note, baseVersion),
  'periods.list': ({ year }, { db }) => listPeriods(db, year),
  'periods.near': ({ asOf, days }, ctx) => nearPeriods(listPeriods(ctx.db), shanghaiDate(asOf ?? ctx.now()), days ?? currentRuleSet(ctx.db).config.escalationDaysBefore),
  'periods.create': (input, ctx) => createPeriod(ctx.db, ctx, input),
  'periods.update': ({ id, version, patch }, ctx) => updatePeriod(ctx.db, ctx, id, version, patch),
  'periods.delete': ({ id, version }, ctx) => deletePeriod(ctx.db, ctx, id, version),
};
