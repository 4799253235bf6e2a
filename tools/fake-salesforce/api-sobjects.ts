/**
 * Records one at a time. Follows "sObject Rows"
 * (https://developer.salesforce.com/docs/platform/api-rest/guide/resources-sobject-retrieve.html),
 * "sObject Rows by External ID" (https://developer.salesforce.com/docs/atlas.en-us.222.0.api_rest.meta/api/resources_sobject_upsert.htm),
 * "Insert or Update (Upsert) a Record Using an External ID"
 * (https://developer.salesforce.com/docs/platform/api-rest/guide/dome-upsert.html) and
 * "Conditional Request Headers" (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api/intro_rest_conditional_requests.htm):
 *
 * - `GET …/sobjects/<Object>/<id>[?fields=a,b]` → the record (+ `Last-Modified`).
 * - `PATCH …/sobjects/<Object>/<id>` → 204. `DELETE` → 204 (into the delete log).
 * - `GET|PATCH …/sobjects/<Object>/<externalIdField>/<value>`: PATCH upserts: 201
 *   `{ id, success, errors, created: true }` when created, and, as REST API 46.0 and later
 *   answer, 200 `{ …, created: false }` when it updated one (204 was the answer up to 45.0).
 * - `If-Unmodified-Since` on PATCH: 412 when the record's LastModifiedDate is later; an
 *   unreadable date is a 400.
 */
import { DATA_PREFIX, SfError, notFound, objectBody, type ApiRequest, type ApiResponse, type Json } from './api';
import { parseIsoDateTime, sfDateTime } from './clock';
import { to18 } from './ids';
import type { FieldDef, ObjectDef } from './schema';
import { recordJson, resolveField } from './soql-eval';
import type { FakeOrg, Row, Value } from './store';

export interface WriteContext {
  org: FakeOrg;
  userId: string;
  /** Called before each record write; throws UNABLE_TO_LOCK_ROW when that fault falls on it. */
  beforeWrite(id: string): void;
}

const jsonError = (field: FieldDef, value: unknown) =>
  new SfError(
    400,
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${field.type} from ${JSON.stringify(value)} for field ${field.name}`,
    [field.name],
  );

export function coerceValue(field: FieldDef, value: unknown): Value {
  if (value === null) return null;
  switch (field.type) {
    case 'reference':
    case 'id': {
      const id = typeof value === 'string' ? to18(value) : null;
      if (id === null) throw new SfError(400, 'MALFORMED_ID', `${field.name}: id value of incorrect type: ${String(value)}`, [field.name]);
      return id;
    }
    case 'string':
    case 'picklist':
      if (typeof value !== 'string') throw jsonError(field, value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw jsonError(field, value);
      return value;
    case 'currency':
    case 'percent':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw jsonError(field, value);
      return value;
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw jsonError(field, value);
      return value;
    case 'datetime': {
      const ms = typeof value === 'string' ? parseIsoDateTime(value) : null;
      if (ms === null) throw jsonError(field, value);
      return ms;
    }
    case 'any':
      if (typeof value === 'object') throw jsonError(field, value);
      return value as Value;
  }
}

/** A request body as field values, checked against the object's fields. */
function coerceBody(org: FakeOrg, def: ObjectDef, body: unknown): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(objectBody(body))) {
    if (key === 'attributes') continue;
    const field = org.schema.field(def, key);
    if (!field) throw new SfError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`, [key]);
    if (!field.writable) {
      throw new SfError(
        400,
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        [field.name],
      );
    }
    out[field.name] = coerceValue(field, value);
  }
  return out;
}

function checkUnmodifiedSince(req: ApiRequest, row: Row): void {
  const header = req.headers['if-unmodified-since'];
  if (header === undefined) return;
  const since = Date.parse(header);
  if (Number.isNaN(since)) throw new SfError(400, 'INVALID_HEADER_VALUE', `If-Unmodified-Since is not an HTTP date: ${header}`);
  const modified = Math.floor(Number(row.LastModifiedDate) / 1000) * 1000;
  if (modified > since) {
    throw new SfError(
      412,
      'PRECONDITION_FAILED',
      `The record was modified at ${sfDateTime(Number(row.LastModifiedDate))}, after the If-Unmodified-Since date ${header}.`,
    );
  }
}

function liveRow(org: FakeOrg, def: ObjectDef, rawId: string): Row {
  const id = to18(rawId);
  if (id === null || !id.startsWith(def.prefix)) throw notFound();
  const row = org.get(def, id);
  if (row) return row;
  if (org.deletedAt(def, id) !== undefined) throw new SfError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
  throw notFound();
}

function rowResponse(org: FakeOrg, def: ObjectDef, row: Row, req: ApiRequest): ApiResponse {
  const wanted = req.query.get('fields');
  const fields = wanted ? wanted.split(',').map((name) => resolveField(org.schema, def, name.trim())) : org.schema.fields(def);
  if (!fields.some((fd) => fd.name === 'Id') && wanted) fields.unshift(resolveField(org.schema, def, 'Id'));
  return {
    status: 200,
    body: recordJson(def, row, fields),
    headers: { 'Last-Modified': new Date(Number(row.LastModifiedDate)).toUTCString() },
  };
}

/** `…/sobjects/<Object>/<id>`. */
export function handleRow(ctx: WriteContext, def: ObjectDef, rawId: string, req: ApiRequest): ApiResponse {
  const { org } = ctx;
  const row = liveRow(org, def, rawId);
  const id = String(row.Id);
  switch (req.method) {
    case 'GET':
      return rowResponse(org, def, row, req);
    case 'PATCH': {
      const values = coerceBody(org, def, req.body);
      checkUnmodifiedSince(req, row);
      ctx.beforeWrite(id);
      org.update(def, id, values, ctx.userId);
      return { status: 204 };
    }
    case 'DELETE':
      if (def.name === 'User') throw new SfError(400, 'DELETE_FAILED', 'Users cannot be deleted; deactivate them instead.');
      ctx.beforeWrite(id);
      org.remove(def, id);
      return { status: 204 };
    default:
      throw methodNotAllowed(req.method, 'GET, PATCH, DELETE');
  }
}

/** `…/sobjects/<Object>/<externalIdField>/<value>`. */
export function handleExternalId(ctx: WriteContext, def: ObjectDef, fieldName: string, value: string, req: ApiRequest): ApiResponse {
  const { org } = ctx;
  const field = def.externalIds.find((f) => f.toLowerCase() === fieldName.toLowerCase());
  if (!field || !org.schema.field(def, field)) {
    throw new SfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${fieldName}`);
  }
  const existing = org.findByExternalId(def, value);
  if (req.method === 'GET') {
    if (!existing) throw notFound();
    return rowResponse(org, def, existing, req);
  }
  if (req.method !== 'PATCH') throw methodNotAllowed(req.method, 'GET, PATCH');
  const values = coerceBody(org, def, req.body);
  if (field in values && values[field] !== value) {
    throw new SfError(400, 'INVALID_FIELD', `${field} in the body (${String(values[field])}) differs from the value in the URL (${value})`, [field]);
  }
  if (existing) {
    const id = String(existing.Id);
    checkUnmodifiedSince(req, existing);
    ctx.beforeWrite(id);
    org.update(def, id, values, ctx.userId);
    return { status: 200, body: saveResult(id, false) };
  }
  if (req.query.get('updateOnly') === 'true') throw notFound();
  ctx.beforeWrite(value);
  const row = org.insert(def, { Name: value, ...values, [field]: value }, ctx.userId);
  const id = String(row.Id);
  return { status: 201, body: saveResult(id, true), headers: { Location: `${DATA_PREFIX}/sobjects/${def.name}/${id}` } };
}

function saveResult(id: string, created: boolean): Json {
  return { id, success: true, errors: [], created };
}

export function methodNotAllowed(method: string, allowed: string): SfError {
  return new SfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed}`);
}
