/**
 * A cheaper convergence check than `differences` for big books: every entity's
 * (id, version) list must match the server's exactly, and every row the server changed
 * after generating the book (created or updated since) must match field by field. The
 * generated rows are version 1 on both sides with data fixed by the generator, so
 * equal (id, version) lists plus equal changed rows mean equal replicas.
 */
import type Database from 'better-sqlite3';
import { ENTITY_NAMES } from '../../src-shared/domain/entities';
import type { PrmStore } from '../../tools/demo-prm/store';
import { COLUMNS } from '../../src-main/sync/apply';

export function quickDifferences(sqlite: Database.Database, store: PrmStore): string[] {
  const out: string[] = [];
  // The (id, version) lists are compared inside SQLite, the replica attached to the server's
  // store: half a million rows of a medium book cost about a second a check read into JavaScript.
  store.db.prepare('ATTACH DATABASE ? AS replica').run(sqlite.name);
  try {
    ENTITY_NAMES.forEach((e, ord) => {
      const n = store.db
        .prepare(`SELECT (SELECT count(*) FROM replica."${e}") AS mine, (SELECT count(*) FROM row WHERE ord = ?) AS theirs`)
        .get(ord) as { mine: number; theirs: number };
      if (n.mine !== n.theirs) {
        out.push(`${e}: replica has ${n.mine} rows, server ${n.theirs}`);
        return;
      }
      // Ids are unique on both sides, so equal counts and nothing of the replica's missing on the server mean equal lists.
      const odd = store.db
        .prepare(`SELECT id, version FROM replica."${e}" EXCEPT SELECT id, version FROM row WHERE ord = ? ORDER BY id LIMIT 1`)
        .get(ord) as { id: string; version: number } | undefined;
      if (odd) {
        const server = store.db.prepare('SELECT version FROM row WHERE ord = ? AND id = ?').get(ord, odd.id) as { version: number } | undefined;
        out.push(`${e}: replica ${odd.id} v${odd.version} != server ${server ? `${odd.id} v${server.version}` : 'none'}`);
        return;
      }
      const changed = store.db
        .prepare('SELECT id, data FROM row WHERE ord = ? AND (created_seq > 0 OR version > 1)')
        .all(ord) as { id: string; data: string }[];
      const one = sqlite.prepare(`SELECT * FROM "${e}" WHERE id = ?`);
      for (const r of changed) {
        const row = one.get(r.id) as Record<string, unknown> | undefined;
        const server = JSON.parse(r.data) as Record<string, unknown>;
        const data: Record<string, unknown> = {};
        const want: Record<string, unknown> = {};
        for (const c of COLUMNS[e]) {
          data[c] = e === 'tier' && c === 'benefits' && row ? JSON.parse(row[c] as string) : row?.[c];
          want[c] = server[c];
        }
        if (JSON.stringify(data) !== JSON.stringify(want)) {
          out.push(`${e} ${r.id}: ${JSON.stringify(data)} != ${JSON.stringify(want)}`);
          return;
        }
      }
    });
  } finally {
    store.db.prepare('DETACH DATABASE replica').run();
  }
  return out;
}
