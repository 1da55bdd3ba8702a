// Inputs for the API property test (api-fuzz.test.ts), built from the contract's own zod schemas
// through their JSON Schema (z.toJSONSchema), plus mutations that a hostile or careless caller sends.
// The JSON Schema loses zod refinements (a real calendar date, a trimmed non-empty text), so field
// names that hold dates get date-shaped strings; everything else follows the schema.
import fc from 'fast-check';
import { z } from 'zod';

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
};

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Names of fields that hold a calendar date (YYYY-MM-DD) in this contract. */
const DATE_FIELD = /(^|[a-z])(date|asOf|from|to|week|firstFound|deadline|deadlineFrom|deadlineTo|dueAt|issuedAt|assessedOn|occurredOn|nextReview|startDate|endDate|signedOn)$/i;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Real days around the demo's year, now and then one that is not (2026-02-30) or not a date at all. */
const dateString = fc.oneof(
  { weight: 9, arbitrary: fc.record({ y: fc.integer({ min: 2024, max: 2027 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`) },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-30', '2026-13-01', '2026-1-5', '20261125', '2026/11/25', '', '0000-00-00', '9999-12-31', '2026-11-25T00:00:00Z') },
);

/** Small real files by their signatures (uploads are checked against the type they declare). */
export const SAMPLE_FILES = {
  png: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  pdf: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64'),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]).toString('base64'),
  gif: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1').toString('base64'),
};

/** Text as people type it: Chinese, ASCII, spaces, now and then odd unicode. */
const CJK = '风险研判台江城市锦绣华庭逾期交房拆迁补偿工资拖欠业主维权信访局会议督办交办网格';
const cjkChar = fc.integer({ min: 0, max: CJK.length - 1 }).map((i) => CJK[i]);
function text(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const max = Math.min(maxLength, Math.max(minLength, 24));
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(cjkChar, { minLength: Math.max(minLength, 2), maxLength: Math.max(max, 2) }).map((a) => a.join('').slice(0, maxLength)) },
    { weight: 2, arbitrary: fc.string({ minLength, maxLength: max }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength: max }) },
  ).filter((s) => s.length >= minLength && s.length <= maxLength);
}

/** Values known to name live rows, by field name (an open meeting's id, a pending extension's id …). */
export type Hints = Record<string, number[]>;

function integer(s: JsonSchema, key: string, hints: Hints): fc.Arbitrary<number> {
  const min = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : (s.minimum ?? -1_000_000);
  const max = s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : (s.maximum ?? 1_000_000);
  // Small values find the demo's rows (ids, versions — most rows are at version 1 or 2, lists hold
  // about ten items); the whole range finds the edges.
  const span = /version/i.test(key) ? 2 : /(^id|Id|Ids)$/.test(key) ? 12 : 40;
  const small = fc.integer({ min, max: Math.min(max, Math.max(min, 0) + span) });
  const edges = [{ weight: 1, arbitrary: fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) }) }, { weight: 1, arbitrary: fc.constantFrom(min, max) }];
  const live = (hints[key] ?? []).filter((v) => v >= min && v <= max);
  if (live.length) return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...live) }, { weight: 4, arbitrary: small }, ...edges);
  return fc.oneof({ weight: 8, arbitrary: small }, ...edges);
}

function number(s: JsonSchema): fc.Arbitrary<number> {
  const min = s.exclusiveMinimum ?? s.minimum ?? -1e6;
  const max = s.exclusiveMaximum ?? s.maximum ?? 1e6;
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true, minExcluded: s.exclusiveMinimum !== undefined, maxExcluded: s.exclusiveMaximum !== undefined });
}

/** A value the schema describes (mostly: refinements it cannot express may still refuse it). */
export function arbitraryFor(s: JsonSchema, key = '', hints: Hints = {}): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => arbitraryFor(a, key, hints)));
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((t) => arbitraryFor({ ...s, type: t }, key, hints)));
  switch (s.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integer(s, key, hints);
    case 'number':
      return number(s);
    case 'string':
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity));
      if (DATE_FIELD.test(key)) return dateString;
      if (key === 'base64') return fc.oneof(fc.constantFrom(...Object.values(SAMPLE_FILES)), fc.base64String({ maxLength: 40 }));
      return text(s.minLength ?? 0, s.maxLength ?? 200);
    case 'array': {
      const min = s.minItems ?? 0;
      return fc.array(s.items ? arbitraryFor(s.items, key, hints) : fc.jsonValue({ maxDepth: 1 }), { minLength: min, maxLength: Math.min(s.maxItems ?? 5, Math.max(min, 5)) });
    }
    case 'object': {
      const props = s.properties ?? {};
      if (Object.keys(props).length === 0 && s.additionalProperties && typeof s.additionalProperties === 'object') {
        return fc.dictionary(text(1, 12), arbitraryFor(s.additionalProperties, key, hints), { maxKeys: 3 });
      }
      const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arbitraryFor(v, k, hints)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      // Unrepresentable in JSON Schema (a transform, a custom check): any small JSON value.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values a caller should never get through: wrong types, the edges of numbers, paths, odd text. */
export function hostileValue(pathInside: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      null, true, false, 0, -1, -0, 1.5, 2 ** 53, -(2 ** 53), 1e308, -1e308, Number.MAX_VALUE, Infinity, -Infinity, NaN,
      '', ' ', '\u3000', '0', '-1', '1e9', 'null', 'true', '[]', '{}',
      '../../etc/passwd', '..\\..\\Windows\\win.ini', '/etc/passwd', 'C:\\Windows\\System32', 'CON', 'nul', '\u202egpj.exe', 'a\u0000b', '\u001b[2J',
      '😀🀄️𠮷', 'é', '\ud800', '%00', '%2e%2e%2f', '=cmd|\' /C calc\'!A0', "'; DROP TABLE risks; --", 'x'.repeat(100_000),
      [], {}, [1, 2, 3], { a: 1 }, [null], JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
    ),
    fc.constant(pathInside),
    fc.constant(pathInside + '/yanpan.db'),
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.jsonValue({ maxDepth: 2 }),
  );
}

/** Every path (keys and indexes) to a value inside v, the root included. */
function paths(v: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

/** An own property, even for names like __proto__ that plain assignment would treat specially. */
function setOwn(o: object, k: string | number, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export type Mutation = 'replace' | 'delete' | 'extraKey' | 'wrap';
const EXTRA_KEYS = ['out', 'path', 'file', 'dir', 'dbPath', 'constructor', 'prototype', '__proto__', 'toString', 'id', '\u0000', '字段'];

/** One mutation of a valid input: a value replaced, a key removed or added, the input wrapped or replaced whole. */
export function mutate(input: unknown, pick: number, kind: Mutation, bad: unknown, extraKey: number): unknown {
  const v = clone(input);
  const all = paths(v);
  const path = all[pick % all.length];
  if (kind === 'wrap') return [v];
  const extra = EXTRA_KEYS[extraKey % EXTRA_KEYS.length];
  if (path.length === 0) {
    if (kind !== 'extraKey' || !v || typeof v !== 'object' || Array.isArray(v)) return bad;
    setOwn(v, extra, bad);
    return v;
  }
  const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v) as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (kind === 'extraKey') {
    const target = parent[last];
    setOwn(target && typeof target === 'object' && !Array.isArray(target) ? target : parent, target && typeof target === 'object' && !Array.isArray(target) ? extra : last, bad);
  } else {
    setOwn(parent, last, bad);
  }
  return v;
}
