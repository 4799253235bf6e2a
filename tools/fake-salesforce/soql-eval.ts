/**
 * Runs a parsed SOQL query (soql-parse.ts) against the fake org: checks the object and
 * fields against the schema (INVALID_TYPE / INVALID_FIELD with Salesforce's messages),
 * filters, sorts, and shapes each record as the REST API does:
 * `{ attributes: { type, url }, <selected fields in the order asked> }`. String
 * comparisons are case-insensitive as in SOQL; ids compare in their 18-character form.
 */
import { DATA_PREFIX, SfError, type Json } from './api';
import { sfDateTime } from './clock';
import { to18 } from './ids';
import type { FieldDef, FieldType, ObjectDef, Schema } from './schema';
import { parseSoql, type Condition, type Literal } from './soql-parse';
import type { FakeOrg, Row, Value } from './store';

export function invalidType(name: string): SfError {
  return new SfError(
    400,
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function invalidField(object: string, name: string): SfError {
  return new SfError(
    400,
    'INVALID_FIELD',
    `No such column '${name}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function resolveObject(schema: Schema, name: string): ObjectDef {
  const def = schema.object(name);
  if (!def) throw invalidType(name);
  return def;
}

export function resolveField(schema: Schema, def: ObjectDef, name: string): FieldDef {
  if (name.includes('.')) {
    throw new SfError(400, 'INVALID_FIELD', `Didn't understand relationship '${name.split('.')[0]}' in field path '${name}'. (The fake Salesforce does not support relationship fields.)`);
  }
  const field = schema.field(def, name);
  if (!field) throw invalidField(def.name, name);
  return field;
}

/** A stored value as the REST API writes it. */
export function outputValue(field: FieldDef, value: Value | undefined): Json {
  if (value === undefined) return null;
  return field.type === 'datetime' && typeof value === 'number' ? sfDateTime(value) : value;
}

/** A record as the REST API returns it, with `fields` in that order. */
export function recordJson(def: ObjectDef, row: Row, fields: FieldDef[]): Record<string, Json> {
  const out: Record<string, Json> = { attributes: { type: def.name, url: `${DATA_PREFIX}/sobjects/${def.name}/${String(row.Id)}` } };
  for (const field of fields) out[field.name] = outputValue(field, row[field.name]);
  return out;
}

const TYPE_NAMES: Record<FieldType, string> = {
  id: 'id',
  reference: 'reference',
  string: 'string',
  picklist: 'picklist',
  boolean: 'boolean',
  currency: 'currency',
  percent: 'percent',
  date: 'date',
  datetime: 'dateTime',
  any: 'any',
};

/** The literal as a value comparable with the field's stored values. */
function literalValue(field: FieldDef, lit: Literal): Value {
  if (lit.kind === 'null') return null;
  const wrongType = () =>
    new SfError(
      400,
      'INVALID_FIELD',
      `value of filter criterion for field '${field.name}' must be of type ${TYPE_NAMES[field.type]} and should not be enclosed in quotes`,
    );
  switch (field.type) {
    case 'id':
    case 'reference': {
      if (lit.kind !== 'string') throw wrongType();
      const id = to18(lit.value);
      if (id === null) throw new SfError(400, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${lit.value}`);
      return id;
    }
    case 'string':
    case 'picklist':
      if (lit.kind !== 'string') throw wrongType();
      return lit.value;
    case 'boolean':
      if (lit.kind !== 'boolean') throw wrongType();
      return lit.value;
    case 'currency':
    case 'percent':
      if (lit.kind !== 'number') throw wrongType();
      return lit.value;
    case 'date':
      if (lit.kind !== 'date') throw wrongType();
      return lit.value;
    case 'datetime':
      if (lit.kind !== 'datetime') throw wrongType();
      return lit.value;
    case 'any':
      return lit.kind === 'datetime' ? lit.text : lit.value;
  }
}

/** -1/0/1, or null when the two cannot be compared (different kinds). */
function compareValues(a: Value, b: Value): number | null {
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return null;
}

type Predicate = (row: Row) => boolean;

function compile(schema: Schema, def: ObjectDef, cond: Condition): Predicate {
  switch (cond.kind) {
    case 'and': {
      const parts = cond.parts.map((c) => compile(schema, def, c));
      return (row) => parts.every((p) => p(row));
    }
    case 'or': {
      const parts = cond.parts.map((c) => compile(schema, def, c));
      return (row) => parts.some((p) => p(row));
    }
    case 'not': {
      const inner = compile(schema, def, cond.cond);
      return (row) => !inner(row);
    }
    case 'compare': {
      const field = resolveField(schema, def, cond.field);
      const want = literalValue(field, cond.value);
      const op = cond.op;
      return (row) => {
        const have = row[field.name] ?? null;
        if (want === null || have === null) return op === '=' ? have === want : op === '!=' ? have !== want : false;
        const c = compareValues(have, want);
        if (c === null) return op === '!=';
        return op === '=' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
      };
    }
    case 'in': {
      const field = resolveField(schema, def, cond.field);
      const wants = cond.values.map((v) => literalValue(field, v));
      // As compareValues: strings equal ignoring case, numbers and booleans by value, null only null.
      // Sets, not a scan of the values per row: an `Id IN (200 ids)` over a large table.
      const strings = new Set(wants.filter((w): w is string => typeof w === 'string').map((w) => w.toLowerCase()));
      const others = new Set(wants.filter((w) => typeof w !== 'string'));
      return (row) => {
        const have = row[field.name] ?? null;
        const hit = typeof have === 'string' ? strings.has(have.toLowerCase()) : others.has(have);
        return cond.negate ? !hit : hit;
      };
    }
    case 'like': {
      const field = resolveField(schema, def, cond.field);
      const source = cond.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
      const re = new RegExp(`^${source}$`, 'is');
      return (row) => {
        const have = row[field.name];
        return typeof have === 'string' && re.test(have);
      };
    }
  }
}

export interface QueryResult {
  totalSize: number;
  records: Record<string, Json>[];
}

/** Parses and runs `soql`; every matching record, shaped (paging is the caller's). */
/**
 * The rows a WHERE of `Id = 'x'` or `Id IN (…)` (alone or a part of an AND) can match, taken
 * by Id rather than by a scan of the whole table: the connector reads records by Id in chunks
 * of 200 per page, and a scan per chunk made a large org's load grow with the square of its
 * size. In Id order, the order a scan gives (ids are handed out ascending); null: scan.
 */
function byId(org: FakeOrg, def: ObjectDef, cond: Condition | null): Row[] | null {
  if (!cond) return null;
  if (cond.kind === 'and') {
    for (const part of cond.parts) {
      const got = byId(org, def, part);
      if (got) return got;
    }
    return null;
  }
  const isId = (field: string) => field.toLowerCase() === 'id';
  const lits = cond.kind === 'in' && !cond.negate && isId(cond.field) ? cond.values : cond.kind === 'compare' && cond.op === '=' && isId(cond.field) ? [cond.value] : null;
  if (!lits) return null;
  const ids = new Set<string>();
  for (const lit of lits) {
    if (lit.kind !== 'string') return null;
    const id = to18(lit.value);
    if (id === null) return null;
    ids.add(id);
  }
  return [...ids].sort().map((id) => org.get(def, id)).filter((r): r is Row => r !== undefined);
}

export function runSoql(org: FakeOrg, soql: string): QueryResult {
  const q = parseSoql(soql);
  const def = resolveObject(org.schema, q.object);
  const fields = q.select === 'count' ? [] : q.select.map((name) => resolveField(org.schema, def, name));
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field.name)) throw new SfError(400, 'MALFORMED_QUERY', `duplicate field selected: ${field.name}`);
    seen.add(field.name);
  }
  const where = q.where ? compile(org.schema, def, q.where) : () => true;
  let rows = (byId(org, def, q.where) ?? [...org.rows(def)]).filter(where);
  if (q.orderBy.length > 0) {
    const keys = q.orderBy.map((o) => ({ ...o, field: resolveField(org.schema, def, o.field) }));
    rows.sort((a, b) => {
      for (const k of keys) {
        const x = a[k.field.name] ?? null;
        const y = b[k.field.name] ?? null;
        if (x === null || y === null) {
          if (x !== y) return (x === null) === k.nullsLast ? 1 : -1;
          continue;
        }
        const c = compareValues(x, y) ?? 0;
        if (c !== 0) return k.desc ? -c : c;
      }
      return 0;
    });
  }
  if (q.offset !== null) rows = rows.slice(q.offset);
  if (q.limit !== null) rows = rows.slice(0, q.limit);
  if (q.select === 'count') return { totalSize: rows.length, records: [] };
  return { totalSize: rows.length, records: rows.map((row) => recordJson(def, row, fields)) };
}
