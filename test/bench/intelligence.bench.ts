/**
 * `npm run bench:intelligence` — the revenue forecast (issue 16, point 1). Prints figures;
 * asserts nothing.
 *
 * Names as in test/bench/figures.ts:
 * - fit_ms: reading the large book's quarterly history, fitting both horizons and
 *   forecasting every partner (no backtest), median of 3
 * - fit_floor_ms: the cold recompute of the 8 trend quarters of health on the same book (as
 *   bench:health measures it), median of 3, in this same run, interleaved with the fits;
 *   fit_ratio = fit_ms ÷ fit_floor_ms (target ≤ ~3)
 * - backtest_ms: reading the medium demo book's history and the rolling-origin backtest on
 *   it, with its figures; backtest_floor_ms: reading that history alone (the backtest's input
 *   read), median of 3; backtest_ratio
 * - voice: voice.book's first read of the book (the sentiment model's load included: once
 *   per process) and a second one (readings kept per text); score_ms: scoring N distinct
 *   comments with the model loaded — the book's PSAT comments each made distinct by its
 *   answer's id, as a book of free-text answers would be (the demo book repeats a few dozen)
 * - ropi: the book's ROPI computed (cold_ms) and read again while the replica is unchanged
 *   (kept_ms: what ropi.partner and the next ropi.book cost)
 * - load1, cores; the book's scale with --scale / BENCH_SCALE (default large)
 *
 * Last line: {"bench":"intelligence","scale":"large","fit_ms":N,"fit_floor_ms":N,"fit_ratio":N,"backtest_ms":N,"backtest_floor_ms":N,"backtest_ratio":N,"load1":N,…,"floors":{…},"medium":{…}}
 */
import { openDb } from '../../src-main/db/connection';
import { fixedClock } from '../../src-main/base/clock';
import { createHealthService } from '../../src-main/services/health/service';
import { backtest } from '../../src-main/services/forecast/backtest';
import { readHistory } from '../../src-main/services/forecast/history';
import { completeIndex } from '../../src-main/services/forecast/compute';
import { createForecastService } from '../../src-main/services/forecast/service';
import { cachedRopiBook } from '../../src-main/services/ropi/cache';
import { bookVoice } from '../../src-main/services/voice/service';
import { sentimentOf } from '../../src-main/services/voice/sentiment';
import { matchThemes } from '../../src-main/services/voice/lexicon';
import { DEFAULT_VOICE_SETTINGS } from '../../src-shared/methods/voice';
import { benchScale, machine, median, withFloor } from './figures';
import { cachedReplica, type BookKey } from './large-replica';

const AS_OF = '2026-11-20';
const log = (m: string) => process.stderr.write(`[bench:intelligence] ${m}\n`);
const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const scale = benchScale();
  const large = await cachedReplica({ seed: 42, scale: scale as BookKey['scale'], asOf: AS_OF }, log);
  const medium = await cachedReplica({ seed: 42, scale: 'medium', asOf: AS_OF }, log);
  log(`load average (1 min) ${machine().load1} on this machine (figures are noisy when it is busy)`);

  // Read-only opens: the cached replicas are shared by every bench.
  const db = openDb(large, { readonly: true });
  const recomputes: number[] = [];
  const fits: number[] = [];
  const ms = (fn: () => unknown) => {
    const t0 = performance.now();
    fn();
    return round(performance.now() - t0);
  };
  const voice: Record<string, number> = {};
  const ropi: Record<string, number> = {};
  try {
    const partners = db.sqlite.prepare('SELECT count(*) FROM partner').pluck().get() as number;
    log(`${scale} book: ${partners.toLocaleString('en-US')} partners`);
    const health = createHealthService({ db, clock: fixedClock(AS_OF) });
    const forecast = createForecastService({ db, clock: fixedClock(AS_OF) });
    for (let i = 0; i < 3; i++) {
      health.invalidate();
      recomputes.push(health.recompute());
      fits.push(forecast.fitBook());
    }
    log(`cold health recompute of 8 quarters (the floor): ${recomputes.map(round).join(', ')} ms`);
    log(`fit and forecast the book: ${fits.map(round).join(', ')} ms (${round(median(fits) / median(recomputes))}× the floor)`);

    const first = ms(() => bookVoice(db, AS_OF, null));
    const second = ms(() => bookVoice(db, AS_OF, null));
    const texts = (
      db.sqlite.prepare("SELECT id, trim(comment) AS c FROM psat_response WHERE comment IS NOT NULL AND trim(comment) <> ''").all() as { id: string; c: string }[]
    ).map((r) => `${r.c} Ref ${r.id}.`);
    const score = ms(() => {
      for (const t of texts) {
        sentimentOf(t, DEFAULT_VOICE_SETTINGS);
        matchThemes(t, DEFAULT_VOICE_SETTINGS);
      }
    });
    Object.assign(voice, { first_ms: first, second_ms: second, score_ms: score, distinct: texts.length });
    log(`voice.book: first read ${first} ms (model load included), second ${second} ms; scoring ${texts.length.toLocaleString('en-US')} distinct comments ${score} ms`);
    const cold = ms(() => cachedRopiBook(db, AS_OF));
    const kept = ms(() => cachedRopiBook(db, AS_OF));
    Object.assign(ropi, { cold_ms: cold, kept_ms: kept });
    log(`ROPI of the book: computed ${cold} ms, kept ${kept} ms`);
  } finally {
    db.close();
  }

  const mdb = openDb(medium, { readonly: true });
  try {
    const reads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r0 = performance.now();
      readHistory(mdb, AS_OF);
      reads.push(performance.now() - r0);
    }
    const t = performance.now();
    const h = readHistory(mdb, AS_OF);
    const b = backtest(h, completeIndex(h, AS_OF));
    const backtestMs = performance.now() - t;
    const money = (v: number) => Math.round(v / 100);
    log(`medium book backtest (${round(backtestMs)} ms): origins ${b.origins[0]}–${b.origins.at(-1)}, ${b.n} partner-quarters (${b.nonZero} non-zero)`);
    log(`  MAE  model ${money(b.model.mae)}  last quarter ${money(b.lastQuarter.mae)}  4-quarter average ${money(b.trailing4.mae)} (major units)`);
    log(`  MAPE model ${b.model.mape?.toFixed(3)}  last quarter ${b.lastQuarter.mape?.toFixed(3)}  4-quarter average ${b.trailing4.mape?.toFixed(3)}`);
    log(`  80% range coverage ${b.coverage.toFixed(3)}`);
    const line = {
      bench: 'intelligence',
      scale,
      ...withFloor('fit', fits, recomputes),
      target_ratio: 3,
      ...withFloor('backtest', [backtestMs], reads),
      voice,
      ropi,
      ...machine(),
      floors: {
        fit: `the cold recompute of the 8 trend quarters of health on the same ${scale} book`,
        backtest: "reading the medium book's quarterly history (the backtest's input)",
      },
      medium: {
        n: b.n,
        mae: { model: money(b.model.mae), last_quarter: money(b.lastQuarter.mae), trailing4: money(b.trailing4.mae) },
        mape: { model: b.model.mape, last_quarter: b.lastQuarter.mape, trailing4: b.trailing4.mape },
        coverage: b.coverage,
      },
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    mdb.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:intelligence failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
