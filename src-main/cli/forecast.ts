/**
 * `partnerbook forecast`: each partner's won revenue for the next two quarters with its
 * 80% interval, label (taking off / steady / stalling / too new to call) and drivers; with
 * --backtest, the rolling-origin backtest of the model against last quarter repeated and
 * the trailing 4-quarter average. Opens the replica read-only; reads go through the app's
 * API (`forecast.book`, `forecast.backtest`), validated by its schemas (cli/local-api.ts).
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatMoneyShort, formatPercent } from '../../src-shared/format';
import { FORECAST_LABEL_TEXT, type BacktestSummary, type ErrorFigures } from '../../src-shared/methods/forecast';
import { fixedClock, systemClock } from '../base/clock';
import { createLocalApi, replicaClock } from './local-api';
import { openCliReplica } from './replica';
import { CliError, dateOption, parseOptions, usageText, type CommandHelp } from './args';
import { replicaPath, WORKSPACE_HELP, WORKSPACE_OPTIONS } from './workspace-option';
import { resolveScope, scopeFlag, SCOPE_HELP } from './scope';

const OPTIONS = {
  db: { type: 'string' },
  ...WORKSPACE_OPTIONS,
  'as-of': { type: 'string' },
  backtest: { type: 'boolean' },
  mine: { type: 'boolean' },
  all: { type: 'boolean' },
  scope: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const HELP: CommandHelp<typeof OPTIONS> = {
  usage: [
    'forecast [--db PATH|--workspace NAME] [--as-of YYYY-MM-DD] [--mine|--all] [--json]',
    'forecast --backtest [--db PATH|--workspace NAME] [--as-of YYYY-MM-DD] [--json]',
  ],
  summary:
    "Each partner's won revenue (sourced + influenced) for the next two quarters with an 80% range, a label and its drivers; or, with --backtest, how the forecast did on the book's own history. Opens the replica read-only.",
  options: {
    ...WORKSPACE_HELP,
    'as-of': ['YYYY-MM-DD', 'forecast as of this day (default: today, or the last day of an imported book)'],
    backtest: 'print the backtest (MAE, MAPE, 80% range coverage) of the model against last quarter repeated and the 4-quarter average',
    ...SCOPE_HELP,
    json: 'print JSON instead of lines',
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
  const dbPath = replicaPath(values, USAGE);
  if (!existsSync(dbPath)) throw new CliError(`no replica at ${dbPath} (run \`partnerbook sync\` first)`);
  const asOf = dateOption(values['as-of'], '--as-of');
  const askedScope = scopeFlag(values);
  const db = openCliReplica(dbPath, { readonly: true });
  const clock = asOf ? fixedClock(asOf) : replicaClock(db, systemClock);
  const api = createLocalApi({ db, clock, dataDir: dirname(dbPath) });
  try {
    const day = clock.today();
    if (values.backtest) {
      const b = await api.call('forecast.backtest', { asOf: day });
      if (values.json) process.stdout.write(`${JSON.stringify({ asOf: day, backtest: b })}\n`);
      else process.stdout.write(`${b ? backtestTable(b) : 'Not enough history on this book to backtest the forecast.'}\n`);
      return 0;
    }
    const book = resolveScope(db, askedScope);
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
  } finally {
    await api.close();
    db.close();
  }
}
