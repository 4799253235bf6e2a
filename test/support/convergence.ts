import type Database from 'better-sqlite3';
import { ENTITY_NAMES, type EntityName } from '../../src-shared/domain/entities';
import type { PrmStore } from '../../tools/demo-prm/store';
import { COLUMNS } from '../../src-main/sync/apply';

/** The replica's base rows of an entity as `{id, version, data}`, sorted by id. */
export function replicaRows(sqlite: Database.Database, entity: EntityName) {
  const rows = sqlite.prepare(`SELECT * FROM "${entity}" ORDER BY id`).all() as Record<string, unknown>[];
  return rows.map((r) => {
    const data: Record<string, unknown> = {};
    for (const c of COLUMNS[entity]) data[c] = entity === 'tier' && c === 'benefits' ? JSON.parse(r[c] as string) : r[c];
    return { id: r.id as string, version: r.version as number, data };
  });
}

export function serverRows(store: PrmStore, entity: EntityName) {
  return store
    .dump(entity)
    .map((r) => ({ id: r.id, version: r.version, data: r.data as unknown as Record<string, unknown> }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Entities whose replica differs from the server, with the first difference. */
export function differences(sqlite: Database.Database, store: PrmStore): string[] {
  const out: string[] = [];
  for (const e of ENTITY_NAMES) {
    const mine = replicaRows(sqlite, e);
    const theirs = serverRows(store, e);
    if (mine.length !== theirs.length) {
      out.push(`${e}: replica has ${mine.length} rows, server ${theirs.length}`);
      continue;
    }
    for (let i = 0; i < mine.length; i++) {
      if (JSON.stringify(mine[i]) !== JSON.stringify(theirs[i])) {
        out.push(`${e}: ${JSON.stringify(mine[i])} != ${JSON.stringify(theirs[i])}`);
        break;
      }
    }
  }
  return out;
}
