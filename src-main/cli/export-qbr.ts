/**
 * `partnerbook export-qbr`: QBR packs from a replica file.
 *   one partner: --partner ID --quarter YYYY-Qn --out FILE.pptx|FILE.pdf
 *   a batch:     --all [--mine|--scope all] [--owner ID] [--tier T] [--status S] [--region R] --out DIR [--format pptx|pdf]
 * A batch covers my book or every partner (cli/scope.ts; default as in the app; an explicit
 * --owner alone looks at every partner).
 *
 * Both go through the app's API, like the desktop app's export (`qbr.chooseDestination`,
 * then `qbr.export` or `qbr.batch.start`, validated by their schemas; cli/local-api.ts):
 * the path typed after --out plays the part of the save dialog. A batch gets a new folder
 * of its own inside --out DIR ("QBR Q4 2026 — 2026-11-30 10-42", " (2)" when taken), so a
 * batch never overwrites an earlier one's decks or index.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openCliReplica, refuseArrivingBook } from './replica';
import { asOfClock, systemClock } from '../base/clock';
import { createLocalApi, replicaClock } from './local-api';
import { CliError, dateOption, parseOptions, quarterOption, requireOption, usageText, type CommandHelp } from './args';
import { replicaPath, WORKSPACE_HELP, WORKSPACE_OPTIONS } from './workspace-option';
import { resolveScope, scopeFlag } from './scope';

const OPTIONS = {
  db: { type: 'string' },
  ...WORKSPACE_OPTIONS,
  partner: { type: 'string' },
  quarter: { type: 'string' },
  out: { type: 'string' },
  all: { type: 'boolean' },
  mine: { type: 'boolean' },
  scope: { type: 'string' },
  owner: { type: 'string' },
  tier: { type: 'string' },
  status: { type: 'string' },
  region: { type: 'string' },
  format: { type: 'string' },
  'as-of': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const HELP: CommandHelp<typeof OPTIONS> = {
  usage: [
    'export-qbr [--db PATH|--workspace NAME] --partner ID [--quarter YYYY-Qn] --out FILE.pptx|FILE.pdf [--as-of YYYY-MM-DD]',
    'export-qbr [--db PATH|--workspace NAME] --all [--mine|--scope all] [--owner ID] [--tier T] [--status S] [--region R] [--quarter YYYY-Qn] --out DIR [--format pptx|pdf] [--as-of YYYY-MM-DD] [--json]',
  ],
  summary: 'One QBR deck (editable PowerPoint; PDF through LibreOffice), or a batch for a filtered book in a new folder with an index.',
  options: {
    ...WORKSPACE_HELP,
    partner: ['ID', 'the partner of the one deck'],
    quarter: ['YYYY-Qn', 'the quarter under review, a quarter of the book’s fiscal year (default: the quarter of --as-of, to that day)'],
    out: ['FILE|DIR', 'the deck file (.pptx or .pdf), or with --all the folder the batch folder is made in'],
    all: 'a batch: one deck per partner of the filtered book',
    mine: "with --all: my book (the partners I own; a manager: my team's)",
    scope: ['mine|all', 'with --all: my book or every partner (default as remembered in the app)'],
    owner: ['ID', 'with --all: only the partners of this owner'],
    tier: ['T', 'with --all: only partners of this tier'],
    status: ['S', 'with --all: only partners with this PRM status'],
    region: ['R', 'with --all: only partners in this region'],
    format: ['pptx|pdf', 'with --all: the decks\' format (default pptx)'],
    'as-of': ['YYYY-MM-DD', 'compute as of this day (default: today, or the last day of an imported book)'],
    json: 'with --all: print the batch report as JSON',
  },
};
const USAGE = usageText(HELP);

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, OPTIONS, HELP);
  const dbPath = replicaPath(values, USAGE);
  if (!existsSync(dbPath)) throw new CliError(`no replica at ${dbPath} (run \`partnerbook sync\` first)`);
  const out = resolve(requireOption(values.out, '--out', USAGE));
  const quarter = quarterOption(values.quarter, '--quarter');
  const asOf = dateOption(values['as-of'], '--as-of');
  if (values.all && values.partner) throw new CliError(`use either --partner or --all\n${USAGE}`, 2);
  if (!values.all && !values.partner) throw new CliError(`missing --partner or --all\n${USAGE}`, 2);
  // --all means "a batch" here: the book is chosen with --mine or --scope.
  const askedScope = scopeFlag({ mine: values.mine, scope: values.scope }) ?? (values.owner ? 'all' : undefined);
  const statuses = ['onboarding', 'active', 'at_risk', 'churned'] as const;
  const regions = ['NA', 'LATAM', 'EMEA', 'APAC'] as const;
  if (values.status !== undefined && !(statuses as readonly string[]).includes(values.status)) {
    throw new CliError(`--status must be one of ${statuses.join(', ')}`, 2);
  }
  if (values.region !== undefined && !(regions as readonly string[]).includes(values.region)) {
    throw new CliError(`--region must be one of ${regions.join(', ')}`, 2);
  }

  const db = openCliReplica(dbPath);
  const clock = asOf ? asOfClock(asOf) : replicaClock(db, systemClock);
  const dataDir = resolve(dbPath, '..');
  try {
    refuseArrivingBook(db, dbPath, 'a QBR deck made now');
    if (values.partner) {
      const format = out.toLowerCase().endsWith('.pdf') ? 'pdf' : out.toLowerCase().endsWith('.pptx') ? 'pptx' : null;
      if (!format) throw new CliError(`--out must end in .pptx or .pdf, got '${values.out}'`, 2);
      const api = createLocalApi({ db, clock, dataDir, chooseDestination: async () => out });
      try {
        const chosen = await api.call('qbr.chooseDestination', { kind: 'file', format });
        if (!chosen) throw new CliError(`--out ${values.out} was not taken as the place to save the deck`);
        const r = await api.call('qbr.export', { partnerId: values.partner, ...(quarter ? { quarter } : {}), format, destination: chosen.id });
        process.stdout.write(values.json ? `${JSON.stringify(r)}\n` : `${r.path} (${r.slides} slides, ${Math.round(r.bytes / 1024)} KB, ${r.ms} ms)\n`);
        return 0;
      } finally {
        await api.close();
      }
    }
    const format = (values.format ?? 'pptx').toLowerCase();
    if (format !== 'pptx' && format !== 'pdf') throw new CliError(`--format must be pptx or pdf, got '${values.format}'`, 2);
    const book = resolveScope(db, askedScope);
    const api = createLocalApi({ db, clock, dataDir, chooseDestination: async () => out });
    try {
      const chosen = await api.call('qbr.chooseDestination', { kind: 'folder', format, ...(quarter ? { quarter } : {}) });
      if (!chosen) throw new CliError(`--out ${values.out} was not taken as the place to save the decks`);
      const filter = {
        scope: book.scope,
        ...(values.owner ? { ownerId: values.owner } : {}),
        ...(values.tier ? { tierId: values.tier } : {}),
        ...(values.status ? { status: values.status as (typeof statuses)[number] } : {}),
        ...(values.region ? { region: values.region as (typeof regions)[number] } : {}),
      };
      const started = await api.call('qbr.batch.start', { filter, ...(quarter ? { quarter } : {}), format, destination: chosen.id });
      const onSigint = () => void api.call('qbr.batch.cancel', { id: started.id }).catch(() => undefined);
      process.once('SIGINT', onSigint);
      let s = started;
      let shown = 0;
      try {
        while (s.state === 'running') {
          await new Promise((r) => setTimeout(r, 250));
          s = (await api.call('qbr.batch.status', { id: started.id }))!;
          if (!values.json && s.done + s.failed !== shown) {
            shown = s.done + s.failed;
            process.stderr.write(`  ${shown}/${s.total}${s.failed ? ` (${s.failed} failed)` : ''}\n`);
          }
        }
      } finally {
        process.off('SIGINT', onSigint);
      }
      if (values.json) process.stdout.write(`${JSON.stringify(s)}\n`);
      else {
        for (const i of s.items.filter((x) => x.status === 'failed')) process.stderr.write(`  failed: ${i.partnerId} ${i.partnerName}: ${i.error}\n`);
        if (s.state === 'done' && s.message) process.stderr.write(`  note: ${s.message}\n`);
        process.stdout.write(`${s.done} of ${s.total} ${format.toUpperCase()} decks${book.inBook}, in ${s.dir}${s.failed ? `, ${s.failed} failed` : ''} (${s.state}); index: ${s.indexPath}\n`);
      }
      return s.state === 'done' && s.failed === 0 ? 0 : 1;
    } finally {
      await api.close();
    }
  } finally {
    db.close();
  }
}
