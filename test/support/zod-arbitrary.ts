/**
 * fast-check arbitraries for the API's zod input schemas (zod 4), for the API fuzz test:
 * inputs the schema mostly accepts, so the services behind the router are what gets
 * exercised, not only the validation in front of them. Strings are drawn from the values
 * `pool` offers (ids harvested from the book, dates, quarters) whenever they fit the
 * schema's checks, else made to match its pattern, else random text within its bounds;
 * numbers sit at and around their bounds as often as between them. Custom refinements
 * (`.refine`) are not imitated: the router refuses what fails them, which is also tested.
 */
import fc, { type Arbitrary } from 'fast-check';
import type { z } from 'zod';

/** What zod 4 keeps of a schema and of a check (the parts read here). */
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  element?: Schema;
  valueType?: Schema;
  options?: Schema[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: CheckDef } }[];
  defaultValue?: unknown;
}
interface CheckDef {
  check: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  pattern?: RegExp;
}
type Schema = z.ZodType & { _zod: { def: Def } };

/** Text meant to upset a service: empty, blank, long, markup, SQL, astral characters, control characters. */
const HOSTILE_TEXT = [
  '',
  ' ',
  '\t\n',
  '0',
  '-1',
  'null',
  "'; DROP TABLE partner; --",
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '👩🏽‍💻🇩🇪',
  'Zoë Ångström-Łukasz',
  '\u202eevil',
  'x'.repeat(5_000),
];

export interface ArbitraryOptions {
  /**
   * Candidate strings for a field, by its key (ids from the book for `planId`, dates for
   * `asOf`, …): used whenever one passes the string's checks.
   */
  pool: (key: string) => readonly string[];
  /** Largest array drawn (default 6). */
  maxArray?: number;
}

export function arbitraryFor(schema: z.ZodType, opts: ArbitraryOptions): Arbitrary<unknown> {
  return build(schema as Schema, opts, '');
}

/** `key`: the object key the value sits under (the nearest one, through arrays and wrappers). */
function build(s: Schema, o: ArbitraryOptions, key: string): Arbitrary<unknown> {
  const d = s._zod.def;
  switch (d.type) {
    case 'object': {
      const shape = d.shape ?? {};
      const required: string[] = [];
      const parts: Record<string, Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(shape)) {
        const kind = v._zod.def.type;
        parts[k] = build(kind === 'optional' || kind === 'default' ? v._zod.def.innerType! : v, o, k);
        if (kind !== 'optional' && kind !== 'default') required.push(k);
      }
      return fc.record(parts, { requiredKeys: required as never[] });
    }
    case 'optional':
    case 'default':
      return fc.option(build(d.innerType!, o, key), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(build(d.innerType!, o, key), { nil: null, freq: 4 });
    case 'string':
      return stringArb(d.checks ?? [], o.pool(key));
    case 'number':
      return numberArb(d.checks ?? []);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(d.values ?? []));
    case 'null':
      return fc.constant(null);
    case 'unknown':
      return fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }));
    case 'array': {
      let min = 0;
      let max = o.maxArray ?? 6;
      for (const c of d.checks ?? []) {
        const cd = c._zod.def;
        if (cd.check === 'min_length') min = cd.minimum ?? min;
        if (cd.check === 'max_length') max = Math.min(max, cd.maximum ?? max);
      }
      return fc.array(build(d.element!, o, key), { minLength: min, maxLength: Math.max(min, max) });
    }
    case 'union':
      return fc.oneof(...(d.options ?? []).map((x) => build(x, o, key)));
    case 'record': {
      // Keys are names (of fields, columns, values): word-like ones, and the names
      // Object.prototype holds, which a lookup by key can trip over.
      const keys = fc.oneof(
        fc.stringMatching(/^[A-Za-z][A-Za-z0-9_ ]{0,15}$/),
        fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'id', 'name', ''),
      );
      return fc.dictionary(keys, build(d.valueType!, o, key), { maxKeys: 4 });
    }
    default:
      throw new Error(`zod-arbitrary: no arbitrary for a '${d.type}' schema`);
  }
}

function stringArb(checks: { _zod: { def: CheckDef } }[], pool: readonly string[]): Arbitrary<string> {
  let min = 0;
  let max = Infinity;
  const patterns: RegExp[] = [];
  for (const c of checks) {
    const cd = c._zod.def;
    if (cd.check === 'min_length') min = cd.minimum ?? 0;
    if (cd.check === 'max_length') max = cd.maximum ?? Infinity;
    if (cd.check === 'string_format' && cd.pattern) patterns.push(cd.pattern);
  }
  const fits = (x: string) => x.length >= min && x.length <= max && patterns.every((p) => new RegExp(p.source, p.flags.replace('g', '')).test(x));
  const pooled = [...new Set(pool)].filter(fits);
  const hostile = HOSTILE_TEXT.filter((x) => x.length >= min && x.length <= max);
  const choices: Arbitrary<string>[] = [];
  if (pooled.length) choices.push(fc.constantFrom(...pooled), fc.constantFrom(...pooled), fc.constantFrom(...pooled));
  if (patterns.length) choices.push(fc.stringMatching(patterns[0]!));
  else {
    choices.push(fc.string({ minLength: min, maxLength: Math.min(max, min + 40), unit: 'grapheme' }));
    if (hostile.length) choices.push(fc.constantFrom(...hostile));
    // At the limit, where a too-long text or a split emoji would show.
    if (Number.isFinite(max) && max <= 10_000) choices.push(fc.constantFrom('x'.repeat(max), '😀'.repeat(Math.floor(max / 2))));
  }
  return fc.oneof(...choices);
}

function numberArb(checks: { _zod: { def: CheckDef } }[]): Arbitrary<number> {
  let lo = -1e15;
  let hi = 1e15;
  let int = false;
  for (const c of checks) {
    const cd = c._zod.def;
    if (cd.check === 'number_format' && (cd.format === 'safeint' || cd.format === 'int32')) int = true;
    if (cd.check === 'greater_than') lo = Math.max(lo, (cd.value ?? lo) + (cd.inclusive ? 0 : int ? 1 : 1e-9));
    if (cd.check === 'less_than') hi = Math.min(hi, (cd.value ?? hi) - (cd.inclusive ? 0 : int ? 1 : 1e-9));
  }
  if (int) {
    lo = Math.ceil(Math.max(lo, Number.MIN_SAFE_INTEGER));
    hi = Math.floor(Math.min(hi, Number.MAX_SAFE_INTEGER));
  }
  const edges = [lo, hi, 0, 1, -1, Math.round((lo + hi) / 2)].filter((x) => x >= lo && x <= hi);
  const range = (a: number, b: number) => (int ? fc.integer({ min: a, max: b }) : fc.double({ min: a, max: b, noNaN: true, noDefaultInfinity: true }));
  const choices = [fc.constantFrom(...edges), range(lo, hi)];
  // Small values too, where counts, weights and percentages live.
  const a = Math.max(lo, -100);
  const b = Math.min(hi, 100);
  if (a <= b) choices.push(range(a, b));
  return fc.oneof(...choices);
}
