/**
 * Test knobs under `/__fake/`, apart from the Salesforce API: no token needed, not
 * counted against the API limit, never hit by injected faults. JSON in and out;
 * a bad request is a 400 `{ "error": "…" }`.
 *
 *   GET  /__fake/state                 counts per object, API usage, settings, clock
 *   POST /__fake/config                {apiLimit, apiUsage, failEvery, lockEvery, idLimit,
 *                                       pageSize, sessionTimeoutSeconds, hiddenObjects, hiddenFields}
 *   POST /__fake/expire-tokens         every access token issued so far stops working
 *   POST /__fake/session               {username?} → a token response without the browser flow
 *   POST /__fake/edit                  {object, count | ids, fields?, seed?} server-side edits
 *   POST /__fake/delete                {object, count | ids, seed?} server-side deletes
 *   POST /__fake/purge-delete-log      {object?} empties the delete log (all objects without one)
 *   POST /__fake/hard-delete           {object, ids} removes records without a delete-log entry
 *   POST /__fake/clock                 {advanceSeconds} moves the fake clock forward
 *   POST /__fake/device/approve        {user_code, username?} the user approves a device-flow code
 *   POST /__fake/device/deny           {user_code} the user denies it
 */
import { sfDateTime } from './clock';
import { parseConfig, type FakeState } from './config';
import { ORG_ID } from './ids';
import { coerceValue } from './api-sobjects';
import { SfError, type Json } from './api';
import type { OAuthServer } from './oauth';
import type { ObjectDef } from './schema';
import type { FakeOrg, Row } from './store';

export interface AdminContext {
  org: FakeOrg;
  state: FakeState;
  oauth: OAuthServer;
  baseUrl: string;
}

export interface AdminReply {
  status: number;
  body: Json;
}

class AdminError extends Error {}

function obj(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AdminError('expected a JSON object body');
  return body as Record<string, unknown>;
}

function objectOf(org: FakeOrg, name: unknown): ObjectDef {
  const def = typeof name === 'string' ? org.schema.objects.find((o) => o.name.toLowerCase() === name.toLowerCase()) : undefined;
  if (!def) throw new AdminError(`object must be one of ${org.schema.objects.map((o) => o.name).join(', ')}`);
  return def;
}

/** Deterministic choice of `count` live ids (mulberry32 seeded with `seed`). */
function pick(org: FakeOrg, def: ObjectDef, b: Record<string, unknown>, seed: number): string[] {
  if (b.ids !== undefined) {
    if (!Array.isArray(b.ids) || !b.ids.every((id) => typeof id === 'string' && org.get(def, id))) {
      throw new AdminError(`ids must be a list of live ${def.name} ids`);
    }
    return b.ids as string[];
  }
  const ids = [...org.rows(def)].map((r) => String(r.Id));
  const count = b.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > ids.length) {
    throw new AdminError(`count must be a whole number from 0 to ${ids.length} (live ${def.name} records)`);
  }
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(next() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, count);
}

function editValues(org: FakeOrg, def: ObjectDef, fields: unknown): Row {
  if (fields === undefined) {
    const description = org.schema.field(def, 'Description');
    return description ? { Description: `Edited on the server at ${sfDateTime(org.clock.now())}` } : {};
  }
  const out: Row = {};
  for (const [key, value] of Object.entries(obj(fields))) {
    const field = org.schema.field(def, key);
    if (!field || field.name === 'Id') throw new AdminError(`${def.name} has no field '${key}' to edit`);
    out[field.name] = coerceValue(field, value);
  }
  return out;
}

/** Per org: the seed of the next edit or delete that names none. */
const editSeeds = new WeakMap<FakeOrg, number>();

function nextSeed(org: FakeOrg): number {
  const n = (editSeeds.get(org) ?? 0) + 1;
  editSeeds.set(org, n);
  return n;
}

export function handleAdmin(ctx: AdminContext, method: string, path: string, body: unknown): AdminReply {
  try {
    return route(ctx, method, path, body);
  } catch (err) {
    if (err instanceof AdminError || err instanceof RangeError || err instanceof SfError) return { status: 400, body: { error: err.message } };
    throw err;
  }
}

function route(ctx: AdminContext, method: string, path: string, body: unknown): AdminReply {
  const { org, state } = ctx;
  const action = `${method} ${path}`;
  const b = method === 'POST' ? obj(body) : {};
  switch (action) {
    case 'GET /__fake/state':
      return { status: 200, body: stateOf(ctx) };
    case 'POST /__fake/config': {
      const input = parseConfig(b);
      if (input.hiddenObjects) org.schema.visibility = { ...org.schema.visibility, hiddenObjects: input.hiddenObjects };
      if (input.hiddenFields) org.schema.visibility = { ...org.schema.visibility, hiddenFields: input.hiddenFields };
      state.set(input);
      return { status: 200, body: stateOf(ctx) };
    }
    case 'POST /__fake/expire-tokens':
      return { status: 200, body: { expired: ctx.oauth.expireAccessTokens() } };
    case 'POST /__fake/session': {
      const username = typeof b.username === 'string' ? b.username : ctx.oauth.options.username;
      const user = [...org.rows(objectOf(org, 'User'))].find((u) => String(u.Username).toLowerCase() === username.toLowerCase());
      if (!user) throw new AdminError(`no user '${username}' in the fake org`);
      return { status: 200, body: ctx.oauth.mint(String(user.Id), ctx.baseUrl) };
    }
    case 'POST /__fake/edit': {
      const def = objectOf(org, b.object);
      const ids = pick(org, def, b, typeof b.seed === 'number' ? b.seed : nextSeed(org));
      const values = editValues(org, def, b.fields);
      for (const id of ids) {
        const row = org.get(def, id)!;
        org.update(def, id, values, String(row.OwnerId ?? row.LastModifiedById));
      }
      return { status: 200, body: { object: def.name, ids, at: sfDateTime(org.clock.now()) } };
    }
    case 'POST /__fake/delete': {
      const def = objectOf(org, b.object);
      const ids = pick(org, def, b, typeof b.seed === 'number' ? b.seed : nextSeed(org));
      const removed = ids.flatMap((id) => org.remove(def, id));
      return { status: 200, body: { object: def.name, ids, removed, at: sfDateTime(org.clock.now()) } };
    }
    case 'POST /__fake/purge-delete-log': {
      const def = b.object === undefined ? undefined : objectOf(org, b.object);
      org.purgeDeleteLog(def);
      return { status: 200, body: { purged: def?.name ?? 'all', earliestDateAvailable: sfDateTime(org.clock.now()) } };
    }
    case 'POST /__fake/hard-delete': {
      const def = objectOf(org, b.object);
      if (b.ids === undefined) throw new AdminError('ids must be a list of live ids');
      const ids = pick(org, def, b, 0);
      for (const id of ids) org.hardDelete(def, id);
      return { status: 200, body: { object: def.name, ids } };
    }
    case 'POST /__fake/clock': {
      const s = b.advanceSeconds;
      if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) throw new AdminError('advanceSeconds must be a number ≥ 0');
      org.clock.advance(s * 1000);
      return { status: 200, body: { now: sfDateTime(org.clock.now()) } };
    }
    case 'POST /__fake/device/approve':
    case 'POST /__fake/device/deny': {
      if (typeof b.user_code !== 'string' || b.user_code === '') throw new AdminError('user_code must be the code the device shows');
      if (b.username !== undefined && typeof b.username !== 'string') throw new AdminError('username must be a string');
      const approve = path.endsWith('/approve');
      if (!ctx.oauth.decideDevice(b.user_code, approve, b.username)) throw new AdminError(`no pending device code '${b.user_code}' (or no such user)`);
      return { status: 200, body: { user_code: b.user_code.toUpperCase(), decision: approve ? 'approved' : 'denied' } };
    }
    default:
      return { status: 404, body: { error: `no admin endpoint ${action}` } };
  }
}

function stateOf(ctx: AdminContext): Json {
  const { org, state } = ctx;
  return {
    now: sfDateTime(org.clock.now()),
    organizationId: ORG_ID,
    clientId: ctx.oauth.options.clientId,
    username: ctx.oauth.options.username,
    apiUsage: state.apiUsage,
    identityReads: state.identityReads,
    config: { ...state.config },
    visibility: { hiddenObjects: org.schema.visibility.hiddenObjects, hiddenFields: org.schema.visibility.hiddenFields },
    counts: Object.fromEntries(org.schema.objects.map((o) => [o.name, org.count(o)])),
  };
}
