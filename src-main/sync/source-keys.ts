/**
 * The source keys the pull keeps for a source (table `source_key`, migration 0009;
 * contract.ts `SourceKey`): read when a connection asks, changed with each page in the
 * page's own transaction (pull.ts), forgotten with the cursor.
 */
import type Database from 'better-sqlite3';
import { ENTITY_NAMES, type EntityName } from '../../src-shared/domain/entities';
import type { SourceKey, SourceKeyStore, SourcePage } from '../sources/contract';

const ENTITIES = new Set<string>(ENTITY_NAMES);

interface Row {
  source_key: string;
  entity: string;
  id: string;
  partner_id: string | null;
}

export function sourceKeyStore(sqlite: Database.Database): SourceKeyStore {
  return {
    *all(): Iterable<SourceKey> {
      for (const r of sqlite.prepare('SELECT source_key, entity, id, partner_id FROM source_key').iterate() as Iterable<Row>) {
        if (ENTITIES.has(r.entity)) yield { key: r.source_key, entity: r.entity as EntityName, id: r.id, partnerId: r.partner_id };
      }
    },
  };
}

/** What a page changes in the kept keys; call inside the page's transaction. */
export function applySourceKeys(sqlite: Database.Database, keys: SourcePage['keys']): void {
  if (!keys) return;
  if (keys.reset) forgetSourceKeys(sqlite);
  const del = sqlite.prepare('DELETE FROM source_key WHERE source_key = ?');
  for (const k of keys.remove) del.run(k);
  const put = sqlite.prepare('INSERT OR REPLACE INTO source_key (source_key, entity, id, partner_id) VALUES (?, ?, ?, ?)');
  for (const k of keys.set) put.run(k.key, k.entity, k.id, k.partnerId);
}

/** Every kept key gone (the cursor was forgotten: the next pull starts from the beginning). */
export function forgetSourceKeys(sqlite: Database.Database): void {
  sqlite.prepare('DELETE FROM source_key').run();
}
