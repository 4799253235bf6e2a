/**
 * The shapes read.ts hands out and the part both readers share: turning physical records
 * (CSV records or sheet rows) into a header and data rows of the header's width.
 */
import type { Delimiter, TextEncoding } from './text';

export interface RawRow {
  /** 1-based line where the record starts in the file (CSV), or the sheet row number (xlsx). */
  line: number;
  /** As many cells as the table has headers; an empty cell is null. */
  cells: (string | null)[];
  /**
   * Columns (0-based) whose cell is an Excel number written like "1.234" (or "€1.234"): its
   * '.' is a decimal point whatever the column's other cells show (decimals.ts). Absent when none.
   */
  exact?: number[];
}

export interface RawTable {
  /** Base name, e.g. "FactResellerSales.csv". */
  file: string;
  /** Absolute path. */
  path: string;
  /** The sheet's name in an .xlsx workbook; null for CSV/TSV. */
  sheet: string | null;
  /** Trimmed; an empty one is "Column N", a repeated one gets " (2)", " (3)" … */
  headers: string[];
  /** Data rows (the header row excluded, fully empty rows skipped). */
  rows: RawRow[];
  encoding: TextEncoding | 'xlsx';
  /** A UTF-8 file with a few bytes that were not UTF-8 (read as Windows-1252): which lines, in words; absent otherwise. */
  encodingNote?: string;
  /** null for xlsx. */
  delimiter: Delimiter | null;
}

/** A file that cannot be read as a table; the message is one sentence naming the file (and line). */
export class SpreadsheetError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'SpreadsheetError';
  }
}

/** 4812 -> "4,812", as line numbers are written in messages. */
export function lineNumber(n: number): string {
  return n.toLocaleString('en-US');
}

/** The error a cancelled read throws (name 'AbortError', like fetch and fs). */
export function abortError(file: string): Error {
  const err = new Error(`Reading ${file} was cancelled.`);
  err.name = 'AbortError';
  return err;
}

export function throwIfAborted(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) throw abortError(file);
}

/**
 * How many cells an import may hold, shared by the files it reads: every file is held in
 * memory as text (about 180 bytes a cell through the whole import), so a file of tens of
 * millions of cells would take the app's memory. Cells are counted as they are read, and
 * the read stops, with what to do, where the limit is passed.
 */
export class CellBudget {
  private used = 0;
  constructor(readonly limit: number) {}

  /** Cells taken so far: where a read that may be started over began (`rewind`). */
  mark(): number {
    return this.used;
  }

  /** Gives back what a read that is started over took since `mark` (it counts its cells again). */
  rewind(to: number): void {
    this.used = Math.min(this.used, to);
  }

  take(n: number, file: string, where: string, line: number): void {
    this.used += n;
    if (this.used <= this.limit) return;
    const limit = this.limit >= 1_000_000 ? `${(this.limit / 1_000_000).toLocaleString('en-US')} million` : this.limit.toLocaleString('en-US');
    throw new SpreadsheetError(
      `${where}: an import reads up to ${limit} cells and these files hold more. Export only the columns the import maps, or fewer rows, and import that.`,
      file,
      line,
    );
  }
}

/**
 * Cells one import reads at most: 10 million. Measured near it: 1.4 million deals of 7
 * columns (9.8 million cells) imported in 69 s with a peak of 1.7 GB, and again (nothing
 * changed) in 28 s, 1.8 GB.
 */
export const IMPORT_MAX_CELLS = 10_000_000;

/** A record as read: where it starts and its cells (empty text already null). */
export interface PhysicalRecord {
  line: number;
  cells: (string | null)[];
  exact?: number[];
}

function isBlank(cell: string | null | undefined): boolean {
  return cell == null || cell.trim() === '';
}

/**
 * Collects records into a header and rows. The first record with any text is the header;
 * later fully empty records are dropped. A row is padded with null to the header's width;
 * empty cells past the header are dropped (a trailing delimiter), a value past the header
 * is an error naming the row. `where(line)` words the place: "Deals.csv line 12".
 */
export class TableBuilder {
  private rawHeader: (string | null)[] | null = null;
  private readonly rows: RawRow[] = [];
  /** Highest column index (0-based) holding a value in any data row, -1 if none. */
  private widest = -1;

  constructor(
    private readonly file: string,
    private readonly where: (line: number) => string,
    private readonly budget: CellBudget = new CellBudget(IMPORT_MAX_CELLS),
  ) {}

  get hasHeader(): boolean {
    return this.rawHeader !== null;
  }

  add(record: PhysicalRecord): void {
    const { cells } = record;
    let last = cells.length - 1;
    while (last >= 0 && isBlank(cells[last])) last--;
    if (last < 0) return;
    this.budget.take(this.rawHeader ? Math.max(this.rawHeader.length, last + 1) : last + 1, this.file, this.where(record.line), record.line);
    if (!this.rawHeader) {
      this.rawHeader = cells.map((c, i) => (i === 0 && c !== null ? c.replace(/^\uFEFF/, '') : c));
      return;
    }
    const width = this.rawHeader.length;
    if (last >= width) {
      throw new SpreadsheetError(
        `${this.where(record.line)}: this row has ${last + 1} cells but the header has ${width}.`,
        this.file,
        record.line,
      );
    }
    if (last > this.widest) this.widest = last;
    const row = cells.length === width ? cells : cells.slice(0, width);
    while (row.length < width) row.push(null);
    this.rows.push(record.exact ? { line: record.line, cells: row, exact: record.exact } : { line: record.line, cells: row });
  }

  /** Headers named and made unique; header cells left empty with no data under them at the end are dropped. */
  finish(): { headers: string[]; rows: RawRow[] } {
    const raw = this.rawHeader ?? [];
    let width = raw.length;
    while (width > 0 && isBlank(raw[width - 1]) && width - 1 > this.widest) width--;
    const rows = width === raw.length ? this.rows : this.rows.map((r) => ({ ...r, cells: r.cells.slice(0, width) }));
    return { headers: uniqueHeaders(raw.slice(0, width)), rows };
  }
}

/** Trimmed names; empty -> "Column N"; a name already taken (case-insensitively) -> "Name (2)", "Name (3)" … */
export function uniqueHeaders(raw: readonly (string | null)[]): string[] {
  const named = raw.map((c, i) => {
    const t = (c ?? '').replace(/^\uFEFF/, '').trim();
    return t === '' ? { name: `Column ${i + 1}`, given: false } : { name: t, given: true };
  });
  const taken = new Set<string>();
  // A made-up name ("Column 2", "Name (2)") yields to the same name given later in the file.
  const givenLater = (n: string, i: number) => named.some((o, j) => j > i && o.given && o.name.toLowerCase() === n.toLowerCase());
  return named.map(({ name, given }, i) => {
    let candidate = name;
    for (let k = 2; taken.has(candidate.toLowerCase()) || ((!given || candidate !== name) && givenLater(candidate, i)); k++) {
      candidate = `${name} (${k})`;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
