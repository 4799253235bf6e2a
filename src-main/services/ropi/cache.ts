/**
 * The book's ROPI kept between calls while the replica is unchanged, so the ROPI page, the
 * partner page and the Portfolio's columns share one computation (about half a second to
 * several on a large book) instead of each recomputing the whole book.
 *
 * One partner's figures need the book: its credit on a deal depends on the other partners
 * on that deal, and its tier median on every partner of the tier. So a partner is read from
 * the kept book.
 *
 * "Unchanged" is the replica's version as computations see it (db/derived-writes.ts), as
 * for the actions: any write invalidates, including the ROPI settings and the fiscal
 * calendar, except the writes of computed results (the health inputs per date).
 *
 * The API computes it in a book worker on a file-backed replica (`ropiBook` with a worker),
 * so other calls are answered meanwhile; tests, benches and a replica in memory compute on
 * the calling thread (`cachedRopiBook`). Both keep the same result.
 */
import type { RopiBook } from '../../../src-shared/methods/ropi';
import type { Db } from '../../db/connection';
import { bookVersion } from '../../db/derived-writes';
import { keptResult, type KeptResult } from '../book-worker/kept';
import type { BookWorker } from '../book-worker/pool';
import { computeRopi } from './ropi';

const kept = new WeakMap<Db, KeptResult<RopiBook>>();
let computations = 0;

function keptFor(db: Db): KeptResult<RopiBook> {
  let k = kept.get(db);
  if (!k) kept.set(db, (k = keptResult<RopiBook>(() => bookVersion(db))));
  return k;
}

function counted(book: RopiBook): RopiBook {
  computations++;
  return book;
}

/** The book's ROPI on `asOf` with the stored settings: the kept one when nothing changed since, else computed now on this thread. */
export function cachedRopiBook(db: Db, asOf: string): RopiBook {
  return keptFor(db).here(asOf, () => counted(computeRopi(db, asOf)));
}

/**
 * The same, computed in `worker` when there is one (the API answers other calls meanwhile);
 * `retry` false while a sync applies pages (a run is not made again for each page).
 */
export function ropiBook(db: Db, asOf: string, worker: BookWorker | null, retry = true): Promise<RopiBook> {
  if (!worker) return Promise.resolve(cachedRopiBook(db, asOf));
  return keptFor(db).inBackground(asOf, async () => counted(await worker.ropi(asOf)), retry);
}

/** How many times the book was computed (for tests). */
export function ropiComputations(): number {
  return computations;
}
