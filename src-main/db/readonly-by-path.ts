/**
 * A worker thread's read-only connection to the replica it was last asked about: opened on
 * the first request, kept while requests name the same file, reopened when one names
 * another (a workspace switch gives the worker another replica).
 */
import { openDb, type Db } from './connection';

export function readOnlyByPath(): (path: string) => Db {
  let held: { path: string; db: Db } | null = null;
  return (path) => {
    if (held?.path !== path) {
      held?.db.close();
      held = null;
      held = { path, db: openDb(path, { readonly: true }) };
    }
    return held.db;
  };
}
