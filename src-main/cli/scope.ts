/**
 * `--mine` / `--all` for the CLI's workspace-wide commands (health, actions, export-qbr
 * --all): my book or everyone, with the same default as the app — the choice remembered
 * in the replica, else my book once the signed-in person was confirmed (services/identity.ts).
 */
import { BOOK_SCOPES, SIGNED_IN_ROLE_LABELS, type BookScope } from '../../src-shared/methods/identity';
import type { Db } from '../db/connection';
import { bookFilter, currentIdentity } from '../services/identity';
import { CliError } from './args';

/** `--help` lines of --mine, --all and --scope (args.ts CommandHelp). */
export const SCOPE_HELP = {
  mine: "my book: the partners I own (a manager: my team's); default as remembered in the app",
  all: 'every partner of the book',
  scope: ['mine|all', 'the same as --mine or --all'],
} as const;

/** The scope asked for on the command line, or undefined for the remembered default. */
export function scopeFlag(values: { mine?: boolean; all?: boolean; scope?: string }): BookScope | undefined {
  const asked = new Set<BookScope>();
  if (values.mine) asked.add('mine');
  if (values.all) asked.add('all');
  if (values.scope !== undefined) {
    if (!(BOOK_SCOPES as readonly string[]).includes(values.scope)) throw new CliError(`--scope must be mine or all, got '${values.scope}'`, 2);
    asked.add(values.scope as BookScope);
  }
  if (asked.size > 1) throw new CliError('use either --mine or --all, not both', 2);
  return [...asked][0];
}

export interface ResolvedScope {
  scope: BookScope;
  /** Owners of the partners in scope; null: everyone. */
  owners: ReadonlySet<string> | null;
  /** For output lines: " in my book (Dana Reyes, CAM)", or "" for every partner. */
  inBook: string;
}

/** Resolves a scope against the replica; `--mine` with nobody known fails with what to do instead. */
export function resolveScope(db: Db, asked: BookScope | undefined): ResolvedScope {
  const who = currentIdentity(db);
  if (asked === 'mine' && (who.status === 'unknown' || who.status === 'rejected')) {
    throw new CliError(
      who.status === 'rejected'
        ? `you said you are not ${who.user?.name ?? 'the person signed in'}: sign in again with your own credentials, or use --all`
        : 'this replica does not know who you are yet: sync first (the source says who is signed in), or use --all',
    );
  }
  const { scope, owners } = bookFilter(db, asked);
  const inBook =
    owners && who.user ? ` in my book (${who.user.name}, ${SIGNED_IN_ROLE_LABELS[who.user.role]}${who.user.role === 'manager' ? ', with my team' : ''})` : '';
  return { scope, owners, inBook };
}
