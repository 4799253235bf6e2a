/**
 * The spreadsheet import, for the API, the CLI and tests: read the files, propose or take
 * a mapping, build the book (sources/spreadsheet/), and apply it to a replica in one
 * transaction (sync/import.ts). An import with bad rows applies nothing unless the user
 * chose to skip them; an import that would remove rows applies nothing until the removals
 * are confirmed. What was imported (files, mapping, coverage, the book's last date) is kept
 * in the replica for re-imports and for "no data" in health and decks.
 */
import { basename } from 'node:path';
import { UNASSIGNED_OWNER } from '../../../src-shared/domain/entities';
import { importMappingSchema, type ImportMapping } from '../../../src-shared/domain/import-mapping';
import { NO_ORDERS_MISSING, type ImportProgress, type TablePreview } from '../../../src-shared/methods/import';
import type { EntityName } from '../../../src-shared/domain/entities';
import type { Clock } from '../../base/clock';
import { ServiceError } from '../../base/errors';
import type { Db } from '../../db/connection';
import { IMPORTED_BOOK } from '../../db/integrity';
import { readSetting } from '../../settings';
import { buildBook, type BookCoverage } from '../../sources/spreadsheet/book';
import type { RowError } from '../../sources/spreadsheet/cells';
import { groupProblems, type ProblemGroup } from '../../sources/spreadsheet/problems';
import { proposeMapping, type Proposal } from '../../sources/spreadsheet/propose';
import { CellBudget, IMPORT_MAX_CELLS, readSpreadsheet, SpreadsheetError, type RawTable } from '../../sources/spreadsheet/read';
import { SPREADSHEET_CURSOR } from '../../sources/spreadsheet/source';
import type { DateQuestion, UnknownValues } from '../../sources/spreadsheet/rows';
import { applyImport, type ImportOutcome } from '../../sync/import';
import { getState } from '../../sync/state';
import { z } from 'zod';
import type { BookFact } from '../health/measures';
import { sourceAbsentFacts } from '../source-coverage';

/** Errors listed in full; the rest are counted. */
export const MAX_LISTED_ERRORS = 100;

export interface ImportOptions {
  /** Import the good rows and leave out the bad ones (listed), instead of refusing the import. */
  skipBadRows?: boolean;
  confirmRemovals?: boolean;
  dryRun?: boolean;
  signal?: AbortSignal;
  /** Told where the import is (checking the rows, writing the changes). */
  progress?: (p: ImportProgress) => void;
}

export interface ImportResult {
  /** Applied (or, for a dry run, would apply cleanly). */
  ok: boolean;
  outcome: ImportOutcome | null;
  errors: RowError[];
  errorCount: number;
  /** Every problem counted by kind (file, column, what is wrong), the largest group first. */
  problems: ProblemGroup[];
  /** Rows with at least one problem (a row can have several): what skipping leaves out. */
  badRows: number;
  /** The good lines of orders with a bad line: skipping leaves them out too, with their order. */
  orderLinesLeftOut: number;
  /** The first records of each entity as they will be stored (the preview's sample rows). */
  samples: Record<string, Record<string, unknown>[]>;
  questions: DateQuestion[];
  unknownValues: UnknownValues[];
  rowsRead: Record<string, number>;
  records: Partial<Record<EntityName, number>>;
  /** Partners the files name no owner for: under the placeholder owner "Unassigned" (one of `records.user`, not from the files). */
  unassignedPartners: number;
  coverage: BookCoverage | null;
  lastDate: string | null;
  /** One sentence: what happened or why nothing was written. */
  message: string;
}

/** Reads every file (every sheet of an .xlsx); a file that cannot be read is one plain sentence. */
export async function readFiles(paths: readonly string[], signal?: AbortSignal): Promise<RawTable[]> {
  if (paths.length === 0) throw new ServiceError('invalid_input', 'Choose at least one CSV, TSV or Excel file.');
  const names = new Set<string>();
  const out: RawTable[] = [];
  // One budget for all the files: together they are what the import holds.
  const budget = new CellBudget(IMPORT_MAX_CELLS);
  for (const p of paths) {
    const name = basename(p).toLowerCase();
    if (names.has(name)) throw new ServiceError('invalid_input', `Two files are named ${basename(p)}; rename one: the mapping tells files apart by name.`);
    names.add(name);
    try {
      out.push(...(await readSpreadsheet(p, { signal, budget })));
    } catch (err) {
      if (err instanceof SpreadsheetError) throw new ServiceError('invalid_input', err.message);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ServiceError('invalid_input', `There is no file at ${p}.`);
      throw err;
    }
  }
  return out;
}

export function proposeFor(tables: readonly RawTable[], name?: string): Proposal {
  return proposeMapping(tables, name);
}

/** What the wizard's mapping step shows of the files (headers, the first rows, counts) and the mapping proposed for them. */
export interface Inspected {
  tables: TablePreview[];
  proposal: Proposal;
}

export function inspectTables(tables: readonly RawTable[], name?: string): Inspected {
  return {
    tables: tables.map((t) => ({ file: t.file, sheet: t.sheet, headers: t.headers, sample: t.rows.slice(0, 5).map((r) => r.cells), rows: t.rows.length, encoding: t.encoding, encodingNote: t.encodingNote ?? null })),
    proposal: proposeFor(tables, name),
  };
}

/** A mapping file's contents, checked; a plain sentence naming the first problem. */
export function parseMapping(json: unknown, where = 'the mapping'): ImportMapping {
  const r = importMappingSchema.safeParse(json);
  if (r.success) return r.data;
  const i = r.error.issues[0]!;
  throw new ServiceError('invalid_input', `${where}: ${i.path.map(String).join('.') || 'file'}: ${i.message}.`);
}

export function importTables(db: Db, clock: Clock, tables: readonly RawTable[], mapping: ImportMapping, opts: ImportOptions = {}): ImportResult {
  const cursor = getState(db.sqlite, 'cursor');
  if (cursor !== null && cursor !== SPREADSHEET_CURSOR) {
    throw new ServiceError('invalid_input', 'This replica is synced from a PRM; import spreadsheets into a new replica or a spreadsheet workspace of their own.');
  }
  opts.progress?.({ phase: 'checking', count: tables.reduce((n, t) => n + t.rows.length, 0) });
  const book = buildBook(tables, mapping);
  // An order left out whole with its bad line is a consequence, not one more problem.
  const problemErrors = book.errors.filter((e) => e.orderLines === undefined);
  const records = Object.fromEntries([...book.records].map(([e, m]) => [e, m.size])) as ImportResult['records'];
  const base = {
    errors: book.errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: book.errors.length,
    problems: groupProblems(book.errors),
    badRows: new Set(problemErrors.filter((e) => e.line !== null).map((e) => `${e.file}\u0000${e.line}`)).size,
    orderLinesLeftOut: book.errors.reduce((n, e) => n + (e.orderLines ?? 0), 0),
    questions: book.questions,
    unknownValues: book.unknownValues,
    rowsRead: book.rowsRead,
    records,
    unassignedPartners: [...(book.records.get('partner')?.values() ?? [])].filter((p) => p.owner_id === UNASSIGNED_OWNER).length,
    samples: sampleRecords(book.records),
    coverage: book.questions.length ? null : book.coverage,
    lastDate: book.lastDate,
  };
  if (book.questions.length > 0) {
    const q = book.questions[0]!;
    return { ...base, ok: false, outcome: null, message: `${q.file}, column ${q.column}: dates like '${q.examples[0] ?? ''}' read both as day/month and month/day; choose the order (dateOrder "dmy" or "mdy") and import again.` };
  }
  // A preview (the review step, --dry-run) says what the import would do; nothing was tried yet.
  const nothing = opts.dryRun ? 'As the files stand, the import would write nothing' : 'Nothing was imported';
  const fileLevel = book.errors.some((e) => e.line === null);
  if (book.errors.length > 0 && (fileLevel || !opts.skipBadRows)) {
    const hint = fileLevel ? '' : ' Fix the files, or choose to skip the bad rows.';
    return { ...base, ok: false, outcome: null, message: `${nothing}: ${refusal(problemErrors, groupProblems(problemErrors, 1)[0]!, base.badRows)}${hint}` };
  }
  if ((book.records.get('partner')?.size ?? 0) === 0) {
    return { ...base, ok: false, outcome: null, message: `${nothing}: no file holds partners; map one file as Partners.` };
  }
  // A row can have several problems: what is left out is counted in rows, with the other lines of the orders left out whole.
  const badRows = base.badRows;
  const withOrders = base.orderLinesLeftOut;
  const outcome = applyImport(db, book.records, {
    confirmRemovals: opts.confirmRemovals ?? false,
    dryRun: opts.dryRun,
    now: clock.now(),
    beforeWrite: (changes) => opts.progress?.(changes === null ? { phase: 'writing' } : { phase: 'writing', count: changes }),
    meta: {
      mapping: mapping.name,
      files: [...new Set(tables.map((t) => t.file))],
      coverage: book.coverage,
      lastDate: book.lastDate,
      skipped: badRows + withOrders,
    },
  });
  const t = outcome.totals;
  const also = outcome.alsoRemoved ? ` (with their partners, ${outcome.alsoRemoved} made here)` : '';
  const counts = `${t.added.toLocaleString('en-US')} added, ${t.changed.toLocaleString('en-US')} changed, ${t.removed.toLocaleString('en-US')} removed${also}`;
  const skipped = badRows > 0 ? `; ${badRows.toLocaleString('en-US')} bad row${badRows === 1 ? '' : 's'} left out${leftOutWithOrders(book.errors)}` : '';
  const message = outcome.applied ? `Imported: ${counts}${skipped}.` : opts.dryRun ? `Dry run: ${counts}${skipped}; nothing was written.` : (outcome.reason ?? 'Nothing was imported.');
  return { ...base, ok: outcome.applied || (!!opts.dryRun && t.removed === 0), outcome, message };
}

/** ", with the 2 other lines of order SO-2" / ", with the 7 other lines of their 3 orders": what skipping took along; '' when nothing. */
function leftOutWithOrders(errors: readonly RowError[]): string {
  const notices = errors.filter((e) => e.orderLines !== undefined);
  const lines = notices.reduce((n, e) => n + (e.orderLines ?? 0), 0);
  if (notices.length === 0) return '';
  const what = `${lines.toLocaleString('en-US')} other line${lines === 1 ? '' : 's'}`;
  return notices.length === 1 ? `, with the ${what} of order ${notices[0]!.value ?? ''}` : `, with the ${what} of their ${notices.length.toLocaleString('en-US')} orders`;
}

/** Why an import with problems was refused: the one problem, or how many and the most common kind. */
function refusal(errors: readonly RowError[], top: ProblemGroup, badRows: number): string {
  if (errors.length === 1) return errors[0]!.message;
  const rows = badRows > 0 ? ` in ${badRows.toLocaleString('en-US')} row${badRows === 1 ? '' : 's'}` : '';
  const where = top.column !== null ? `${top.file}, column ${top.column}` : top.file;
  const most = top.rows > 1 ? `the most common (${top.rows.toLocaleString('en-US')}): ` : 'the first: ';
  return `${errors.length.toLocaleString('en-US')} problems${rows}; ${most}${where}: ${top.problem}`;
}

const bookMetaSchema = z.object({
  lastDate: z.string().nullable(),
  coverage: z.object({ entities: z.array(z.string()), openPipeline: z.boolean(), agreementDates: z.boolean().default(true), tierRule: z.string() }),
  importedAt: z.string(),
  files: z.array(z.string()),
  mapping: z.string(),
});
export type ImportedBookMeta = z.infer<typeof bookMetaSchema>;

/** What the last import said about the book; null for a book that was never imported (a PRM's). */
export function importedBook(db: Db): ImportedBookMeta | null {
  return readSetting(db, IMPORTED_BOOK, bookMetaSchema);
}

const FACT_WORDS: Record<string, string> = {
  contact: 'contacts',
  deal_registration: 'deal registrations',
  engagement_event: 'engagement events',
  certification: 'certifications',
  psat_response: 'PSAT responses',
  mdf_allocation: 'MDF allocations',
  mdf_request: 'MDF requests',
};

/** What an imported book does not hold, in words, for "no data" notes. */
export function missingInWords(coverage: { entities: readonly string[]; openPipeline: boolean; agreementDates?: boolean; tierRule: string }): string[] {
  const out = Object.entries(FACT_WORDS)
    .filter(([e]) => !coverage.entities.includes(e))
    .map(([, w]) => w);
  // Files without any order or opportunity (a partner list alone) hold no revenue either, not only no open pipeline.
  if (!coverage.entities.includes('opportunity')) out.unshift(NO_ORDERS_MISSING);
  else if (!coverage.openPipeline) out.unshift('open pipeline (every opportunity is closed)');
  if (coverage.agreementDates === false) out.push('agreement dates (taken from each partner’s first order)');
  if (coverage.tierRule === 'none') out.push('tiers');
  return out;
}

/** The first records of each entity, as stored (the preview's sample rows). */
export function sampleRecords(records: ReadonlyMap<string, ReadonlyMap<string, Record<string, unknown>>>, n = 5): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries([...records].map(([e, m]) => [e, [...m.values()].slice(0, n)]));
}

/**
 * The facts of a book an import said its files do not hold; for a book from a source, the
 * facts its workspace said the source cannot hold (services/source-coverage.ts), else none.
 */
export function absentFacts(db: Db): ReadonlySet<BookFact> {
  const meta = importedBook(db);
  if (!meta) return new Set(sourceAbsentFacts(db));
  const held = new Set(meta.coverage.entities);
  const out = new Set<BookFact>();
  for (const f of ['opportunity', 'deal_registration', 'contact', 'engagement_event', 'certification', 'psat_response'] as const) if (!held.has(f)) out.add(f);
  if (!meta.coverage.openPipeline) out.add('open_pipeline');
  if (!meta.coverage.agreementDates) out.add('agreement_date');
  return out;
}
