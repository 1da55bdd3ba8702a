import { schemaVersion } from '../../db/migrate.js';
import { countRisks } from '../../db/risks.js';
import { getLists, getSetting, getSettings, isInitialized, markInitialized, updateSettings } from '../../db/settings.js';
import { loadDemo } from '../../db/demo.js';
import { createDemoAccounts, prepareDemoAccounts, type PreparedDemoAccount } from '../../db/accounts.js';
import type { MethodParsedInput } from '../../shared/contract/index.js';

const demoAccounts = new WeakMap<object, PreparedDemoAccount[]>();

/** scrypt for the demo's six accounts runs in parallel before the write transaction opens. */
export const appPreparers = {
  'demo.load': async (input: MethodParsedInput<'demo.load'>) => {
    demoAccounts.set(input, await prepareDemoAccounts());
  },
};
import { shanghaiDate } from '../../shared/dates.js';
import { describeDbPath } from '../paths.js';
import type { AppInfo } from '../../shared/settings.js';
import type { HandlerContext } from './context.js';
import type { HandlersFor } from './types.js';
import { syncSlot } from './accounts.js';

function appInfo(ctx: HandlerContext, asOf?: string): AppInfo {
  return {
    dbPath: ctx.dbPath,
    dbLocation: describeDbPath(ctx.dbPath),
    today: shanghaiDate(asOf ?? ctx.now()),
    firstRun: !isInitialized(ctx.db),
    riskCount: countRisks(ctx.db),
    settings: getSettings(ctx.db, ctx.defaultOperator),
    schemaVersion: schemaVersion(ctx.db),
    host: ctx.host,
    demo: getSetting(ctx.db, 'demoData') === '1',
  };
}

export const appHandlers: HandlersFor<'app.info' | 'app.initEmpty' | 'demo.load' | 'settings.get' | 'settings.update' | 'lists.get'> = {
  'app.info': ({ asOf }, ctx) => appInfo(ctx, asOf),
  'app.initEmpty': (_input, ctx) => {
    markInitialized(ctx.db, ctx, 'empty');
    return appInfo(ctx);
  },
  'demo.load': (input, ctx) => {
    const created = loadDemo(ctx.db, ctx, { risks: input.risks, seed: input.seed, asOf: input.asOf ?? shanghaiDate(ctx.now()) });
    markInitialized(ctx.db, ctx, 'demo');
    const prepared = demoAccounts.get(input);
    if (!prepared) throw new Error('demo.load ran without its preparer');
    const accounts = createDemoAccounts(ctx.db, ctx, prepared);
    // Into an encrypted register: each demo account can unlock it too.
    for (const a of accounts) syncSlot(ctx, a.name, a.password);
    return { created, accounts };
  },
  'settings.get': (_input, ctx) => getSettings(ctx.db, ctx.defaultOperator),
  'settings.update': (input, ctx) => updateSettings(ctx.db, ctx, input, ctx.defaultOperator),
  'lists.get': (_input, { db }) => getLists(db),
};
