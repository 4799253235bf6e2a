/**
 * `partnerbook import`: a book from spreadsheet files (CSV, TSV, Excel .xlsx) into a
 * replica — a new one, or the same one again after the export was updated (only the
 * differences are applied; removals need --confirm-removals).
 *
 * Without --mapping it proposes one from the headers and values; when any part of the
 * proposal is uncertain it stops, writes the proposal to --save-mapping and lists what to
 * check. Nothing is written when a row is bad (unless --skip-bad-rows), when a date column
 * reads both ways, or when removals are not confirmed: the replica is left exactly as it was.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { systemClock } from '../base/clock';
import { ServiceError } from '../base/errors';
import { openCliReplica } from './replica';
import { importTables, parseMapping, proposeFor, readFiles, type ImportResult } from '../services/import/service';
import { problemLine } from '../sources/spreadsheet/problems';
import { CERTAIN } from '../sources/spreadsheet/propose';
import { CliError, parseOptions, usageText, type CommandHelp } from './args';
import { replicaPath, WORKSPACE_HELP, WORKSPACE_OPTIONS, workspaceReplicaOfKind } from './workspace-option';

const OPTIONS = {
  db: { type: 'string' },
  ...WORKSPACE_OPTIONS,
  mapping: { type: 'string' },
  'save-mapping': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'skip-bad-rows': { type: 'boolean' },
  'confirm-removals': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const HELP: CommandHelp<typeof OPTIONS> = {
  usage: ['import [--db PATH|--workspace NAME] FILE... [--mapping M.json] [--save-mapping M.json] [--dry-run] [--skip-bad-rows] [--confirm-removals] [--json]'],
  summary: 'A book from spreadsheet files, in one transaction: only differences are written.',
  options: {
    ...WORKSPACE_HELP,
    workspace: ['NAME', 'a spreadsheet workspace of the data folder (created when there is none by that name), instead of --db'],
    mapping: ['M.json', 'the mapping file (README, "Spreadsheet import"); without it one is proposed'],
    'save-mapping': ['M.json', 'write the proposed (or used) mapping to this file'],
    'dry-run': 'check and count, write nothing',
    'skip-bad-rows': 'import without the rows that fail (they are listed)',
    'confirm-removals': 'remove what the files no longer hold',
    json: 'print the result as JSON',
  },
  notes: ['FILE: .csv, .tsv, .txt or .xlsx (every sheet); UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252.'],
};
const USAGE = usageText(HELP);

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS, HELP, true);
  if (positionals.length === 0) throw new CliError(`give the files to import\n${USAGE}`, 2);
  // A workspace made for this import is taken out again unless the import lands (a refused
  // mapping, bad rows or a dry run leave no empty book behind).
  const ws =
    values.workspace !== undefined && values.db === undefined
      ? workspaceReplicaOfKind(values, 'spreadsheet', 'imported book', (w) => `workspace '${w.name}' syncs from ${w.source.kind === 'demo' ? 'the demo PRM' : 'elsewhere'}; import spreadsheets into a workspace of their own`)
      : null;
  const dbPath = ws ? ws.path : replicaPath(values, USAGE);
  // A --db file this run would create is removed again unless the import lands: a dry run or
  // a refused import says "nothing was written" and leaves nothing behind.
  const newFile = !ws && !existsSync(dbPath);
  let landed = false;
  try {
    const ok = await importInto(dbPath, values, positionals);
    landed = ok && !values['dry-run'];
    return ok ? 0 : 1;
  } finally {
    ws?.settle(landed);
    if (newFile && !landed) for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
  }
}

/** Reads, maps and imports the files into the replica at `dbPath` (or checks them, on a dry run); whether that went through. */
async function importInto(dbPath: string, values: ReturnType<typeof parseOptions<typeof OPTIONS>>['values'], positionals: string[]): Promise<boolean> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const note = (s: string) => process.stderr.write(`${s}\n`);
  try {
    const tables = await readFiles(positionals.map((p) => resolve(p)));
    for (const t of tables) if (t.encodingNote) note(t.encodingNote);
    let mapping;
    if (values.mapping) {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(values.mapping, 'utf8'));
      } catch (err) {
        throw new CliError(`--mapping ${values.mapping} can't be read: ${(err as Error).message}`);
      }
      mapping = parseMapping(json, `--mapping ${values.mapping}`);
    } else {
      const proposal = proposeFor(tables);
      mapping = proposal.mapping;
      if (values['save-mapping']) writeFileSync(values['save-mapping'], `${JSON.stringify(mapping, null, 2)}\n`);
      if (proposal.uncertain.length > 0) {
        const where = values['save-mapping'] ? `The proposed mapping is in ${values['save-mapping']}` : 'Run again with --save-mapping M.json to get the proposed mapping';
        throw new CliError(
          `the mapping is not certain (below ${Math.round(CERTAIN * 100)}% confidence); nothing was imported. ${where}; check these, then import with --mapping:\n${proposal.uncertain.map((u) => `  ${u}`).join('\n')}`,
          3,
        );
      }
    }
    if (values.mapping && values['save-mapping']) writeFileSync(values['save-mapping'], `${JSON.stringify(mapping, null, 2)}\n`);

    const db = openCliReplica(dbPath);
    let result: ImportResult;
    try {
      result = importTables(db, systemClock, tables, mapping, {
        skipBadRows: values['skip-bad-rows'],
        confirmRemovals: values['confirm-removals'],
        dryRun: values['dry-run'],
      });
    } finally {
      db.close();
    }
    if (values.json) out(JSON.stringify(result));
    else report(result, out, note);
    return result.ok;
  } catch (err) {
    if (err instanceof ServiceError) throw new CliError(err.message);
    throw err;
  }
}

function report(r: ImportResult, out: (s: string) => void, note: (s: string) => void): void {
  // Counted by kind (--json also lists the first problems row by row): thousands of rows with one problem read as one line.
  for (const g of r.problems) note(`  ${problemLine(g)}`);
  const listed = r.problems.reduce((n, g) => n + g.rows, 0);
  if (r.errorCount > listed) note(`  … and ${(r.errorCount - listed).toLocaleString('en-US')} more problems of other kinds`);
  if (r.unassignedPartners > 0) {
    note(`  ${r.unassignedPartners.toLocaleString('en-US')} partner${r.unassignedPartners === 1 ? ' has' : 's have'} no owner in the files: listed under "Unassigned" (one of the users counted, not a CAM)`);
  }
  for (const q of r.questions) note(`  ${q.file}, column ${q.column}: day/month order? e.g. ${q.examples.map((x) => `'${x}'`).join(', ')}`);
  const t = r.outcome?.totals;
  if (r.outcome && t) {
    const lines = Object.entries(r.outcome.byEntity).map(
      ([e, c]) => `  ${e.padEnd(18)} ${String(c.added).padStart(7)} added ${String(c.changed).padStart(7)} changed ${String(c.removed).padStart(7)} removed`,
    );
    out(lines.join('\n'));
    if (!r.outcome.applied && t.removed > 0) for (const x of r.outcome.removals.slice(0, 20)) note(`  would remove ${x.entity} ${x.id}${x.name ? ` (${x.name})` : ''}`);
  }
  if (r.lastDate && r.ok) out(`The book's last date is ${r.lastDate}: views compute as of then.`);
  (r.ok ? out : note)(r.message);
}


