/**
 * Writing plans, objectives, initiatives, QBR notes, action states and notes back to the
 * Partnerbook package's custom objects (issue "Salesforce PRM connector", Writes;
 * ARCHITECTURE §4 push contract). Per request, in chunks of 12 mutations:
 *
 * 1. One SOQL query per object reads, by `Partnerbook_Id__c`, the records a create or a
 *    delete is about and the parents the chunk refers to (a plan's Salesforce Id for its
 *    objectives). A create whose record already exists (a resend after a lost answer) is
 *    merged as an edit against what is there instead of being written blindly.
 * 2. One `/composite` call (allOrNone false, subrequests in order) per round: per mutation
 *    a PATCH by external id — an upsert for a create (a resend never duplicates), with
 *    `updateOnly=true` and `If-Unmodified-Since` (the base version, which is the record's
 *    SystemModstamp) for an edit — then a GET of the record by external id, which gives
 *    the new version, or, after a 412, what changed. A delete is a DELETE by Id.
 * 3. A 412 is merged per field against the mutation's `base`: fields Salesforce did not
 *    change are written again (conditionally on the record as just read) — `applied`, with
 *    `merged`; fields both sides changed to different values are a `conflict` (the rest
 *    still applied). Up to four rounds; a record still changing after that is "busy".
 *
 * Composite keeps the semantics: subrequests are independent and ordered like the
 * mutations; a child refers to a plan created earlier in the same call as `@{wN.id}`.
 * Answers are remembered per open connection, so a resent mutation gets the same answer.
 * Salesforce validation errors (FIELD_CUSTOM_VALIDATION_EXCEPTION, STRING_TOO_LONG …)
 * reject only their mutation, with the field named; lock and server errors fail the whole
 * request, which push retries (a retry is harmless: every write is a resendable upsert).
 */
import type { Connection } from '@jsforce/jsforce-node';
import { EDITABLE_ENTITIES, isEntityName, type EditableEntityName, type EntityName } from '../../../src-shared/domain/entities';
import type { Mutation, MutationResult, MutationsRequest } from '../../../src-shared/domain/protocol';
import { SourceError, type MutationsResponse } from '../contract';
import { versionOf, type SfRow } from './records';
import { api, IdMap, soqlString, type Call } from './writes-composite';
import { EXTERNAL_ID, PLAN_OBJECT, WRITE_MAP, checkValue, fromSalesforce, isWritten, readFields } from './writes-mapping';
import { runRounds, type Item, type PreRead, type WriteContext } from './writes-rounds';

export const NOT_INSTALLED =
  'Partnerbook can’t write plans and notes to this Salesforce org: the Partnerbook package is not installed there (or you lack its Partnerbook User permission set). Ask your Salesforce admin to install it; your edit is kept here.';

const CHUNK = 12;

export interface WriterDeps {
  conn: Connection;
  /** The source's call wrapper: deadline, abort, session renewal, errors as SourceError. */
  call: Call;
  apiVersion: string;
  now: () => number;
  /** The signed-in person's name, written to Edited_By__c (null: unknown). */
  editor: () => Promise<string | null>;
}

export interface SalesforceWriter {
  /** The entities this org can take: all editable ones with the package, none without. */
  writable(): Promise<EntityName[]>;
  mutations(request: MutationsRequest): Promise<MutationsResponse>;
}

/** Stable JSON (sorted keys), for recognising a resent mutation. */
function stable(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
    .join(',')}}`;
}

const reject = (m: Mutation, code: 'validation' | 'read_only' | 'not_found', message: string, field?: string): MutationResult => ({
  mutation_id: m.mutation_id,
  status: 'rejected',
  code,
  message,
  ...(field ? { field } : {}),
});

export function salesforceWriter(deps: WriterDeps): SalesforceWriter {
  const sf = api(deps.conn, deps.call, deps.apiVersion);
  const ids = new IdMap();
  const answered = new Map<string, MutationResult>();
  /** Record versions this connection wrote (object + id + version): not "changed by somebody else". */
  const own = new Set<string>();
  let probe: Promise<Set<string>> | null = null;
  let editorName: Promise<string | null> | null = null;

  /** The Partnerbook objects the org has (one composite of five queries; INVALID_TYPE: missing). */
  function present(): Promise<Set<string>> {
    probe ??= (async () => {
      const objects = [...new Set(Object.values(WRITE_MAP).map((s) => s.object))];
      const res = await sf.composite(
        objects.map((o, i) => ({ method: 'GET', url: `${sf.prefix}/query?q=${encodeURIComponent(`SELECT Id FROM ${o} LIMIT 1`)}`, referenceId: `p${i}` })),
      );
      const out = new Set<string>();
      objects.forEach((o, i) => {
        const r = res.get(`p${i}`);
        if (r && r.status < 300) out.add(o);
        else if (r && r.status >= 500) throw new SourceError('server', 'Salesforce is busy right now; trying again shortly.', r.status);
      });
      return out;
    })();
    probe.catch(() => (probe = null));
    return probe;
  }

  /** First check of a mutation: a rejection, or null when it goes to Salesforce. */
  function precheck(m: Mutation, objects: Set<string>): MutationResult | null {
    if (!isEntityName(m.entity)) return reject(m, 'validation', `Partnerbook has no entity '${m.entity}'.`, 'entity');
    if (!(EDITABLE_ENTITIES as string[]).includes(m.entity)) {
      return reject(m, 'read_only', `${m.entity} records come from Salesforce and can’t be changed from Partnerbook.`);
    }
    const spec = WRITE_MAP[m.entity as EditableEntityName];
    if (!objects.has(spec.object)) {
      return reject(m, 'read_only', `This Salesforce org has no ${spec.object} object (an older Partnerbook package?). Ask your Salesforce admin to update the package; your edit is kept here.`);
    }
    if (m.op === 'delete') return null;
    for (const [field, value] of Object.entries(m.fields)) {
      if (field === 'id') {
        if (value !== m.id) return reject(m, 'validation', 'The id can’t be changed.', 'id');
        continue;
      }
      if (!isWritten(m.entity as EditableEntityName, field)) continue;
      const problem = checkValue(m.entity as EditableEntityName, field, value);
      if (problem) return reject(m, 'validation', problem, field);
    }
    return null;
  }

  /** Reads the records and parents a chunk needs by Partnerbook_Id__c: object → id → row. */
  async function preRead(items: Item[]): Promise<PreRead> {
    const wanted = new Map<string, Set<string>>();
    const want = (object: string, ext: string) => wanted.set(object, (wanted.get(object) ?? new Set()).add(ext));
    for (const it of items) {
      const { m, spec } = it;
      const money = Object.values(spec.fields).find((fs) => fs.kind === 'money_minor');
      const needsCurrency = money && Object.keys(m.fields).some((k) => spec.fields[k] === money) && !(money.currency! in m.fields);
      if (m.op === 'delete' || m.base_version === 0 || needsCurrency) want(spec.object, m.id);
      for (const [name, fs] of Object.entries(spec.fields)) {
        const v = m.fields[name];
        if (fs.kind === 'ref_ext' && typeof v === 'string' && ids.sfId(fs.parent!, v) === null) want(fs.parent!, v);
      }
    }
    const out: PreRead = new Map();
    for (const [object, exts] of wanted) {
      const rows = await sf.query(`SELECT ${readFields(object).join(', ')} FROM ${object} WHERE ${EXTERNAL_ID} IN (${[...exts].map(soqlString).join(', ')})`);
      const byExt = new Map<string, SfRow | null>([...exts].map((e) => [e, null]));
      for (const row of rows) {
        ids.learnRow(object, row);
        byExt.set(String(row[EXTERNAL_ID]), row);
      }
      out.set(object, byExt);
    }
    return out;
  }

  /** Parents' Partnerbook ids for the Salesforce Ids in `rows` not known yet (one query per parent object). */
  async function resolveParents(items: Item[]): Promise<void> {
    const missing = new Map<string, Set<string>>();
    for (const it of items) {
      const row = it.outcome?.status === 'applied' || it.outcome?.status === 'conflict' ? it.outcome.row : null;
      if (!row) continue;
      for (const fs of Object.values(it.spec.fields)) {
        const v = row[fs.field];
        if (fs.kind === 'ref_ext' && typeof v === 'string' && ids.extId(fs.parent!, v) === null) {
          missing.set(fs.parent!, (missing.get(fs.parent!) ?? new Set()).add(v));
        }
      }
    }
    for (const [object, sfIds] of missing) {
      const list = [...sfIds].map((id) => `'${id.replace(/[^A-Za-z0-9]/g, '')}'`).join(', ');
      for (const row of await sf.query(`SELECT Id, ${EXTERNAL_ID} FROM ${object} WHERE Id IN (${list})`)) ids.learnRow(object, row);
    }
  }

  async function runChunk(chunk: Item[], all: Mutation[], editor: string | null): Promise<void> {
    const rows = await preRead(chunk);
    const ctx: WriteContext = { sf, ids, own, all, editor, now: deps.now };
    await runRounds(ctx, chunk, rows);
    await resolveParents(chunk);
  }

  return {
    async writable() {
      const objects = await present();
      if (!objects.has(PLAN_OBJECT)) return [];
      return EDITABLE_ENTITIES.filter((e) => objects.has(WRITE_MAP[e as EditableEntityName].object));
    },

    async mutations(request) {
      const objects = await present();
      const results = new Map<number, MutationResult>();
      const keys = new Map<number, string>();
      const todo: Item[] = [];
      request.mutations.forEach((m, index) => {
        const key = `${request.client_id}\u0000${m.mutation_id}\u0000${stable(m)}`;
        keys.set(m.mutation_id, key);
        const before = answered.get(key);
        if (before) return void results.set(m.mutation_id, before);
        if (!objects.has(PLAN_OBJECT)) return void results.set(m.mutation_id, reject(m, 'read_only', NOT_INSTALLED));
        const early = precheck(m, objects);
        if (early) return void results.set(m.mutation_id, early);
        const entity = m.entity as EditableEntityName;
        todo.push({ m, index, entity, spec: WRITE_MAP[entity], action: null, outcome: null, conflicts: [], merged: [], currency: null });
      });
      const editor = todo.length > 0 ? await (editorName ??= deps.editor().catch(() => null)) : null;
      const remember = () => {
        for (const [id, r] of results) answered.set(keys.get(id)!, r);
      };
      try {
        for (let at = 0; at < todo.length; at += CHUNK) {
          const chunk = todo.slice(at, at + CHUNK);
          await runChunk(chunk, request.mutations, editor);
          for (const it of chunk) results.set(it.m.mutation_id, answerOf(it, ids));
        }
      } finally {
        // Answers already final stay so: a retried request gets them without writing again.
        remember();
      }
      return { results: request.mutations.map((m) => results.get(m.mutation_id)!) };
    },
  };
}

function answerOf(it: Item, ids: IdMap): MutationResult {
  const o = it.outcome;
  const m = it.m;
  if (!o) throw new SourceError('server', 'Salesforce kept changing these records while Partnerbook wrote them; trying again shortly.');
  const extId = (object: string, sfId: string) => ids.extId(object, sfId);
  switch (o.status) {
    case 'rejected':
      return reject(m, o.code, o.message, o.field);
    case 'conflict':
      return { mutation_id: m.mutation_id, status: 'conflict', version: versionOf(o.row), record: fromSalesforce(it.entity, o.row, extId), fields: o.fields };
    case 'applied':
      if (o.row === null) return { mutation_id: m.mutation_id, status: 'applied', version: o.version, record: null };
      return {
        mutation_id: m.mutation_id,
        status: 'applied',
        version: versionOf(o.row),
        record: fromSalesforce(it.entity, o.row, extId),
        ...(o.merged.length > 0 ? { merged: o.merged } : {}),
      };
  }
}
