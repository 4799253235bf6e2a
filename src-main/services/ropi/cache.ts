/**
 * The book's ROPI kept between calls while the replica is unchanged, so the ROPI page, the
 * partner page and the Portfolio's columns share one computation (about half a second to
 * several on a 5,000-partner book) instead of each recomputing the whole book.
 *
 * One partner's figures need the book: its credit on a deal depends on the other partners
 * on that deal, and its tier median on every partner of the tier. So a partner is read from
 * the kept book.
 *
 * "Unchanged" is the replica's version as computations see it (db/derived-writes.ts), as
 * for the actions: any write invalidates, including the ROPI settings and the fiscal
 * calendar, except the writes of computed results (the health inputs per date).
 */
import type { RopiBook } from '../../../src-shared/methods/ropi';
import type { Db } from '../../db/connection';
import { bookVersion } from '../../db/derived-writes';
import { computeRopi } from './ropi';

interface Kept {
  asOf: string;
  version: string;
  book: RopiBook;
}

const kept = new WeakMap<Db, Kept>();
let computations = 0;

/** The book's ROPI on `asOf` with the stored settings: the kept one when nothing changed since, else computed now. */
export function cachedRopiBook(db: Db, asOf: string): RopiBook {
  const v = bookVersion(db);
  const k = kept.get(db);
  if (k && k.asOf === asOf && k.version === v) return k.book;
  const book = computeRopi(db, asOf);
  computations++;
  kept.set(db, { asOf, version: v, book });
  return book;
}

/** How many times the book was computed (for tests). */
export function ropiComputations(): number {
  return computations;
}
