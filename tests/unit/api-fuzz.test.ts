// Property test over every public API method (issue 11), through a real dispatcher on a real
// SQLite demo register in a temp folder:
//  - no input ever answers INTERNAL (or throws across the dispatcher);
//  - an input refused by the contract or by a rule (ok:false) changes nothing: the connection's
//    `SELECT total_changes()` is the same before and after;
//  - at least half the inputs of the methods that may run pass the schema, so the handlers run.
// Inputs are built from each method's zod schema (through its JSON Schema) and mixed with
// mutations: wrong types, removed keys, extra keys (out, path, file, dir …), paths into a canary
// folder, huge numbers, odd unicode, empty strings. Methods that load the demo, print, export,
// import or back up get refused inputs only. Fixed seed per method; fast-check prints the seed
// and the failing input's path on failure.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/contract/index.js';
import { openDatabase, type Db } from '../../db/open.js';
import { createDispatcher } from '../../electron/api/dispatcher.js';
import { fixedClock, tempDir, testCaller } from './helpers.js';
import { arbitraryFor, hostileValue, jsonSchemaOf, mutate, SAMPLE_FILES, type Hints, type Mutation } from './fuzz/arbitraries.js';
import { DEFAULT_RULES } from '../../shared/grading.js';

// Fixed; YANPAN_FUZZ_SEED and YANPAN_FUZZ_RUNS explore further (a failure prints the seed to replay),
// FUZZ_DEBUG=1 prints each refusal of a schema-valid input and the slowest methods.
const SEED = Number(process.env.YANPAN_FUZZ_SEED ?? 20261125);
const RUNS = Number(process.env.YANPAN_FUZZ_RUNS ?? 300);

/** Methods whose valid input would load the demo, print, export, import, back up or restore. */
const REFUSED_ONLY = /^(imports|exports|backups)\.|^(demo\.load|app\.initEmpty|recovery\.restore|briefs\.pdf|briefs\.docx|briefs\.printPaper)$/;

const publicMethods = (Object.keys(contract) as MethodName[]).filter((m) => contract[m].tier === 'public');

interface Tally {
  ms: number;
  calls: number;
  passedSchema: number;
  ok: number;
  internal: Array<{ method: string; input: string; message: string; logged: string }>;
}
const tally: Record<string, Tally> = {};
// Outside helpers' tempDir (cleaned after each test): these live for the whole file.
let shared = '';
let template = '';
let canary = '';
let live: Record<string, number[]> = {};
const started = Date.now();

beforeAll(async () => {
  // One small demo register, copied for each method so every method starts from the same state.
  shared = mkdtempSync(join(tmpdir(), 'yanpan-fuzz-'));
  template = join(shared, 'template.db');
  const db = openDatabase(template);
  const dispatch = createDispatcher({ caller: testCaller(), db, dbPath: template, host: 'web', defaultOperator: '测试员', now: fixedClock(), log: () => {} });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  await call('demo.load', { risks: 30, asOf: '2026-11-25' });
  // Rows for the rules that need them: a deleted risk, a saved view, an unused domain, an open
  // meeting with an agenda, a pending extension, a feedback attachment.
  const risk = await call<{ version: number }>('risks.get', { id: 30 });
  await call('risks.delete', { id: 30, version: risk.version, reason: '重复登记' });
  await call('views.save', { name: '我的筛选', payload: {} });
  await call('lists.add', { list: 'domains', name: '未使用的领域' });
  const open = db.prepare("SELECT id, version FROM meetings WHERE state = '筹备' ORDER BY id DESC").get() as { id: number; version: number };
  await call('agenda.apply', { meetingId: open.id, version: open.version });
  const action = () => db.prepare("SELECT id, version FROM actions WHERE state = '办理中' ORDER BY id").get() as { id: number; version: number };
  await call('actions.requestExtension', { actionId: action().id, version: action().version, days: 7, reason: '需协调多个部门' });
  await call('actions.feedback', { actionId: action().id, version: action().version, text: '已走访，附照片', attachments: [{ name: '现场.png', mime: 'image/png', base64: SAMPLE_FILES.png }] });
  const ids = (sql: string) => db.prepare(sql).pluck().all() as number[];
  live = {
    risks: ids('SELECT id FROM risks WHERE deleted_at IS NULL'),
    deletedRisks: ids('SELECT id FROM risks WHERE deleted_at IS NOT NULL'),
    meetings: ids("SELECT id FROM meetings WHERE state <> '已归档'"),
    items: ids("SELECT a.id FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE m.state <> '已归档'"),
    actions: ids("SELECT id FROM actions WHERE state <> '办结'"),
    extensions: ids('SELECT id FROM action_extensions'),
    attachments: ids('SELECT id FROM action_attachments'),
    events: ids('SELECT id FROM risk_events'),
    periods: ids('SELECT id FROM sensitive_periods'),
    views: ids('SELECT id FROM saved_views'),
    openAgenda: ids(`SELECT id FROM agenda_items WHERE meeting_id = ${open.id} ORDER BY position`),
    openMeeting: [open.id],
    lists: [...ids('SELECT id FROM domains'), ...ids('SELECT id FROM regions')],
  };
  db.close();
  canary = join(shared, 'canary');
  mkdirSync(canary);
}, 60_000);

/** Live ids for a method's fields: `id` names a different table in each area. */
function hintsFor(method: string): Hints {
  const area = method.split('.')[0];
  const idByArea: Record<string, number[]> = {
    risks: method === 'risks.restore' ? live.deletedRisks : live.risks,
    meetings: live.meetings,
    agenda: live.meetings,
    actions: method === 'actions.attachment' ? live.attachments : live.actions,
    events: live.events,
    periods: live.periods,
    views: live.views,
    lists: live.lists,
    audit: live.risks,
  };
  return {
    id: idByArea[area] ?? [],
    version: [1, 2],
    baseVersion: [1],
    riskId: live.risks,
    riskIds: live.risks,
    entityId: live.risks,
    meetingId: live.meetings,
    itemId: live.items,
    actionId: live.actions,
    extensionId: live.extensions,
    domainId: live.lists,
    regionId: live.lists,
  };
}

/** Valid inputs the JSON Schema cannot describe (cross-field rules, content that must match its type, live state). */
const VALID: Record<string, () => fc.Arbitrary<unknown>> = {
  // Levels are written by assessments only: most patches leave them out, so updates go through.
  'risks.update': () =>
    fc.tuple(arbitraryFor(jsonSchemaOf(contract['risks.update'].input), '', hintsFor('risks.update')), fc.boolean()).map(([v, keepCache]) => {
      const input = v as { patch: Record<string, unknown> };
      if (!keepCache) for (const k of ['level', 'levelBasis', 'likelihood', 'impact', 'trend']) delete input.patch[k];
      return input;
    }),
  // The open meeting's agenda in a new order (every item once), or not quite.
  'agenda.reorder': () =>
    fc.tuple(fc.shuffledSubarray(live.openAgenda, { minLength: live.openAgenda.length }), fc.constantFrom(1, 1, 2), fc.boolean()).map(([itemIds, version, drop]) => ({
      meetingId: live.openMeeting[0],
      version,
      itemIds: drop ? itemIds.slice(1) : itemIds,
    })),
  'actions.attachmentUpload': () =>
    fc
      .record({
        kind: fc.constantFrom<Array<[string, string, string]>>(['png', 'image/png', '现场照片.png'], ['pdf', 'application/pdf', '情况说明.pdf'], ['jpeg', 'image/jpeg', '扫描件.JPG'], ['gif', 'image/gif', 'a.gif'], ['png', 'application/pdf', '声明不符.pdf']),
        name: fc.option(fc.constantFrom('../../etc/passwd', 'CON', 'invoice\u202Efdp.exe', '回执'), { freq: 4 }),
      })
      .map(({ kind: [file, mime, name], name: odd }) => ({ name: odd ?? name, mime, base64: SAMPLE_FILES[file as keyof typeof SAMPLE_FILES] })),
  'rules.save': () =>
    fc
      .record({
        size: fc.integer({ min: 3, max: 6 }),
        cuts: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
        people: fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 2000 })),
        escalationDaysBefore: fc.integer({ min: 0, max: 90 }),
        reviewDays: fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 180 })),
        note: fc.string({ maxLength: 20 }),
        baseVersion: fc.constantFrom(1, 1, 1, 2),
      })
      .map(({ size, cuts: [a, b, c], people: [y, o, r], escalationDaysBefore, reviewDays: [d1, d2, d3, d4], note, baseVersion }) => {
        const top = size * size;
        const yellow = 1 + Math.floor(a * (top - 3));
        const orange = yellow + 1 + Math.floor(b * (top - yellow - 2));
        const red = orange + 1 + Math.floor(c * (top - orange - 1));
        return {
          config: { ...DEFAULT_RULES, matrix: { size, yellow, orange, red }, people: { yellow: y, orange: y + o, red: y + o + r }, escalationDaysBefore, reviewDays: { 1: d1, 2: d2, 3: d3, 4: d4 } },
          note,
          baseVersion,
        };
      }),
};

afterAll(() => {
  if (shared) rmSync(shared, { recursive: true, force: true });
  const all = Object.values(tally);
  const sum = (f: (t: Tally) => number) => all.reduce((n, t) => n + f(t), 0);
  const runnable = Object.entries(tally).filter(([m]) => !REFUSED_ONLY.test(m)).map(([, t]) => t);
  console.log(
    `api fuzz (seed ${SEED}, ${RUNS} runs per method): ${sum((t) => t.calls)} calls over ${all.length} public methods, ` +
      `${sum((t) => t.internal.length)} INTERNAL answers, ${runnable.reduce((n, t) => n + t.passedSchema, 0)} of ${runnable.reduce((n, t) => n + t.calls, 0)} inputs to runnable methods passed the schema ` +
      `(${sum((t) => t.ok)} answered ok), ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const low = Object.entries(tally).filter(([m, t]) => !REFUSED_ONLY.test(m) && t.passedSchema < t.calls / 2);
  if (low.length) console.log('methods with fewer than half their inputs passing the schema: ' + low.map(([m, t]) => `${m} ${t.passedSchema}/${t.calls}`).join(', '));
  if (process.env.FUZZ_DEBUG) console.log('slowest: ' + Object.entries(tally).sort((a, b) => b[1].ms - a[1].ms).slice(0, 8).map(([m, t]) => `${m} ${t.ms} ms`).join(', '));
  const never = Object.entries(tally).filter(([m, t]) => !REFUSED_ONLY.test(m) && t.ok === 0);
  if (never.length) console.log('methods that never answered ok: ' + never.map(([m]) => m).join(', '));
});

/** A method's inputs: valid ones from its schema mixed with mutations; refused-only methods get mutations its schema refuses. */
function inputsFor(method: MethodName): fc.Arbitrary<unknown> {
  const spec = contract[method];
  const valid = VALID[method]?.() ?? arbitraryFor(jsonSchemaOf(spec.input), '', hintsFor(method));
  const mutated = fc
    .tuple(valid, fc.nat(), fc.constantFrom<Mutation>('replace', 'replace', 'delete', 'extraKey', 'extraKey', 'wrap'), hostileValue(join(canary, 'x')), fc.nat())
    .map(([v, pick, kind, bad, extra]) => mutate(v, pick, kind, bad, extra));
  if (REFUSED_ONLY.test(method)) return mutated.map((v) => (spec.input.safeParse(v ?? {}).success ? [v] : v));
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: mutated });
}

function totalChanges(db: Db): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

describe('every public method, any input', () => {
  for (const [index, method] of publicMethods.entries()) {
    const spec = contract[method];
    const refusedOnly = REFUSED_ONLY.test(method);
    it(`${method}: never INTERNAL; refused changes nothing${refusedOnly ? ' (refused inputs only)' : ''}`, async () => {
      const dir = tempDir();
      const file = join(dir, 'yanpan.db');
      copyFileSync(template, file);
      const db = openDatabase(file);
      const logged: string[] = [];
      const dispatch = createDispatcher({ caller: testCaller(), db, dbPath: file, host: 'web', defaultOperator: '测试员', now: fixedClock(), log: (msg, err) => logged.push(`${msg} ${(err as Error)?.stack ?? String(err)}`) });
      const t: Tally = (tally[method] = { ms: 0, calls: 0, passedSchema: 0, ok: 0, internal: [] });
      const t0 = Date.now();

      const passes = (input: unknown) => spec.input.safeParse(input ?? {}).success;
      const inputs = inputsFor(method);

      await fc.assert(
        fc.asyncProperty(inputs, async (input) => {
          const schemaOk = passes(input);
          const before = totalChanges(db);
          logged.length = 0;
          const began = Date.now();
          const r = await dispatch(method, input);
          const took = Date.now() - began;
          const after = totalChanges(db);
          t.calls++;
          if (schemaOk) t.passedSchema++;
          if (r.ok) t.ok++;
          if (process.env.FUZZ_DEBUG && !r.ok && schemaOk) console.log('DBG', method, r.error.code, r.error.message.slice(0, 120));
          if (!r.ok && r.error.code === 'INTERNAL') t.internal.push({ method, input: JSON.stringify(input)?.slice(0, 300) ?? String(input), message: r.error.message, logged: logged.join('\n').slice(0, 2000) });
          expect(r.ok || r.error.code, `${method} answered INTERNAL:\n${logged.join('\n')}`).not.toBe('INTERNAL');
          // A handler runs synchronously inside its write: a slow call freezes the whole host.
          expect(took, `${method} took ${took} ms to answer`).toBeLessThan(10_000);
          if (refusedOnly) expect(schemaOk, 'a refused-only method got an input its schema accepts').toBe(false);
          if (!r.ok) {
            expect(r.error.message, 'every refusal speaks Chinese').toMatch(/[\u4e00-\u9fff]/);
            expect(after, `${method} refused (${r.error.code}: ${r.error.message}) but changed the database`).toBe(before);
          }
        }),
        { seed: SEED + index, numRuns: RUNS, verbose: 1, endOnFailure: true },
      );
      db.close();
      t.ms = Date.now() - t0;
      expect(readdirSync(canary), 'a call wrote into the canary folder named by its input').toEqual([]);
      if (!refusedOnly) expect(t.passedSchema, `${method}: too few inputs passed its schema to exercise the handler`).toBeGreaterThan(0);
    }, 60_000);
  }

  // Measured on the generators themselves (same seeds, same counts), so it holds whatever runs before it.
  it('at least half the inputs to the methods that may run pass the schema', () => {
    let calls = 0;
    let passed = 0;
    for (const [index, method] of publicMethods.entries()) {
      if (REFUSED_ONLY.test(method)) continue;
      for (const input of fc.sample(inputsFor(method), { seed: SEED + index, numRuns: RUNS })) {
        calls++;
        if (contract[method].input.safeParse(input ?? {}).success) passed++;
      }
    }
    console.log(`schema-valid inputs to the methods that may run: ${passed} of ${calls} (${((100 * passed) / calls).toFixed(0)} %)`);
    expect(passed / calls).toBeGreaterThanOrEqual(0.5);
  });
});
