/**
 * Property (fast-check) against the fake org: any sequence of edits on both sides — plans,
 * objectives, initiatives and notes edited, created and deleted in the app; the same
 * records, partner Accounts and Opportunities edited or deleted in Salesforce — with
 * faults (every Nth call a 503, every Nth record write UNABLE_TO_LOCK_ROW), pushes whose
 * answer is lost after Salesforce applied them, and aborted syncs, ends after one clean
 * sync with the replica equal to the org's book and every local edit in Salesforce (now,
 * or until a later Salesforce edit replaced it) or visible to the user as pending, a
 * conflict or a rejection.
 *
 * The fake's clock runs from the real time here, and it stamps writes to the millisecond;
 * Salesforce stamps them to the second (see the conformance subject for what that does to
 * two writes of one record in one request).
 *
 * Also: an access token that expires while edits wait is renewed and the sync completes
 * with the edits in Salesforce. (An expired cursor keeping local edits is in the
 * conformance suite; the API limit stopping the sync and saying when it retries is in
 * connector.test.ts.)
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { ServiceError } from '../../../src-main/base/errors';
import { SourceError, type SourceConnector } from '../../../src-main/sources/contract';
import { salesforceConnector } from '../../../src-main/sources/salesforce/source';
import { queueEdits, type EditInput } from '../../../src-main/sync/edits';
import { createSyncService } from '../../../src-main/sync/service';
import type { EditableEntityName } from '../../../src-shared/domain/entities';
import { differencesFrom } from '../../conformance/source-conformance';
import { startSfBook, type SfBook } from './book';
import { expectNothingLost, newTyped, type Typed } from './local-edits';
import { session } from './support';

const clock = fixedClock('2026-11-20T10:00:00Z');
const RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

/** The connector, with a switch that loses the answer of the next push after Salesforce applied it. */
function lossyConnector(book: SfBook) {
  const base = book.connector();
  let loseNext = false;
  const connector: SourceConnector = {
    ...base,
    open(opts) {
      const source = base.open(opts);
      return {
        ...source,
        async mutations(request) {
          const res = await source.mutations(request);
          if (loseNext) {
            loseNext = false;
            throw new SourceError('network', 'The connection dropped before Salesforce answered.');
          }
          return res;
        },
      };
    },
  };
  return { connector, loseNextAnswer: () => (loseNext = true) };
}

const FIELDS: { entity: EditableEntityName; field: string; value: (n: number) => unknown }[] = [
  { entity: 'jbp', field: 'summary', value: (n) => `Summary ${n}` },
  { entity: 'jbp_objective', field: 'title', value: (n) => `Objective ${n}` },
  { entity: 'jbp_initiative', field: 'status', value: (n) => (['in_progress', 'done', 'blocked'] as const)[n % 3] },
  { entity: 'note', field: 'body', value: (n) => `Note ${n}` },
];

const step = fc.oneof(
  fc.record({ t: fc.constant('local' as const), f: fc.nat(3), r: fc.nat(5) }),
  fc.record({ t: fc.constant('localCreate' as const) }),
  fc.record({ t: fc.constant('localDelete' as const), r: fc.nat(5) }),
  fc.record({ t: fc.constant('source' as const), f: fc.nat(3), r: fc.nat(5) }),
  fc.record({ t: fc.constant('sourceStandard' as const), r: fc.nat(5) }),
  fc.record({ t: fc.constant('sourceDelete' as const), r: fc.nat(5) }),
  fc.record({ t: fc.constant('fault' as const), failEvery: fc.integer({ min: 0, max: 4 }), lockEvery: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ t: fc.constant('sync' as const) }),
  fc.record({ t: fc.constant('lostAck' as const) }),
  fc.record({ t: fc.constant('aborted' as const) }),
);

describe('Salesforce sync property: edits on both sides, faults and lost answers', () => {
  let book: SfBook;
  let n = 0;

  beforeAll(async () => {
    book = await startSfBook({ frozen: false, partners: 4, config: { pageSize: 25 } });
  });
  afterAll(() => book?.close());

  it('ends, after one clean sync, with the replica equal to the org and every local edit in Salesforce or visible', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const db = openDb(':memory:');
        const lossy = lossyConnector(book);
        const sync = createSyncService({ db, clock, events: new EventBus(), source: () => lossy.connector, retry: RETRY, timeoutMs: 10_000 });
        try {
          expect((await sync.run()).error).toBeNull();
          const typed = newTyped();
          /** Typed values that were in Salesforce after some step (a later Salesforce edit may replace them). */
          const reached = new Set<string>();
          const ids = (entity: string) => (db.sqlite.prepare(`SELECT id FROM "${entity}" ORDER BY id`).all() as { id: string }[]).map((r) => r.id);
          // an edit of a record deleted here meanwhile is refused at once, as in the UI: nothing queued
          const queue = (e: EditInput) => {
            try {
              const [q] = queueEdits(db.sqlite, clock, [e]);
              return q?.changed === true;
            } catch (err) {
              if (err instanceof ServiceError && err.code === 'not_found') return false;
              throw err;
            }
          };
          // the org is shared by the runs: deletes leave some notes to edit
          const notesLeft = () => book.rows('note').length > 8;
          for (const s of steps) {
            if (s.t === 'local') {
              const f = FIELDS[s.f]!;
              const pool = ids(f.entity);
              if (!pool.length) continue;
              const id = pool[s.r % pool.length]!;
              const value = f.value(++n);
              if (queue({ entity: f.entity, id, op: 'upsert', fields: { [f.field]: value } })) typed.fields.set(`${f.entity} ${id} ${f.field}`, value);
            } else if (s.t === 'localCreate') {
              const partner = ids('partner')[0]!;
              const id = `note-prop-${++n}`;
              const now = clock.now();
              if (queue({ entity: 'note', id, op: 'upsert', fields: { partner_id: partner, body: `Created offline ${n}`, created_at: now, updated_at: now } })) {
                typed.created.add(`note ${id}`);
                typed.fields.set(`note ${id} body`, `Created offline ${n}`);
              }
            } else if (s.t === 'localDelete') {
              const pool = ids('note');
              const id = pool[s.r % pool.length];
              if (id && notesLeft() && queue({ entity: 'note', id, op: 'delete' })) {
                typed.deleted.add(`note ${id}`);
                for (const k of [...typed.fields.keys()]) if (k.startsWith(`note ${id} `)) typed.fields.delete(k);
              }
            } else if (s.t === 'source') {
              const f = FIELDS[s.f]!;
              const pool = book.rows(f.entity);
              if (pool.length) book.edit(f.entity, pool[s.r % pool.length]!.id, { [f.field]: f.value(++n) });
            } else if (s.t === 'sourceStandard') {
              const partners = book.rows('partner');
              book.edit('partner', partners[s.r % partners.length]!.id, { name: `Partner renamed ${++n}` });
              const deals = book.rows('opportunity');
              if (deals.length) book.edit('opportunity', deals[s.r % deals.length]!.id, { customer: `Customer ${++n}` });
            } else if (s.t === 'sourceDelete') {
              const pool = s.r % 2 === 0 ? (notesLeft() ? book.rows('note') : []) : book.rows('opportunity');
              if (pool.length) book.remove(s.r % 2 === 0 ? 'note' : 'opportunity', pool[s.r % pool.length]!.id);
            } else if (s.t === 'fault') {
              book.sf.state.set({ failEvery: s.failEvery, lockEvery: s.lockEvery });
            } else if (s.t === 'sync') {
              await sync.run();
            } else if (s.t === 'lostAck') {
              lossy.loseNextAnswer();
              await sync.run();
            } else {
              const running = sync.run();
              await sync.abort();
              await running;
            }
            for (const [k, v] of typed.fields) {
              const [entity, id, field] = k.split(' ') as [EditableEntityName, string, string];
              if (JSON.stringify(book.rows(entity).find((r) => r.id === id)?.data[field]) === JSON.stringify(v)) reached.add(k);
            }
          }
          // one clean sync: no faults, and Salesforce's replication windows cover everything written so far
          book.sf.state.set({ failEvery: 0, lockEvery: 0 });
          book.tick();
          const last = await sync.run();
          expect(last.error).toBeNull();
          expect(differencesFrom(db, book)).toEqual([]);
          expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
          const unreached: Typed = { ...typed, fields: new Map([...typed.fields].filter(([k]) => !reached.has(k))) };
          expectNothingLost(db, book, unreached, 'after the clean sync');
        } finally {
          book.sf.state.set({ failEvery: 0, lockEvery: 0 });
          await sync.close();
          db.close();
        }
      }),
      { numRuns: 20 },
    );
  }, 300_000);

  it('an access token that expires while edits wait is renewed, and the sync completes with the edits in Salesforce', async () => {
    const db = openDb(':memory:');
    let renewals = 0;
    let token = (await session(book.sf)).access_token;
    const connector = salesforceConnector({
      instanceUrl: book.sf.url,
      accessToken: token,
      refresh: async () => {
        renewals++;
        token = (await session(book.sf)).access_token;
        return token;
      },
      now: () => book.sf.org.clock.now(),
    });
    const sync = createSyncService({ db, clock, events: new EventBus(), source: () => connector, retry: RETRY });
    try {
      expect((await sync.run()).error).toBeNull();
      const note = book.rows('note')[0]!.id;
      queueEdits(db.sqlite, clock, [{ entity: 'note', id: note, op: 'upsert', fields: { body: 'Written after the token expired' } }]);
      const expired = await fetch(`${book.sf.url}/__fake/expire-tokens`, { method: 'POST', body: '{}' });
      expect(expired.status).toBe(200);
      book.edit('partner', book.rows('partner')[0]!.id, { name: 'Renamed while the token expired' });
      const summary = await sync.run();
      expect(summary.error).toBeNull();
      expect(renewals).toBe(1);
      expect(db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
      expect(book.rows('note').find((r) => r.id === note)?.data.body).toBe('Written after the token expired');
      expect(db.sqlite.prepare('SELECT name FROM partner WHERE id = ?').pluck().get(book.rows('partner')[0]!.id)).toBe('Renamed while the token expired');
    } finally {
      await sync.close();
      db.close();
    }
  });
});
