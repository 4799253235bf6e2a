/**
 * Who the source says is signed in, as of the last sync. Each sync run asks the source
 * once (`describe()`, which also proves the credentials) and keeps the answer in the
 * replica's `setting` table — it is not a secret. services/identity.ts reads it, compares
 * it with the identity the user confirmed, and scopes "my book" by it.
 */
import { z } from 'zod';
import { SIGNED_IN_ROLES } from '../../src-shared/domain/protocol';
import type { Db } from '../db/connection';
import { bookkeepingWrite } from '../db/derived-writes';
import { readSetting, writeSetting } from '../settings';
import type { Source, SourceDescription, SourceError } from '../sources/contract';
import { withRetry, type RetryPolicy } from './retry';

export const REPORTED_IDENTITY_KEY = 'identity.reported';

export const signedInUserSchema = z.object({
  id: z.string().min(1).nullable(),
  name: z.string().min(1),
  email: z.string().nullable(),
  role: z.enum(SIGNED_IN_ROLES),
});

export const reportedIdentitySchema = z.object({
  /** The source's own name ("Partnerbook demo PRM"). */
  source: z.string(),
  /** Null when the source cannot say who the credentials belong to. */
  user: signedInUserSchema.nullable(),
  reportedAt: z.string(),
});
export type ReportedIdentity = z.infer<typeof reportedIdentitySchema>;

export function readReportedIdentity(db: Db): ReportedIdentity | null {
  return readSetting(db, REPORTED_IDENTITY_KEY, reportedIdentitySchema);
}

/** Stores what the source said; true when the person (or the source) differs from last time. */
export function recordReportedIdentity(db: Db, d: SourceDescription, now: string): boolean {
  const previous = readReportedIdentity(db);
  const user = d.user ? { id: d.user.id, name: d.user.name, email: d.user.email, role: d.user.role } : null;
  const changed = !previous || previous.source !== d.name || JSON.stringify(previous.user) !== JSON.stringify(user);
  const write = () => writeSetting(db, REPORTED_IDENTITY_KEY, { source: d.name, user, reportedAt: now } satisfies ReportedIdentity);
  // The same person again (every run): only the time it was said changes, sync bookkeeping.
  if (changed) write();
  else bookkeepingWrite(db.sqlite, write);
  return changed;
}

/** Asks the source who is signed in (retrying transient failures like any request) and records it. */
export async function refreshIdentity(
  db: Db,
  client: Source,
  now: () => string,
  opts: { retry: RetryPolicy; signal?: AbortSignal; onRetry?: (err: SourceError, attempt: number, delayMs: number) => void },
): Promise<boolean> {
  const described = await withRetry(() => client.describe(), opts.retry, { signal: opts.signal, onRetry: opts.onRetry });
  return recordReportedIdentity(db, described, now());
}
