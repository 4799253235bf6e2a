/** A client replica holding exactly what a demo PRM store holds, as a first sync would leave it. */
import { openDb, type Db } from '../../src-main/db/connection';
import { createApplier, validateChanges } from '../../src-main/sync/apply';
import { ENTITY_NAMES } from '../../src-shared/domain/entities';
import { PrmStore } from '../../tools/demo-prm/store';

export function replicaOf(store: PrmStore, path = ':memory:'): Db {
  const db = openDb(path);
  const changes = validateChanges(
    ENTITY_NAMES.flatMap((entity) =>
      store.dump(entity).map((r) => ({ entity, id: r.id, version: r.version, op: 'upsert' as const, data: r.data as Record<string, unknown> })),
    ),
  );
  db.sqlite.transaction(() => createApplier(db.sqlite).apply(changes, false))();
  return db;
}

/** A replica file at `path` holding a demo book (the seed, scale and as-of date of the demo PRM's generator), closed. */
export function demoReplicaFile(path: string, book: { seed: number; scale: 'small' | 'medium'; asOf: string }): void {
  const store = PrmStore.open(':memory:');
  try {
    store.loadBook(book);
    replicaOf(store, path).close();
  } finally {
    store.close();
  }
}
