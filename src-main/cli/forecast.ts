/**
 * `partnerbook forecast`: each partner's won revenue for the next two quarters with its
 * 80% interval, label (taking off / steady / stalling / too new to call) and drivers; with
 * --backtest, the rolling-origin backtest of the model against last quarter repeated and
 * the trailing 4-quarter average. Opens the replica read-only; reads go through the app's
 * API (`forecast.book`, `forecast.backtest`), validated by its schemas (cli/local-api.ts).
 */
import { formatMoneyShort, formatPercent } from '../../src-shared/format';
import { FORECAST_LABEL_TEXT, NO_DEALS_FOR_FORECAST, type BacktestSummary, type ErrorFigures } from '../../src-shared/methods/forecast';
import { parseOptions, usageText, type CommandHelp } from './args';
import { READ_OPTIONS, readHelp, withReadOnlyReplica } from './read-only';

const OPTIONS = { ...READ_OPTIONS, backtest: { type: 'boolean' } } as const;

const HELP: CommandHelp<typeof OPTIONS> = {
  usage: [
    'forecast [--db PATH|--workspace NAME] [--as-of YYYY-MM-DD] [--mine|--all] [--json]',
    'forecast --backtest [--db PATH|--workspace NAME] [--as-of YYYY-MM-DD] [--json]',
  ],
  summary:
    "Each partner's won revenue (sourced + influenced) for the next two quarters with an 80% range, a label and its drivers; or, with --backtest, how the forecast did on the book's own history. Opens the replica read-only.",
  options: {
    ...readHelp('forecast'),
    backtest: 'print the backtest (MAE, MAPE, 80% range coverage) of the model against last quarter repeated and the 4-quarter average',
  },
};
const USAGE = usageText(HELP);

const ARROW = { up: '↑ ', down: '↓ ', none: '' } as const;
const pct = (v: number | null) => (v === null ? '—' : formatPercent(v));

function backtestTable(b: BacktestSummary): string {
  const money = (v: number) => formatMoneyShort(v, b.currency);
  const row = (name: string, f: ErrorFigures, cov: string) => `${name.padEnd(26)} ${money(f.mae).padStart(10)} ${pct(f.mape).padStart(6)} ${cov.padStart(9)}`;
  return [
    `Backtest: origins ${b.origins[0] ?? '—'} to ${b.origins.at(-1) ?? '—'}, forecasting the next 1 and 2 quarters; ${b.n} partner-quarters (MAPE over the ${b.nonZero} with revenue).`,
    `${'forecast'.padEnd(26)} ${'MAE'.padStart(10)} ${'MAPE'.padStart(6)} ${'80% range'.padStart(9)}`,
    row('model', b.model, pct(b.coverage)),
    row('last quarter repeated', b.lastQuarter, ''),
    row('4-quarter average', b.trailing4, ''),
    ...b.byHorizon.map((h) => row(`model, ${h.horizon} quarter${h.horizon === 1 ? '' : 's'} ahead`, h.model, pct(h.coverage))),
    b.line,
  ].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, OPTIONS, HELP);
  return withReadOnlyReplica(values, USAGE, async ({ api, day, book: resolveBook }) => {
    if (values.backtest) {
      const b = await api.call('forecast.backtest', { asOf: day });
      if (values.json) process.stdout.write(`${JSON.stringify({ asOf: day, backtest: b })}\n`);
      else if (b) process.stdout.write(`${backtestTable(b)}\n`);
      else {
        // A book whose files hold no deals says so, not that its history is short.
        const noDeals = (await api.call('forecast.book', { asOf: day })).message === NO_DEALS_FOR_FORECAST;
        process.stdout.write(`${noDeals ? NO_DEALS_FOR_FORECAST : 'Not enough history on this book to backtest the forecast.'}\n`);
      }
      return 0;
    }
    const book = resolveBook();
    const f = await api.call('forecast.book', { asOf: day, scope: book.scope });
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ...f, scope: book.scope })}\n`);
      return 0;
    }
    if (f.message) {
      process.stdout.write(`${f.message}\n`);
      return 0;
    }
    const counts = { taking_off: 0, steady: 0, stalling: 0, too_new: 0 };
    for (const r of f.rows) counts[r.label]++;
    const lines = f.rows.map((r) => {
      const m = (v: number) => formatMoneyShort(v, r.currency);
      const q = r.next.map((n) => `${n.quarter} ${m(n.point)} (${m(n.low)}–${m(n.high)})`).join('  ');
      return `${r.id.padEnd(10)} ${FORECAST_LABEL_TEXT[r.label].padEnd(15)} ${q}  ${r.name}${r.drivers.length ? ` — ${r.drivers.map((d) => `${ARROW[d.effect]}${d.text}`).join('; ')}` : ''}`;
    });
    process.stdout.write(
      `${f.rows.length} partners${book.inBook} as of ${f.asOf}, forecast from ${f.origin} with 80% ranges: ${counts.taking_off} taking off, ${counts.steady} steady, ${counts.stalling} stalling, ${counts.too_new} too new to call.\n` +
        (f.backtest ? `${f.backtest.line}\n` : '') +
        `${lines.join('\n')}\n`,
    );
    return 0;
  });
}
