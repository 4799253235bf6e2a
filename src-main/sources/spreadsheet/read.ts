/**
 * Reading a spreadsheet file into raw tables of text cells: CSV/TSV/.txt (any of UTF-8,
 * UTF-16 LE/BE, Windows-1252; comma, semicolon, tab or pipe) and Excel .xlsx (one table
 * per sheet). Nothing is interpreted here beyond the header; values.ts parses the cells.
 * Every problem a user can cause is a SpreadsheetError whose message names the file
 * (and the line or sheet row).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { readDelimited } from './csv';
import { abortError, CellBudget, IMPORT_MAX_CELLS, SpreadsheetError, throwIfAborted, type RawTable } from './table';
import { decodeText, sniffDelimiter, type Delimiter } from './text';
import { readWorkbook } from './xlsx';

export type { RawRow, RawTable } from './table';
export { CellBudget, IMPORT_MAX_CELLS, SpreadsheetError } from './table';
export { decodeText, sniffDelimiter } from './text';
export type { Delimiter, TextEncoding } from './text';

export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

export interface ReadOptions {
  signal?: AbortSignal;
  /** Larger files are refused before they are read; default 256 MB (a CSV that large holds well over the cells an import reads, IMPORT_MAX_CELLS). */
  maxBytes?: number;
  /** The cells this read may hold, shared with the other files of the same import; default a budget of its own (IMPORT_MAX_CELLS). */
  budget?: CellBudget;
}

const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function readSpreadsheet(path: string, opts: ReadOptions = {}): Promise<RawTable[]> {
  const abs = resolve(path);
  const file = basename(abs);
  const ext = extname(file).toLowerCase();
  const { signal } = opts;
  const budget = opts.budget ?? new CellBudget(IMPORT_MAX_CELLS);
  throwIfAborted(signal, file);

  if (ext === '.xls') {
    throw new SpreadsheetError(
      `${file} is an old Excel 97-2003 workbook (.xls); open it in Excel, save it as .xlsx or CSV, and import that file.`,
      file,
    );
  }
  if (!TEXT_EXTENSIONS.has(ext) && ext !== '.xlsx') {
    throw new SpreadsheetError(`${file} is not a CSV, TSV or Excel .xlsx file.`, file);
  }

  const buf = await readBytes(abs, file, opts.maxBytes ?? DEFAULT_MAX_BYTES, signal);

  if (ext === '.xlsx') {
    const sheets = await readWorkbook(buf, file, budget, signal);
    return sheets.map((s) => ({ file, path: abs, sheet: s.sheet, headers: s.headers, rows: s.rows, encoding: 'xlsx', delimiter: null }));
  }

  if (buf.subarray(0, ZIP.length).equals(ZIP)) {
    throw new SpreadsheetError(`${file} is an Excel workbook or another zip file, not text; if it is a workbook, rename it to .xlsx.`, file);
  }
  const { text, encoding, strayLines, utf8Lines } = decodeText(buf);
  const delimiter: Delimiter = ext === '.tsv' ? '\t' : sniffDelimiter(text);
  const { headers, rows } = await readDelimited(text, delimiter, file, budget, signal);
  const encodingNote = strayLines?.length
    ? mixedNote(file, 'UTF-8', strayLines, 'a character that is not (read as Windows-1252)')
    : utf8Lines?.length
      ? mixedNote(file, 'Windows-1252', utf8Lines, 'characters written in UTF-8 (read as UTF-8)')
      : undefined;
  return [{ file, path: abs, sheet: null, headers, rows, encoding, delimiter, ...(encodingNote ? { encodingNote } : {}) }];
}

async function readBytes(abs: string, file: string, maxBytes: number, signal: AbortSignal | undefined): Promise<Buffer> {
  try {
    const info = await stat(abs);
    if (info.isDirectory()) throw new SpreadsheetError(`${file} is a folder, not a file.`, file);
    if (info.size > maxBytes) {
      throw new SpreadsheetError(
        `${file} is ${megabytes(info.size)}, more than the ${megabytes(maxBytes)} a spreadsheet import can read.`,
        file,
      );
    }
    const buf = await readFile(abs, { signal });
    throwIfAborted(signal, file);
    return buf;
  } catch (err) {
    if (err instanceof SpreadsheetError) throw err;
    if (signal?.aborted || (err instanceof Error && err.name === 'AbortError')) throw abortError(file);
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    if (code === 'ENOENT') throw new SpreadsheetError(`${file} was not found at ${abs}.`, file);
    if (code === 'EACCES' || code === 'EPERM') throw new SpreadsheetError(`${file} could not be read: permission denied.`, file);
    const reason = err instanceof Error ? err.message : String(err);
    throw new SpreadsheetError(`${file} could not be read (${reason.replace(/\.$/, '')}).`, file);
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb).toLocaleString('en-US') : mb.toFixed(1)} MB`;
}

/**
 * "deals.csv is UTF-8 but for line 57, which holds a character that is not (read as
 * Windows-1252): check it." — the lines of a file in another encoding than the rest of it.
 */
function mixedNote(file: string, encoding: string, lines: readonly number[], what: string): string {
  const shown = lines.slice(0, 5).join(', ');
  const more = lines.length > 5 ? ` and ${lines.length - 5} more` : '';
  const which = lines.length === 1 ? `line ${shown}, which holds` : `lines ${shown}${more}, which hold`;
  return `${file} is ${encoding} but for ${which} ${what}: check ${lines.length === 1 ? 'it' : 'them'}.`;
}
