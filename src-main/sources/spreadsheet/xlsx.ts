/**
 * An Excel .xlsx workbook to one table per sheet that has a header row, with exceljs's
 * streaming reader (row by row, so memory follows the text kept, not a model of the whole
 * workbook). Cells become the text a user sees in a CSV export: dates as ISO
 * ('YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM:SS' with a time of day), numbers as JS writes them
 * (fractions to Excel's 15 significant digits) with the currency their format shows
 * ("€1234.5", formats.ts), booleans TRUE/FALSE, rich text and
 * hyperlinks as their text, formulas as their saved result, error cells as '#N/A' etc. A
 * merged area's value is in its top-left cell only, as Excel's own CSV export does. One
 * difference from Excel's CSV: a formula whose saved result is an error reads as empty
 * (the streaming reader keeps no error result for a formula).
 */
import type ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { readsTwoWays } from './decimals';
import { formatCurrency, withCurrency } from './formats';
import { lineNumber, SpreadsheetError, TableBuilder, throwIfAborted, type CellBudget, type PhysicalRecord, type RawRow } from './table';

export interface SheetContent {
  sheet: string;
  headers: string[];
  rows: RawRow[];
}

/** An OLE2 compound file: a password-protected .xlsx or an .xls renamed. */
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export async function readWorkbook(buf: Buffer, file: string, budget: CellBudget, signal?: AbortSignal): Promise<SheetContent[]> {
  if (buf.subarray(0, OLE2.length).equals(OLE2)) {
    throw new SpreadsheetError(
      `${file} is password-protected or is an old .xls workbook renamed to .xlsx; save it from Excel as a plain .xlsx or CSV file and import that.`,
      file,
    );
  }
  // Loaded here, not at start-up: only an import of an .xlsx file needs it (about 0.3 s to load).
  const { default: Excel } = await import('exceljs');
  const ours = (err: unknown) => err instanceof SpreadsheetError || (err instanceof Error && err.name === 'AbortError');
  const start = budget.mark();
  try {
    return await streamed(Excel, buf, file, budget, signal);
  } catch (streamErr) {
    if (ours(streamErr)) throw streamErr;
    // The stream reads the zip's entries front to back, and an entry whose size is only given
    // after its data (a "data descriptor", as some writers do, exceljs's own among them) is
    // found by its signature, which the compressed bytes can happen to hold: such a file,
    // whole and sound, then fails to stream. The whole-workbook load reads the zip's central
    // directory instead; it is the way such a file is read (at its higher memory cost).
    // It counts the file's cells again: those the stream took before failing are given back.
    budget.rewind(start);
    try {
      return await whole(Excel, buf, file, budget, signal);
    } catch (err) {
      if (ours(err)) throw err;
      throw damaged([streamErr, err], file);
    }
  }
}

type ExcelModule = typeof import('exceljs');

/** What the zip readers' failures say to a person ("FILE_ENDED", "invalid signature: 0x20746f6e" tell nothing). */
function damaged(errs: readonly unknown[], file: string): SpreadsheetError {
  const cut = errs.some((err) => /FILE_ENDED|unexpected end|End of data/i.test(err instanceof Error ? err.message : String(err)));
  return new SpreadsheetError(
    `${file} could not be opened as an Excel .xlsx workbook: ${cut ? 'the file ends early, as a download or copy that did not finish does' : 'it is damaged or is not a workbook'}. Open it in Excel and save it again, or export it as CSV, and import that.`,
    file,
  );
}

/**
 * Row by row with exceljs's streaming reader: the whole-workbook model (`whole`) takes
 * about 800 bytes per cell, so a 10 MB file of a million rows needed 2.4 GB; rows as text
 * take a fraction of that, and `budget` stops a read that would hold too many cells.
 */
async function streamed(Excel: ExcelModule, buf: Buffer, file: string, budget: CellBudget, signal?: AbortSignal): Promise<SheetContent[]> {
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Number formats tell dates from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets: SheetContent[] = [];
  for await (const ws of reader) {
    throwIfAborted(signal, file);
    // The reader sets the sheet's name from the workbook (exceljs's types leave it out); "Sheet<n>" until it knows.
    const sheet = String((ws as unknown as { name?: unknown }).name ?? 'Sheet');
    const table = sheetTable(file, sheet, budget);
    let n = 0;
    for await (const row of ws) {
      table.add(rowRecord(row));
      if (++n % 4096 === 0) throwIfAborted(signal, file);
    }
    if (table.hasHeader) sheets.push({ sheet, ...table.finish() });
  }
  someData(sheets, file);
  // In the workbook's own order of sheets (the stream gives them in the order the file stores them).
  const order = (reader.model as { sheets?: { name: string }[] }).sheets?.map((x) => x.name) ?? [];
  return sheets.sort((a, b) => order.indexOf(a.sheet) - order.indexOf(b.sheet));
}

/** The whole workbook loaded at once (the zip read by its central directory): for a file the stream cannot read. */
async function whole(Excel: ExcelModule, buf: Buffer, file: string, budget: CellBudget, signal?: AbortSignal): Promise<SheetContent[]> {
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(arrayBufferOf(buf));
  const sheets: SheetContent[] = [];
  for (const ws of workbook.worksheets) {
    throwIfAborted(signal, file);
    const sheet = ws.name;
    const table = sheetTable(file, sheet, budget);
    ws.eachRow({ includeEmpty: false }, (row) => table.add(rowRecord(row)));
    if (table.hasHeader) sheets.push({ sheet, ...table.finish() });
  }
  return someData(sheets, file);
}

/** A sheet's table, its rows named "<file>, sheet <sheet>, row <n>" in messages. */
function sheetTable(file: string, sheet: string, budget: CellBudget): TableBuilder {
  return new TableBuilder(file, (row) => `${file}, sheet ${sheet}, row ${lineNumber(row)}`, budget);
}

/** The sheets read, or the error for a workbook with no data in any sheet. */
function someData(sheets: SheetContent[], file: string): SheetContent[] {
  if (sheets.length === 0) throw new SpreadsheetError(`${file} has no sheet with any data in it.`, file);
  return sheets;
}

/**
 * A row's cells as text, by column (empty ones null); a merged area's value only in its
 * top-left cell. A number shown in a currency keeps it ("€1234.5", formats.ts); a number
 * written like "1.234" is listed in `exact` (its '.' is a decimal point).
 */
function rowRecord(row: ExcelJS.Row): PhysicalRecord {
  const cells: (string | null)[] = [];
  let exact: number[] | undefined;
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    while (cells.length < col - 1) cells.push(null);
    if (cell.isMerged && cell.master !== cell) {
      cells[col - 1] = null;
      return;
    }
    let text = cellText(cell.value);
    if (text !== null && isNumber(cell.value)) {
      const shown = formatCurrency(cell.numFmt);
      if (shown) text = withCurrency(text, shown);
      if (readsTwoWays(text)) (exact ??= []).push(col - 1);
    }
    cells[col - 1] = text;
  });
  return exact ? { line: row.number, cells, exact } : { line: row.number, cells };
}

/** A number, or a formula whose saved result is one. */
function isNumber(value: ExcelJS.CellValue): boolean {
  if (typeof value === 'number') return true;
  return typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value) && typeof value.result === 'number';
}

/** exceljs types its input as an ArrayBuffer (JSZip reads either); a whole-file Buffer is passed without a copy. */
function arrayBufferOf(buf: Buffer): ArrayBuffer {
  const whole = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength;
  return whole && buf.buffer instanceof ArrayBuffer ? buf.buffer : new Uint8Array(buf).buffer;
}

/** One cell's value as text, or null when it is empty. */
export function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('error' in value) return value.error;
  if ('richText' in value) return value.richText.map((r) => r.text).join('') || null;
  if ('formula' in value || 'sharedFormula' in value) return formulaResultText(value.result);
  if ('hyperlink' in value) {
    // exceljs types `text` as string, but a styled link's text arrives as rich text.
    const text: unknown = value.text;
    if (typeof text === 'string') return text === '' ? null : text;
    if (typeof text === 'object' && text !== null && 'richText' in text && Array.isArray(text.richText)) {
      return text.richText.map((r: unknown) => (typeof r === 'object' && r !== null && 'text' in r ? String(r.text) : '')).join('') || null;
    }
    return value.hyperlink || null;
  }
  return null;
}

/**
 * A formula's saved result as text; an error result reads as empty on either path. The
 * stream keeps no error: a workbook from exceljs has no result there, and one from Excel
 * (`<c t="e"><f>…</f><v>#N/A</v></c>`) gives NaN, the error text read as a number. The
 * whole-workbook load keeps `{ error: '#N/A' }`; it reads as empty too, so a file reads the
 * same whichever path its zip takes.
 */
function formulaResultText(result: ExcelJS.CellFormulaValue['result']): string | null {
  if (result === undefined || (typeof result === 'number' && Number.isNaN(result))) return null;
  if (typeof result === 'object' && result !== null && 'error' in result) return null;
  return cellText(result);
}

/** Integers exactly; fractions to 15 significant digits so 0.1+0.2 reads "0.3" as Excel shows it. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

/** exceljs gives dates as UTC instants; the time is rounded to the second (serials carry float noise). */
function dateText(d: Date): string | null {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return null;
  const iso = new Date(Math.round(ms / 1000) * 1000).toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? day : `${day}T${time}`;
}
