/**
 * A pulled record's data checked without zod's per-record allocations: each entity's zod
 * schema is read once and turned into plain checks that accept exactly what the schema
 * accepts, for the constructs the domain schemas use (strict objects of strings with
 * length bounds and patterns, finite numbers, safe integers with inclusive bounds, enums,
 * nullable, a default, arrays of those). A schema with anything else gets no fast check
 * (`compileFastCheck` returns null) and zod does all the work.
 *
 * The fast check only ever says "valid, and these are the values zod would have
 * returned" or "ask zod": a record it does not accept goes to zod, which either names
 * what is wrong or accepts it after all. So the check can never let through what the
 * schema refuses (test/unit/sync/fast-check.test.ts compares the two on mutated records).
 */
import type { z } from 'zod';

/** Returns the value zod would produce for one field, or FAIL. */
type FieldCheck = (v: unknown) => unknown;
export const FAIL: unique symbol = Symbol('fail');

interface Def {
  [key: string]: unknown;
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  innerType?: Schema;
  element?: Schema;
  entries?: Record<string, unknown>;
  defaultValue?: unknown;
  shape?: Record<string, Schema>;
  catchall?: Schema;
}
interface CheckDef {
  [key: string]: unknown;
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}
interface Schema {
  _zod: { def: Def };
}

/**
 * True when `def` has no key outside `allowed`: a schema or check carrying anything more
 * (a format of its own like z.iso.datetime(), coercion, a transform) is left to zod.
 */
function only(def: object, allowed: readonly string[]): boolean {
  return Object.keys(def).every((k) => allowed.includes(k));
}

const CHECK_KEYS: Record<string, readonly string[]> = {
  min_length: ['check', 'minimum', 'when'],
  max_length: ['check', 'maximum', 'when'],
  string_format: ['check', 'format', 'pattern', 'error'],
  number_format: ['type', 'check', 'abort', 'format'],
  greater_than: ['check', 'value', 'inclusive'],
  less_than: ['check', 'value', 'inclusive'],
};

const SCHEMA_KEYS: Record<string, readonly string[]> = {
  string: ['type', 'checks'],
  number: ['type', 'checks'],
  enum: ['type', 'entries'],
  nullable: ['type', 'innerType'],
  default: ['type', 'innerType', 'defaultValue'],
  array: ['type', 'element'],
  object: ['type', 'shape', 'catchall'],
};

function knownChecks(def: Def): boolean {
  return (def.checks ?? []).every((c) => {
    const d = c._zod.def;
    const keys = CHECK_KEYS[d.check];
    return keys !== undefined && only(d, keys);
  });
}

function stringCheck(def: Def): FieldCheck | null {
  let min = 0;
  let max = Infinity;
  const patterns: RegExp[] = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length' && typeof d.minimum === 'number') min = Math.max(min, d.minimum);
    else if (d.check === 'max_length' && typeof d.maximum === 'number') max = Math.min(max, d.maximum);
    else if (d.check === 'string_format' && d.format === 'regex' && d.pattern instanceof RegExp && !d.pattern.global && !d.pattern.sticky) patterns.push(d.pattern);
    else return null;
  }
  return (v) => {
    if (typeof v !== 'string' || v.length < min || v.length > max) return FAIL;
    for (const p of patterns) if (!p.test(v)) return FAIL;
    return v;
  };
}

function numberCheck(def: Def): FieldCheck | null {
  let int = false;
  let lo = -Infinity;
  let hi = Infinity;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'number_format' && d.format === 'safeint') int = true;
    else if (d.check === 'greater_than' && d.inclusive === true && typeof d.value === 'number') lo = Math.max(lo, d.value);
    else if (d.check === 'less_than' && d.inclusive === true && typeof d.value === 'number') hi = Math.min(hi, d.value);
    else return null;
  }
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) return FAIL;
    if (int && !Number.isSafeInteger(v)) return FAIL;
    return v;
  };
}

function fieldCheck(schema: Schema): FieldCheck | null {
  const def = schema._zod.def;
  const keys = SCHEMA_KEYS[def.type];
  if (!keys || !only(def, keys) || !knownChecks(def)) return null;
  switch (def.type) {
    case 'string':
      return stringCheck(def);
    case 'number':
      return numberCheck(def);
    case 'enum': {
      if (def.checks?.length || !def.entries) return null;
      const values = new Set(Object.values(def.entries).filter((x) => typeof x === 'string'));
      return (v) => (typeof v === 'string' && values.has(v) ? v : FAIL);
    }
    case 'nullable': {
      const inner = def.checks?.length || !def.innerType ? null : fieldCheck(def.innerType);
      if (!inner) return null;
      return (v) => (v === null ? null : inner(v));
    }
    case 'default': {
      const inner = def.checks?.length || !def.innerType ? null : fieldCheck(def.innerType);
      const d = def.defaultValue;
      // Only a literal default (zod calls a function default anew each time; an object would be shared).
      if (!inner || !(d === null || typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean')) return null;
      return (v) => (v === undefined ? d : inner(v));
    }
    case 'array': {
      const el = def.checks?.length || !def.element ? null : fieldCheck(def.element);
      if (!el) return null;
      return (v) => {
        if (!Array.isArray(v)) return FAIL;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          const x = el(v[i]);
          if (x === FAIL) return FAIL;
          out[i] = x;
        }
        return out;
      };
    }
    default:
      return null;
  }
}

/**
 * The fast check of a strict object schema: fills `out` (in `columns` order) with the
 * values zod would return and answers true, or answers false (then ask zod). Null when
 * the schema uses something the fast check does not know.
 */
export function compileFastCheck(schema: z.ZodType, columns: readonly string[]): ((data: Record<string, unknown>, out: unknown[]) => boolean) | null {
  const def = (schema as unknown as Schema)._zod.def;
  if (def.type !== 'object' || !only(def, SCHEMA_KEYS.object ?? []) || def.checks?.length || !def.shape || def.catchall?._zod.def.type !== 'never') return null;
  const shape = def.shape;
  const keys = Object.keys(shape);
  if (keys.length !== columns.length || keys.some((k, i) => columns[i] !== k)) return null;
  const checks: FieldCheck[] = [];
  for (const k of keys) {
    const c = fieldCheck(shape[k] as Schema);
    if (!c) return null;
    checks.push(c);
  }
  const known = new Set(keys);
  const n = keys.length;
  return (data, out) => {
    // Any key the schema does not know (own or inherited) goes to zod, which names it.
    for (const k in data) if (!known.has(k)) return false;
    for (let i = 0; i < n; i++) {
      const v = (checks[i] as FieldCheck)(data[keys[i] as string]);
      if (v === FAIL) return false;
      out[i] = v;
    }
    return true;
  };
}
