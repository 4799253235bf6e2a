/**
 * Identity and "my book": who the source says is signed in (recorded by each sync,
 * sync/identity.ts), whether the user confirmed it, and which partner owners a scope
 * covers. Plain functions over the replica's `setting` and `user` tables.
 *
 * - `mine` is the partners the signed-in person owns; for a manager, their own and their
 *   team's (the users whose `manager_id` is theirs). For an admin, someone with no user
 *   record, nobody known, or a rejected identity it is everyone.
 * - The scope views open on is the remembered choice (`view.scope`), else `mine` once the
 *   identity is confirmed, else `all`.
 */
import { z } from 'zod';
import {
  bookScopeSchema,
  type BookScope,
  type IdentityStatus,
  type IdentityView,
  type ScopeView,
  type SignedInUser,
} from '../../src-shared/methods/identity';
import { ServiceError } from '../base/errors';
import type { Db } from '../db/connection';
import { readSetting, writeSetting } from '../settings';
import { readReportedIdentity, signedInUserSchema } from '../sync/identity';

const CONFIRMED_KEY = 'identity.confirmed';
const REJECTED_KEY = 'identity.rejected';
export const SCOPE_KEY = 'view.scope';

const answeredSchema = z.object({ source: z.string(), user: signedInUserSchema });
type Answered = z.infer<typeof answeredSchema>;

const samePerson = (a: Answered | null, source: string, user: SignedInUser): boolean =>
  !!a && a.source === source && a.user.id === user.id && a.user.name === user.name && a.user.role === user.role;

interface Known {
  source: string | null;
  user: SignedInUser | null;
  status: IdentityStatus;
}

function known(db: Db): Known {
  const reported = readReportedIdentity(db);
  if (!reported) return { source: null, user: null, status: 'unknown' };
  const { source, user } = reported;
  if (!user) return { source, user: null, status: 'unknown' };
  if (samePerson(readSetting(db, REJECTED_KEY, answeredSchema), source, user)) return { source, user, status: 'rejected' };
  const status = samePerson(readSetting(db, CONFIRMED_KEY, answeredSchema), source, user) ? 'confirmed' : 'unconfirmed';
  return { source, user, status };
}

/** The person "mine" means: the reported one, unless the user said it is not them. */
function me(k: Known): SignedInUser | null {
  return k.status === 'unknown' || k.status === 'rejected' ? null : k.user;
}

/**
 * The owner ids "my book" covers for `scope`: for `mine`, the signed-in CAM, or a manager
 * and their team; null means everyone (scope `all`, an admin, or nobody known).
 */
export function bookOwnerIds(db: Db, scope: BookScope): string[] | null {
  if (scope === 'all') return null;
  const user = me(known(db));
  if (!user?.id || user.role === 'admin') return null;
  if (user.role === 'cam') return [user.id];
  const team = db.sqlite.prepare('SELECT id FROM user WHERE manager_id = ? ORDER BY id').pluck().all(user.id) as string[];
  return [user.id, ...team.filter((id) => id !== user.id)];
}

/**
 * Whose book `scope` is, for reads that filter by a lead (the team roll-up: a CAM's own
 * partners, or a manager's and their team's); undefined means everyone.
 */
export function bookLead(db: Db, scope?: BookScope): string | undefined {
  if (bookFilter(db, scope).owners === null) return undefined;
  return me(known(db))?.id ?? undefined;
}

function rememberedScope(db: Db): BookScope | null {
  return readSetting(db, SCOPE_KEY, bookScopeSchema);
}

/** The scope a view opens on: the remembered choice, else `mine` once the identity is confirmed. */
export function defaultScope(db: Db): BookScope {
  return rememberedScope(db) ?? (known(db).status === 'confirmed' ? 'mine' : 'all');
}

/** The scope a read uses (the one asked for, else the default) and the owners it covers (null: everyone). */
export function bookFilter(db: Db, scope?: BookScope): { scope: BookScope; owners: ReadonlySet<string> | null } {
  const s = scope ?? defaultScope(db);
  const ids = bookOwnerIds(db, s);
  return { scope: s, owners: ids ? new Set(ids) : null };
}

/** Ids of the partners `owners` own (for reads that carry a partner id but no owner). */
export function partnersOwnedBy(db: Db, owners: ReadonlySet<string>): Set<string> {
  const ids = db.sqlite
    .prepare('SELECT id FROM partner WHERE owner_id IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(JSON.stringify([...owners])) as string[];
  return new Set(ids);
}

export function currentIdentity(db: Db): IdentityView {
  const k = known(db);
  const owners = bookOwnerIds(db, 'mine');
  const user = me(k);
  // Counted as the views count them: the live book, churned partners apart ("Live partners" is every view's default).
  const counts = db.sqlite
    .prepare(
      `SELECT count(*) FILTER (WHERE status != 'churned') AS live, count(*) FILTER (WHERE status = 'churned') AS churned
         FROM partner ${owners ? 'WHERE owner_id IN (SELECT value FROM json_each(?))' : ''}`,
    )
    .get(...(owners ? [JSON.stringify(owners)] : [])) as { live: number; churned: number };
  return {
    source: k.source,
    user: k.user,
    status: k.status,
    book: {
      kind: !owners ? 'everyone' : user?.role === 'manager' ? 'team' : 'own',
      ownerIds: owners ?? [],
      partners: counts.live,
      churned: counts.churned,
    },
    scope: defaultScope(db),
  };
}

function requireReported(db: Db): { source: string; user: SignedInUser } {
  const reported = readReportedIdentity(db);
  if (!reported?.user) {
    throw new ServiceError('conflict', 'Partnerbook does not know who is signed in yet: sync with your source first.');
  }
  return { source: reported.source, user: reported.user };
}

/** "Yes, that's me": remembers the reported person until the source reports someone else. */
export function confirmIdentity(db: Db): IdentityView {
  const answered = requireReported(db);
  db.sqlite.transaction(() => {
    writeSetting(db, CONFIRMED_KEY, answered);
    db.sqlite.prepare('DELETE FROM setting WHERE key = ?').run(REJECTED_KEY);
  })();
  return currentIdentity(db);
}

/** "Not me": nobody's partners are taken for mine until the source reports someone else. */
export function rejectIdentity(db: Db): IdentityView {
  const answered = requireReported(db);
  db.sqlite.transaction(() => {
    writeSetting(db, REJECTED_KEY, answered);
    db.sqlite.prepare('DELETE FROM setting WHERE key = ?').run(CONFIRMED_KEY);
  })();
  return currentIdentity(db);
}

export function getScope(db: Db): ScopeView {
  return { scope: defaultScope(db), remembered: rememberedScope(db) !== null, scoped: bookOwnerIds(db, 'mine') !== null };
}

export function setScope(db: Db, scope: BookScope): ScopeView {
  writeSetting(db, SCOPE_KEY, scope);
  return getScope(db);
}

/**
 * The name edits are recorded under: the signed-in person (confirmed or not yet — the
 * source said so), or null when nobody is known (callers fall back to their own setting).
 */
export function signedInName(db: Db): string | null {
  return me(known(db))?.name ?? null;
}
