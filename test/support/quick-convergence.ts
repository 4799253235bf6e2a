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
  ENTITY_NAMES.forEach((e, ord) => {
    const theirs = store.db.prepare('SELECT id, version FROM row WHERE ord = ? ORDER BY id').raw(true).all(ord) as [string, number][];
    const mine = sqlite.prepare(`SELECT id, version FROM "${e}" ORDER BY id`).raw(true).all() as [string, number][];
    if (mine.length !== theirs.length) {
      out.push(`${e}: replica has ${mine.length} rows, server ${theirs.length}`);
      return;
    }
    for (let i = 0; i < mine.length; i++) {
      const [a, b] = [mine[i]!, theirs[i]!];
      if (a[0] !== b[0] || a[1] !== b[1]) {
        out.push(`${e}: replica ${a[0]} v${a[1]} != server ${b[0]} v${b[1]}`);
        return;
      }
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
  return out;
}
