/**
 * The forecast service: every partner's next two quarters, one partner's detail, and the
 * backtest (compute.ts). The whole book is computed at once and kept until the replica
 * changes (`bookVersion`: any write to what the forecast reads, or to the settings), so the
 * Portfolio and the partner page read from memory. While a sync runs, the last forecast is
 * kept (it recomputes once the sync is over, not on every page).
 *
 * On a file-backed replica the computation runs in a book worker (../book-worker/): seconds
 * on a large book, during which the API answers other calls (ARCHITECTURE §10). In memory
 * (tests) and without `background` (the CLI) it runs on the calling thread.
 */
import type { BacktestSummary, ForecastBook, ForecastPartnerDetail } from '../../../src-shared/methods/forecast';
import type { Clock } from '../../base/clock';
import type { Db } from '../../db/connection';
import type { EventBus } from '../../events';
import { bookVersion } from '../../db/derived-writes';
import { keptResult } from '../book-worker/kept';
import { bookWorkerFor, type BookWorkerOptions } from '../book-worker/pool';
import { readCalendar } from '../calendar';
import { completeIndex, computeForecast, detailReader, forecastAll, type ForecastComputed } from './compute';
import { readHistory } from './history';

export interface ForecastServiceDeps {
  db: Db;
  clock: Clock;
  /** True while a sync applies pages: the kept forecast is served as it is meanwhile. */
  syncing?: () => boolean;
  /** Computes in a book worker when given and the replica is a file. */
  background?: BookWorkerOptions;
  /** Told `data.changed` ['forecast'] when a forecast computed in the worker lands (a QBR preview shown without it asks again). */
  events?: EventBus;
}

export interface ForecastService {
  book(asOf?: string): Promise<ForecastBook>;
  partner(id: string, asOf?: string): Promise<ForecastPartnerDetail>;
  backtest(asOf?: string): Promise<BacktestSummary | null>;
  /** Each partner's detail from one computation of the book, awaited (in the worker on a file-backed replica), then read synchronously. */
  details(asOf?: string): Promise<(id: string) => ForecastPartnerDetail>;
  /** The same, computed on the calling thread when not kept: a QBR pack built without readying its sources (tests, benches). */
  detailsHere(asOf?: string): (id: string) => ForecastPartnerDetail;
  /**
   * The details when the forecast is kept (or, without a worker, computed now); else null,
   * and its computation is started in the worker (`data.changed` ['forecast'] when it lands).
   * Throws the worker's error when its last run failed on the replica as it is.
   */
  keptDetails(asOf?: string): ((id: string) => ForecastPartnerDetail) | null;
  /** Fits and forecasts the whole book from scratch on the calling thread, without the backtest; milliseconds (benchmark). */
  fitBook(asOf?: string): number;
  /** How many times the book was computed (tests). */
  computations(): number;
  /** Stops the worker (when the workspace closes). */
  close(): Promise<void>;
}

interface Computed {
  computed: ForecastComputed;
  details: (id: string) => ForecastPartnerDetail;
}

const withDetails = (computed: ForecastComputed): Computed => ({ computed, details: detailReader(computed) });

export function createForecastService(deps: ForecastServiceDeps): ForecastService {
  const { db, clock } = deps;
  const worker = bookWorkerFor(db, deps.background, {
    failure: 'Computing the forecast failed',
    closed: 'The workspace was closed while its forecast was being computed.',
    // Seconds on a large book: the panels that wait for it say how far it has got.
    progress: (p) => deps.events?.emit('forecast.progress', p),
  });
  // A forecast from the worker is announced: a QBR preview made without it asks again.
  const kept = keptResult<Computed>(() => bookVersion(db), { syncing: deps.syncing, landed: () => deps.events?.emit('data.changed', { entities: ['forecast'] }) });
  const resolve = (asOf?: string) => asOf ?? clock.today();
  // The fiscal year's first month names the quarters: a change to it is a new forecast.
  const keyOf = (d: string) => `${d}|${readCalendar(db).fiscalYearStartMonth}`;
  const here = (d: string) => kept.here(keyOf(d), () => withDetails(computeForecast(db, d)));
  const computed = (d: string): Promise<Computed> =>
    worker
      ? kept.inBackground(keyOf(d), async () => withDetails(await worker.forecast(d)))
      : Promise.resolve(here(d));

  return {
    book: async (asOf) => (await computed(resolve(asOf))).computed.book,
    partner: async (id, asOf) => (await computed(resolve(asOf))).details(id),
    backtest: async (asOf) => (await computed(resolve(asOf))).computed.book.backtest,
    details: async (asOf) => (await computed(resolve(asOf))).details,
    detailsHere: (asOf) => here(resolve(asOf)).details,
    keptDetails(asOf) {
      const d = resolve(asOf);
      if (!worker) return here(d).details;
      const key = keyOf(d);
      const hit = kept.peek(key);
      if (hit) return hit.details;
      const failure = kept.failure(key);
      if (failure) throw failure;
      // A failure is kept (above) for the next preview, and said by the next call that awaits it.
      computed(d).catch(() => undefined);
      return null;
    },
    fitBook(asOf) {
      const d = resolve(asOf);
      const started = performance.now();
      const h = readHistory(db, d, readCalendar(db));
      forecastAll(h, completeIndex(h, d), d, false);
      return performance.now() - started;
    },
    computations: () => kept.computations(),
    close: async () => {
      await worker?.close();
    },
  };
}
