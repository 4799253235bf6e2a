/**
 * `npm run bench:intelligence` — the revenue forecast (issue 16, point 1). Prints figures;
 * asserts nothing.
 *
 * - health_recompute_ms: the cold recompute of the 8 trend quarters of health on the large
 *   demo book (as bench:health measures it), median of 3, in this same run: the floor.
 * - fit_ms: reading the large book's quarterly history, fitting both horizons and
 *   forecasting every partner (no backtest), median of 3; fit_ratio = fit_ms ÷ the floor
 *   (target ≤ ~3).
 * - backtest_ms: the rolling-origin backtest on the medium demo book, with its figures.
 *
 * Last line: {"bench":"intelligence","health_recompute_ms":N,"fit_ms":N,"fit_ratio":N,"backtest_ms":N,"medium":{…}}
 */
import { loadavg } from 'node:os';
import { openDb } from '../../src-main/db/connection';
import { fixedClock } from '../../src-main/base/clock';
import { createHealthService } from '../../src-main/services/health/service';
import { backtest } from '../../src-main/services/forecast/backtest';
import { readHistory } from '../../src-main/services/forecast/history';
import { completeIndex, createForecastService } from '../../src-main/services/forecast/service';
import { cachedReplica } from './large-replica';

const AS_OF = '2026-11-20';
const log = (m: string) => process.stderr.write(`[bench:intelligence] ${m}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const large = await cachedReplica({ seed: 42, scale: 'large', asOf: AS_OF }, log);
  const medium = await cachedReplica({ seed: 42, scale: 'medium', asOf: AS_OF }, log);
  log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on this machine (figures are noisy when it is busy)`);

  // Read-only opens: the cached replicas are shared by every bench.
  const db = openDb(large, { readonly: true });
  let recompute: number;
  let fit: number;
  try {
    const partners = db.sqlite.prepare('SELECT count(*) FROM partner').pluck().get() as number;
    log(`large book: ${partners.toLocaleString('en-US')} partners`);
    const health = createHealthService({ db, clock: fixedClock(AS_OF) });
    const recomputes: number[] = [];
    for (let i = 0; i < 3; i++) {
      health.invalidate();
      recomputes.push(health.recompute());
    }
    recompute = median(recomputes);
    log(`cold health recompute of 8 quarters (the floor): ${recomputes.map(round).join(', ')} ms`);
    const forecast = createForecastService({ db, clock: fixedClock(AS_OF) });
    const fits: number[] = [];
    for (let i = 0; i < 3; i++) fits.push(forecast.fitBook());
    fit = median(fits);
    log(`fit and forecast the large book: ${fits.map(round).join(', ')} ms (${round(fit / recompute)}× the floor)`);
  } finally {
    db.close();
  }

  const mdb = openDb(medium, { readonly: true });
  try {
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
      health_recompute_ms: round(recompute),
      fit_ms: round(fit),
      fit_ratio: round(fit / recompute),
      backtest_ms: round(backtestMs),
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
