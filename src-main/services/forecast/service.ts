/**
 * The forecast service: every partner's next two quarters, one partner's detail, and the
 * backtest (compute.ts). The whole book is computed at once and kept until the replica
 * changes (`bookVersion`: any write to what the forecast reads, or to the settings), so the
 * Portfolio and the partner page read from memory. While a sync runs, the last forecast is
 * kept (it recomputes once the sync is over, not on every page).
 *
 * On a file-backed replica the computation runs in the forecast worker (worker/): seconds on
 * a large book, during which the API answers other calls (ARCHITECTURE §8). In memory
 * (tests) and without `background` (the CLI) it runs on the calling thread.
 */
import type { BacktestSummary, ForecastBook, ForecastPartnerDetail } from '../../../src-shared/methods/forecast';
import type { Clock } from '../../base/clock';
import { JOB_TRIES, untilUnchanged } from '../../base/until-unchanged';
import type { Db } from '../../db/connection';
import { bookVersion } from '../../db/derived-writes';
import { readCalendar } from '../calendar';
import { completeIndex, computeForecast, detailReader, forecastAll, type ForecastComputed } from './compute';
import { readHistory } from './history';
import { ForecastWorker, type ForecastWorkerOptions } from './worker/pool';

export interface ForecastServiceDeps {
  db: Db;
  clock: Clock;
  /** True while a sync applies pages: the kept forecast is served as it is meanwhile. */
  syncing?: () => boolean;
  /** Computes in the forecast worker when given and the replica is a file. */
  background?: ForecastWorkerOptions;
}

export interface ForecastService {
  book(asOf?: string): Promise<ForecastBook>;
  partner(id: string, asOf?: string): Promise<ForecastPartnerDetail>;
  backtest(asOf?: string): Promise<BacktestSummary | null>;
  /** Each partner's detail from one computation of the book, awaited (in the worker on a file-backed replica), then read synchronously. */
  details(asOf?: string): Promise<(id: string) => ForecastPartnerDetail>;
  /** The same, computed on the calling thread when not kept: a QBR pack built without readying its sources (tests, benches). */
  detailsHere(asOf?: string): (id: string) => ForecastPartnerDetail;
  /** Fits and forecasts the whole book from scratch on the calling thread, without the backtest; milliseconds (benchmark). */
  fitBook(asOf?: string): number;
  /** How many times the book was computed (tests). */
  computations(): number;
  /** Stops the worker (when the workspace closes). */
  close(): Promise<void>;
}

interface Kept {
  key: string;
  version: string;
  computed: ForecastComputed;
  details: (id: string) => ForecastPartnerDetail;
}

export function createForecastService(deps: ForecastServiceDeps): ForecastService {
  const { db, clock } = deps;
  const path = db.sqlite.name;
  const worker = deps.background && !db.sqlite.memory && path && path !== ':memory:' ? new ForecastWorker(path, deps.background) : null;
  const version = () => bookVersion(db);
  let kept: Kept | null = null;
  let running: { key: string; done: Promise<Kept> } | null = null;
  let count = 0;

  const resolve = (asOf?: string) => asOf ?? clock.today();
  // The fiscal year's first month names the quarters: a change to it is a new forecast.
  const keyOf = (d: string) => `${d}|${readCalendar(db).fiscalYearStartMonth}`;
  const fresh = (key: string) => kept !== null && kept.key === key && (kept.version === version() || deps.syncing?.() === true);
  const keep = (key: string, v: string, computed: ForecastComputed): Kept => {
    count++;
    kept = { key, version: v, computed, details: detailReader(computed) };
    return kept;
  };

  function computedHere(d: string): Kept {
    const key = keyOf(d);
    if (fresh(key)) return kept!;
    const v = version();
    return keep(key, v, computeForecast(db, d));
  }

  function computed(d: string): Promise<Kept> {
    const key = keyOf(d);
    if (fresh(key)) return Promise.resolve(kept!);
    if (!worker) return Promise.resolve(computedHere(d));
    if (running?.key === key) return running.done;
    // A sync moves the replica on every page: one run then, kept as the sync's forecast.
    const tries = deps.syncing?.() ? 1 : JOB_TRIES;
    const done = untilUnchanged(version, () => worker.book(d), tries).then(({ value, version: v }) => keep(key, v, value));
    const run = { key, done };
    running = run;
    const clear = () => {
      if (running === run) running = null;
    };
    done.then(clear, clear);
    return done;
  }

  return {
    book: async (asOf) => (await computed(resolve(asOf))).computed.book,
    partner: async (id, asOf) => (await computed(resolve(asOf))).details(id),
    backtest: async (asOf) => (await computed(resolve(asOf))).computed.book.backtest,
    details: async (asOf) => (await computed(resolve(asOf))).details,
    detailsHere: (asOf) => computedHere(resolve(asOf)).details,
    fitBook(asOf) {
      const d = resolve(asOf);
      const started = performance.now();
      const h = readHistory(db, d, readCalendar(db));
      forecastAll(h, completeIndex(h, d), d, false);
      return performance.now() - started;
    },
    computations: () => count,
    close: async () => {
      await worker?.close();
    },
  };
}
