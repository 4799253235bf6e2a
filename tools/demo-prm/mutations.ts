/**
 * The push side of PRM sync protocol v1 in the demo PRM: `POST /v1/mutations`
 * (ARCHITECTURE §5).
 *
 * - The request is validated whole first; a malformed one is a 400 naming the field.
 * - Each client's mutations are remembered in the store's SQLite
 *   (`client_mutation(client_id, mutation_id, fingerprint, result, …)`), in the same
 *   transaction as the change they made. A resent mutation (same id, same content) gets
 *   its stored result and is never applied twice; ids must increase per client, so an
 *   unseen id at or below the client's last one is rejected; an id reused for different
 *   content (a replica copied to another computer) is rejected rather than answered with
 *   somebody else's result.
 * - Only client-editable entities accept mutations; others are `rejected` `read_only`.
 * - Upserts of an existing record are a per-field compare-and-set against `base`: a
 *   field whose server value equals the base applies; one already equal to the client's
 *   value is a no-op; one the server changed to something else is a conflict. Fields
 *   changed only on the server are left as they are and reported as `merged`. The
 *   non-conflicting fields of a conflicting mutation still apply (one version bump) and
 *   the result is `conflict` with the server record and the conflicting fields.
 * - A creation (base_version 0, record absent) is validated whole: schema errors are
 *   `rejected` `validation`, a missing parent `rejected` `not_found`, each with `field`.
 *   An update of a record that no longer exists is `rejected` `not_found`.
 * - Deletes: applied when nobody else changed the record since the version the client
 *   saw (the server version equals base_version, or every version since was written by
 *   this client's own mutations). A delete made on a stale copy is `rejected`
 *   (`validation`, field `base_version`) so the user sees the other side's change before
 *   deleting again; a delete of an already-deleted record is `applied` (the end state
 *   the user asked for holds).
 *
 * - The edit rules of src-shared/domain/rules are enforced as on every client (sizes and
 *   values, the sign-off lock, consistency): a mutation breaking one is `rejected`
 *   `validation` with the field named.
 *
 * Every change goes through the store (upsert/patch/delete), so it lands in the change
 * log and other clients pull it.
 */
import { createHash } from 'node:crypto';
import { ENTITIES, isEntityName, type EditableEntityName, type EntityName } from '../../src-shared/domain/entities';
import { checkEdit, type EditToCheck } from '../../src-shared/domain/rules';
import {
  mutationsRequestSchema,
  type Mutation,
  type MutationResult,
} from '../../src-shared/domain/protocol';
import { REFERENCES, StoreError, type PrmStore } from './store';

/** Most mutations accepted in one request. */
export const MAX_MUTATIONS_PER_REQUEST = 1000;

type Rejected = Extract<MutationResult, { status: 'rejected' }>;

class Rejection extends Error {
  constructor(
    readonly code: Rejected['code'],
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

interface LedgerRow {
  fingerprint: string;
  result: string;
}

/** Stable JSON (sorted keys) for fingerprints and value comparison. */
function stable(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
    .join(',')}}`;
}

const same = (a: unknown, b: unknown) => stable(a) === stable(b);

function fingerprint(m: Mutation): string {
  return createHash('sha1')
    .update(stable({ entity: m.entity, id: m.id, op: m.op, base_version: m.base_version, fields: m.fields, base: m.base }))
    .digest('base64url');
}

const REFS_BY_CHILD = new Map<EntityName, typeof REFERENCES>();
for (const r of REFERENCES) REFS_BY_CHILD.set(r.child, [...(REFS_BY_CHILD.get(r.child) ?? []), r]);

function prepareLedger(store: PrmStore) {
  const db = store.db;
  db.exec(`
    CREATE TABLE IF NOT EXISTS client_mutation (
      client_id TEXT NOT NULL,
      mutation_id INTEGER NOT NULL,
      entity TEXT NOT NULL,
      record_id TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      -- the record version this mutation wrote; null when it changed nothing
      version INTEGER,
      result TEXT NOT NULL,
      PRIMARY KEY (client_id, mutation_id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS client_mutation_record ON client_mutation(client_id, entity, record_id, version);
  `);
  return {
    get: db.prepare<[string, number], LedgerRow>('SELECT fingerprint, result FROM client_mutation WHERE client_id = ? AND mutation_id = ?'),
    last: db.prepare<[string], { m: number | null }>('SELECT max(mutation_id) AS m FROM client_mutation WHERE client_id = ?'),
    put: db.prepare<[string, number, string, string, string, number | null, string]>(
      'INSERT INTO client_mutation (client_id, mutation_id, entity, record_id, fingerprint, version, result) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    own: db.prepare<[string, string, string, number, number], { n: number }>(
      'SELECT count(DISTINCT version) AS n FROM client_mutation WHERE client_id = ? AND entity = ? AND record_id = ? AND version > ? AND version <= ?',
    ),
  };
}

/** The per-client memory of mutations and their results, in the store's database. */
export class MutationLedger {
  private readonly st: ReturnType<typeof prepareLedger>;

  constructor(private readonly store: PrmStore) {
    this.st = prepareLedger(store);
  }

  /** The highest mutation id seen from a client (0 if none). */
  lastId(clientId: string): number {
    return this.st.last.get(clientId)?.m ?? 0;
  }

  /** Applies a validated request; one result per mutation, in order. */
  apply(clientId: string, mutations: Mutation[]): MutationResult[] {
    return this.store.transaction(() => {
      let last = this.lastId(clientId);
      const results: MutationResult[] = [];
      for (const m of mutations) {
        const fp = fingerprint(m);
        const seen = this.st.get.get(clientId, m.mutation_id);
        if (seen) {
          results.push(
            seen.fingerprint === fp
              ? (JSON.parse(seen.result) as MutationResult)
              : rejected(m, new Rejection('validation', `edit #${m.mutation_id} was already used for a different edit from this client (was the app's data copied from another computer?)`, 'mutation_id')),
          );
          continue;
        }
        if (m.mutation_id <= last) {
          results.push(
            rejected(m, new Rejection('validation', `edit #${m.mutation_id} arrived after edit #${last}; edits must be sent in order`, 'mutation_id')),
          );
          continue;
        }
        let result: MutationResult;
        let wrote: number | null = null;
        try {
          ({ result, wrote } = this.applyOne(clientId, m));
        } catch (err) {
          if (err instanceof Rejection) result = rejected(m, err);
          else if (err instanceof StoreError && err.status < 500) {
            result = rejected(m, new Rejection(err.status === 404 ? 'not_found' : 'validation', err.message, err.field));
          } else throw err;
        }
        this.st.put.run(clientId, m.mutation_id, m.entity, m.id, fp, wrote, JSON.stringify(result));
        last = m.mutation_id;
        results.push(result);
      }
      return results;
    });
  }

  private applyOne(clientId: string, m: Mutation): { result: MutationResult; wrote: number | null } {
    if (!isEntityName(m.entity)) throw new Rejection('validation', `unknown entity '${m.entity}'`, 'entity');
    const entity = m.entity;
    if (!ENTITIES[entity].editable) {
      throw new Rejection('read_only', `${entity} records are managed in the PRM and can't be changed from the app`);
    }
    const current = this.store.get(entity, m.id);

    if (m.op === 'delete') {
      if (!current) {
        const version = this.store.tombstoneVersion(entity, m.id) ?? m.base_version;
        return { result: { mutation_id: m.mutation_id, status: 'applied', version, record: null }, wrote: null };
      }
      this.enforceRules({ entity, id: m.id, op: 'delete', before: current.data as Record<string, unknown> });
      if (current.version !== m.base_version && !this.ownVersions(clientId, entity, m.id, m.base_version, current.version)) {
        throw new Rejection(
          'validation',
          `${entity} ${m.id} was changed in the PRM after your copy (version ${current.version}, yours ${m.base_version}); review it and delete it again`,
          'base_version',
        );
      }
      this.store.delete(entity, m.id);
      const version = this.store.tombstoneVersion(entity, m.id) ?? current.version + 1;
      return { result: { mutation_id: m.mutation_id, status: 'applied', version, record: null }, wrote: version };
    }

    if ('id' in m.fields && m.fields.id !== m.id) throw new Rejection('validation', 'the id cannot change', 'id');
    const schema = ENTITIES[entity].schema;

    if (!current) {
      if (m.base_version > 0) {
        throw new Rejection('not_found', `${entity} ${m.id} no longer exists in the PRM`);
      }
      const data = { ...m.fields, id: m.id };
      this.validate(entity, m.id, data, Object.keys(data));
      this.enforceRules({ entity, id: m.id, op: 'upsert', before: null, fields: m.fields });
      const rec = this.store.upsert(entity, m.id, data);
      return {
        result: { mutation_id: m.mutation_id, status: 'applied', version: rec.version, record: rec.data as Record<string, unknown> },
        wrote: rec.version,
      };
    }

    const server = current.data as Record<string, unknown>;
    // Bad values are refused whatever else happened to the record.
    const candidate = { ...server, ...m.fields, id: m.id };
    const check = schema.safeParse(candidate);
    if (!check.success) throw validationRejection(entity, m.id, check.error.issues[0]);

    const apply: Record<string, unknown> = {};
    const conflicts: string[] = [];
    for (const [f, mine] of Object.entries(m.fields)) {
      if (f === 'id') continue;
      const theirs = server[f];
      if (same(theirs, mine)) continue;
      if (Object.hasOwn(m.base, f) && same(theirs, m.base[f])) apply[f] = mine;
      else conflicts.push(f);
    }
    const merged: string[] = [];
    if (m.base_version > 0 && current.version > m.base_version) {
      const before = this.store.dataAt(entity, m.id, m.base_version) as Record<string, unknown> | null;
      if (before) {
        for (const f of Object.keys(server)) {
          if (!Object.hasOwn(m.fields, f) && !same(before[f], server[f])) merged.push(f);
        }
      }
    }
    // The rules: the lock and the values on what the client sent, consistency on what would be stored.
    this.enforceRules({ entity, id: m.id, op: 'upsert', before: server, fields: m.fields, after: { ...server, ...apply, id: m.id } });
    let version = current.version;
    let record = server;
    let wrote: number | null = null;
    if (Object.keys(apply).length > 0) {
      this.validate(entity, m.id, { ...server, ...apply }, Object.keys(apply));
      const rec = this.store.patch(entity, m.id, apply);
      version = rec.version;
      record = rec.data as Record<string, unknown>;
      wrote = version;
    }
    const result: MutationResult =
      conflicts.length > 0
        ? { mutation_id: m.mutation_id, status: 'conflict', version, record, fields: conflicts }
        : { mutation_id: m.mutation_id, status: 'applied', version, record, ...(merged.length > 0 ? { merged } : {}) };
    return { result, wrote };
  }

  /**
   * The edit rules every client applies (src-shared/domain/rules), enforced again here:
   * a server does not trust its clients. Broken rules are a `validation` rejection whose
   * message names the field. The server sees values, not intents, so a plan's sign-off
   * fields may change as long as the change is a consistent sign-off or reopen.
   */
  private enforceRules(e: Omit<EditToCheck, 'entity' | 'lookup' | 'intent'> & { entity: EntityName }): void {
    if (!ENTITIES[e.entity].editable) return;
    const issues = checkEdit({
      ...e,
      entity: e.entity as EditableEntityName,
      intent: 'lifecycle',
      lookup: (entity, id) => (this.store.get(entity, id)?.data as Record<string, unknown> | undefined) ?? null,
    });
    const first = issues[0];
    if (first) throw new Rejection('validation', first.message, first.field || undefined);
  }

  /** Schema, then references of `checkRefs` fields: validation / not_found with the field. */
  private validate(entity: EntityName, id: string, data: Record<string, unknown>, checkRefs: string[]): void {
    const parsed = ENTITIES[entity].schema.safeParse(data);
    if (!parsed.success) throw validationRejection(entity, id, parsed.error.issues[0]);
    for (const ref of REFS_BY_CHILD.get(entity) ?? []) {
      if (!checkRefs.includes(ref.field)) continue;
      const target = data[ref.field];
      if (typeof target === 'string' && !(ref.parent === entity && target === id) && !this.store.get(ref.parent, target)) {
        throw new Rejection('not_found', `there is no ${ref.parent} '${target}' in the PRM`, ref.field);
      }
    }
  }

  /** Whether every version in (from, to] of a record was written by this client. */
  private ownVersions(clientId: string, entity: string, id: string, from: number, to: number): boolean {
    if (to <= from) return true;
    return (this.st.own.get(clientId, entity, id, from, to)?.n ?? 0) === to - from;
  }
}

/** A schema issue as a rejection; the message leaves the field out when `field` names it. */
function validationRejection(entity: string, id: string, issue: { path: PropertyKey[]; message: string } | undefined): Rejection {
  const field = issue && issue.path.length > 0 ? String(issue.path[0]) : undefined;
  return new Rejection('validation', field ? (issue?.message ?? 'invalid') : `${entity} ${id}: ${issue?.message ?? 'invalid'}`, field);
}

function rejected(m: Mutation, r: Rejection): Rejected {
  return {
    mutation_id: m.mutation_id,
    status: 'rejected',
    code: r.code,
    message: r.message,
    ...(r.field ? { field: r.field } : {}),
  };
}

/** Validates a request body; a 400 naming the first bad field. */
export function parseMutationsRequest(body: unknown): { client_id: string; mutations: Mutation[] } {
  const parsed = mutationsRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    throw new StoreError(400, 'bad_request', `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid request'}`, path || undefined);
  }
  if (parsed.data.mutations.length > MAX_MUTATIONS_PER_REQUEST) {
    throw new StoreError(400, 'bad_request', `mutations: at most ${MAX_MUTATIONS_PER_REQUEST} per request`, 'mutations');
  }
  return parsed.data;
}

const ledgers = new WeakMap<PrmStore, MutationLedger>();

/** The ledger of a store (created once per store). */
export function ledgerOf(store: PrmStore): MutationLedger {
  let l = ledgers.get(store);
  if (!l) ledgers.set(store, (l = new MutationLedger(store)));
  return l;
}

/** Handles a `POST /v1/mutations` body: `{results}` or a 400 StoreError. */
export function handleMutations(store: PrmStore, body: unknown): { results: MutationResult[] } {
  const req = parseMutationsRequest(body);
  return { results: ledgerOf(store).apply(req.client_id, req.mutations) };
}
