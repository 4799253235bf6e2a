/**
 * The source boundary: where a workspace's partner book comes from. Sync, services and
 * the UI know only this interface; each connector (protocol v1 today; spreadsheet files
 * and Salesforce next) implements it. The contract is documented in docs/ARCHITECTURE.md
 * §4 and checked by test/conformance/source-conformance.ts, which
 * every source must pass.
 *
 * The rules a source must keep:
 * - `changes(cursor, limit)` returns pages in the protocol's change shape (upserts keyed by
 *   entity + id with a version that only grows, tombstones as `op: 'delete'`), parents
 *   before children, and an opaque cursor that is a position, not a time. Replaying a page
 *   is harmless. `has_more: false` means "caught up". A cursor it can no longer serve is a
 *   `SourceError('cursor_expired')`; the client then refetches from the start.
 * - `mutations(request)` answers every mutation of the request, in any order, with
 *   applied / conflict / rejected (per-field compare-and-set against `base`); a mutation id
 *   it has answered before gets the same answer again (idempotent resend). A read-only
 *   source rejects every mutation with `read_only`.
 * - `describe()` says who the signed-in person is and what the source can do; it is also
 *   the cheap "is it reachable" probe.
 * - Every failure is a `SourceError` whose message is one plain sentence for the user and
 *   whose kind tells sync how to react (retry, sign in again, refetch, give up).
 */
import type { EntityName } from '../../src-shared/domain/entities';
import type { ChangesPage, MutationResult, MutationsRequest } from '../../src-shared/domain/protocol';

export type SourceErrorKind =
  /** Could not connect, connection reset, DNS failure: probably offline. */
  | 'network'
  | 'timeout'
  /** The credentials are wrong, expired or revoked: sign in again. */
  | 'unauthorized'
  /** The cursor is no longer served: refetch from the start. */
  | 'cursor_expired'
  /** Back off for `retryAfterMs`. */
  | 'rate_limited'
  /** The source had a problem on its side (5xx). */
  | 'server'
  /** An answer cut short, not parseable, or not in the contract's shape. */
  | 'bad_response'
  /** The address answers, but it is not this kind of source. */
  | 'not_source'
  /** The request itself is wrong (other 4xx); retrying will not help. */
  | 'client'
  /** The source broke the contract in a way retrying will not fix (e.g. a cursor that does not advance). */
  | 'protocol';

export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }

  /** Worth retrying with backoff: the same request may succeed later. */
  get transient(): boolean {
    return TRANSIENT.has(this.kind);
  }
}
const TRANSIENT = new Set<SourceErrorKind>(['network', 'timeout', 'rate_limited', 'server', 'bad_response']);

/** `code` of a 'timeout' where the source answered but did not finish in time: reachable, just slow — not offline. */
export const SLOW_ANSWER = 'slow_answer';

/** The person signed in to a source. `id` is their `user` record in the book, when they have one. */
export interface SourceUser {
  id: string | null;
  name: string;
  email: string | null;
  role: 'cam' | 'manager' | 'admin';
}

export interface SourceDescription {
  /** The source's own name (e.g. "Acme PRM"). */
  name: string;
  /** Who the credentials belong to; null when the source cannot say. */
  user: SourceUser | null;
  /** Entities the source accepts mutations for; empty for a read-only source. */
  writable: EntityName[];
}

export interface MutationsResponse {
  results: MutationResult[];
}

/**
 * What a source learned during a run that the user should see beside the sync status
 * (Salesforce: the org's API usage, the entities the org does not offer). Read after a run.
 */
export interface SourceNotes {
  /** API requests used and allowed in the source's own window (Salesforce: `Sforce-Limit-Info: api-usage=n/m`, 24 hours), from the last answer that carried it. */
  apiUsage: { used: number; limit: number } | null;
  /** Entities the source cannot read for this user (object not licensed, field hidden), each with one plain sentence saying why. The sync goes on without them. */
  unavailable: { entity: EntityName; reason: string }[];
  /** Records left out of the book (or a link of theirs set to none) because a record they need is not in it, counted per entity with one plain sentence; the sync goes on without them. */
  leftOut?: { entity: EntityName; count: number; reason: string }[];
}

/**
 * A source's own key of a record it pulled (Salesforce: the record's Salesforce Id), with
 * the record's entity and id in the book and the partner it belongs to. For sources that
 * later name a record only by their own key (a delete feed); kept by the pull beside the
 * cursor (table `source_key`), written in the same transaction as the page.
 */
export interface SourceKey {
  key: string;
  entity: EntityName;
  id: string;
  partnerId: string | null;
}

/** The keys the pull keeps for the source: read once at the start of a connection's first page. */
export interface SourceKeyStore {
  all(): Iterable<SourceKey>;
}

/** A page with what it changes in the kept keys (`reset`: forget every key first, as a load from the start does). */
export interface SourcePage extends ChangesPage {
  keys?: { reset?: boolean; set: SourceKey[]; remove: string[] };
}

/** One open connection to a source, for one sync run (or one probe). */
export interface Source {
  /** Where it is, for messages ("https://prm.example.com", "3 files"). */
  readonly label: string;
  describe(): Promise<SourceDescription>;
  /** `keys`: the kept source keys, when the caller keeps them (the pull does); a source that needs them and gets none carries them in its cursor. */
  changes(cursor: string | null, limit: number, keys?: SourceKeyStore): Promise<SourcePage>;
  mutations(request: MutationsRequest): Promise<MutationsResponse>;
  /** What this connection learned so far (see SourceNotes); sources with nothing to say leave it out. */
  notes?(): SourceNotes;
  /**
   * false: `changes` from the start does not send the whole book (it arrives some other
   * way: a spreadsheet workspace's imports), so a full refresh must never remove what it
   * did not send. Left out: it does.
   */
  readonly sendsWholeBook?: false;
}

export interface OpenOptions {
  /** Aborts every request in flight (sync.abort / reset). */
  signal?: AbortSignal;
  /** Per-request time limit. */
  timeoutMs?: number;
}

/** A configured source of a workspace: opens connections to it. */
export interface SourceConnector {
  /** Which connector ("protocol-v1", "spreadsheet", "salesforce"). */
  readonly kind: string;
  readonly label: string;
  open(opts?: OpenOptions): Source;
}
