/**
 * Several edits of one record pushed in one request: Salesforce stamps the writes in the
 * same second, so they come back with the same version (SystemModstamp). Each is written
 * after the one before it (no spurious conflict), and the replica ends with the last edit —
 * what Salesforce holds and what the user typed last.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { queueEdits } from '../../../src-main/sync/edits';
import { createSyncService } from '../../../src-main/sync/service';
import { startSfBook, type SfBook } from './book';

let book: SfBook;
let db: Db;
beforeAll(async () => {
  book = await startSfBook({ partners: 1 });
  db = openDb(':memory:');
});
afterAll(async () => {
  db.close();
  await book.close();
});

it('the second of two edits of a record in one push is what the replica keeps', async () => {
  const clock = fixedClock('2026-11-20T09:00:00Z');
  const sync = createSyncService({ db, clock, events: new EventBus(), source: () => book.connector(), pageSize: 500 });
  expect((await sync.run()).ok).toBe(true);
  const note = (db.sqlite.prepare('SELECT id FROM note ORDER BY id LIMIT 1').get() as { id: string }).id;
  queueEdits(db.sqlite, clock, [{ entity: 'note', id: note, op: 'upsert', fields: { body: 'first' } }]);
  queueEdits(db.sqlite, clock, [{ entity: 'note', id: note, op: 'upsert', fields: { body: 'second' } }]);
  const summary = await sync.run();
  expect(summary).toMatchObject({ ok: true, applied: 2 });
  expect(book.sfRow('note', note)?.row.Body__c).toBe('second');
  const body = (db.sqlite.prepare('SELECT body FROM note WHERE id = ?').get(note) as { body: string }).body;
  expect(body).toBe('second');
  expect(db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  // And a later pull changes nothing: the replica already holds Salesforce's record.
  await sync.run();
  expect((db.sqlite.prepare('SELECT body FROM note WHERE id = ?').get(note) as { body: string }).body).toBe('second');
});

it('three edits of one record in one push: all applied, no conflict, the last one kept', async () => {
  const clock = fixedClock('2026-11-20T09:00:00Z');
  const sync = createSyncService({ db, clock, events: new EventBus(), source: () => book.connector(), pageSize: 500 });
  expect((await sync.run()).ok).toBe(true);
  const id = (db.sqlite.prepare('SELECT id FROM jbp_objective ORDER BY id LIMIT 1').get() as { id: string }).id;
  for (const title of ['a1', 'a2', 'a3']) queueEdits(db.sqlite, clock, [{ entity: 'jbp_objective', id, op: 'upsert', fields: { title } }]);
  const summary = await sync.run();
  expect(summary).toMatchObject({ ok: true, applied: 3, conflicts: 0 });
  expect((db.sqlite.prepare('SELECT title FROM jbp_objective WHERE id = ?').get(id) as { title: string }).title).toBe('a3');
  expect(db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
});

it('a field changed in Salesforce and edited twice here is a conflict for both edits, not overwritten by the second', async () => {
  const clock = fixedClock('2026-11-20T09:00:00Z');
  const sync = createSyncService({ db, clock, events: new EventBus(), source: () => book.connector(), pageSize: 500 });
  expect((await sync.run()).ok).toBe(true);
  const id = (db.sqlite.prepare('SELECT id FROM jbp_objective ORDER BY id LIMIT 1 OFFSET 1').get() as { id: string }).id;
  book.edit('jbp_objective', id, { title: 'theirs' });
  book.tick();
  for (const title of ['mine 1', 'mine 2']) queueEdits(db.sqlite, clock, [{ entity: 'jbp_objective', id, op: 'upsert', fields: { title } }]);
  const summary = await sync.run();
  expect(summary.applied).toBe(0);
  expect(summary.conflicts).toBe(2);
  // Salesforce keeps its value; both edits wait in the conflicts inbox with it as "theirs".
  expect(book.sfRow('jbp_objective', id)?.row.Title__c).toBe('theirs');
  const theirs = db.sqlite.prepare("SELECT theirs FROM conflict WHERE record_id = ? AND field = 'title' AND resolved_at IS NULL").all(id) as { theirs: string }[];
  expect(theirs.map((c) => JSON.parse(c.theirs) as string)).toEqual(['theirs', 'theirs']);
});
