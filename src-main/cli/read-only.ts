/**
 * What every read-only reporting command (health, forecast, ropi, voice) shares: the
 * options naming the replica (--db / --workspace / --data-dir), the day (--as-of), the book
 * (--mine / --all / --scope) and --json, their --help lines, and the run around the work —
 * the replica opened read-only (no write lock; works on a replica it may not write), the
 * clock (an imported book computes as of its last day), the app's API over it, and both
 * closed however the command ends.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BookScope } from '../../src-shared/methods/identity';
import { fixedClock, systemClock } from '../base/clock';
import type { Db } from '../db/connection';
import { CliError, dateOption } from './args';
import { createLocalApi, replicaClock, type LocalApi } from './local-api';
import { openCliReplica, refuseArrivingBook } from './replica';
import { resolveScope, scopeFlag, SCOPE_HELP, type ResolvedScope } from './scope';
import { replicaPath, WORKSPACE_HELP, WORKSPACE_OPTIONS, type WorkspaceFlags } from './workspace-option';

export const READ_OPTIONS = {
  db: { type: 'string' },
  ...WORKSPACE_OPTIONS,
  'as-of': { type: 'string' },
  mine: { type: 'boolean' },
  all: { type: 'boolean' },
  scope: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `--help` lines of READ_OPTIONS; `asOf` says what the day is for ("compute", "forecast"). */
export function readHelp(asOf: string) {
  return {
    ...WORKSPACE_HELP,
    'as-of': ['YYYY-MM-DD', `${asOf} as of this day (default: today, or the last day of an imported book)`],
    ...SCOPE_HELP,
    json: 'print JSON instead of lines',
  } as const;
}

export type ReadFlags = WorkspaceFlags & { 'as-of'?: string; mine?: boolean; all?: boolean; scope?: string };

export interface ReadContext {
  db: Db;
  api: LocalApi;
  /** The day the command computes as of. */
  day: string;
  /** The book asked for (--mine / --all, else the app's remembered default), resolved against the replica. */
  book(): ResolvedScope;
  /** The scope flag as given (undefined: the remembered default). */
  askedScope: BookScope | undefined;
}

/** Checks the flags, opens the replica read-only with the app's API over it, runs `work`, and closes both. */
export async function withReadOnlyReplica(values: ReadFlags, usage: string, work: (ctx: ReadContext) => Promise<number>): Promise<number> {
  const dbPath = replicaPath(values, usage);
  if (!existsSync(dbPath)) throw new CliError(`no replica at ${dbPath} (run \`partnerbook sync\` first)`);
  const asOf = dateOption(values['as-of'], '--as-of');
  const askedScope = scopeFlag(values);
  const db = openCliReplica(dbPath, { readonly: true });
  try {
    refuseArrivingBook(db, dbPath, 'its figures');
  } catch (err) {
    db.close();
    throw err;
  }
  const clock = asOf ? fixedClock(asOf) : replicaClock(db, systemClock);
  const api = createLocalApi({ db, clock, dataDir: dirname(dbPath) });
  try {
    return await work({ db, api, day: clock.today(), askedScope, book: () => resolveScope(db, askedScope) });
  } finally {
    await api.close();
    db.close();
  }
}
