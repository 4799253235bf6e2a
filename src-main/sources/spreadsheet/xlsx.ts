/**
 * An Excel .xlsx workbook to one table per sheet that has a header row, with exceljs.
 * Cells become the text a user sees in a CSV export: dates as ISO ('YYYY-MM-DD', or
 * 'YYYY-MM-DDTHH:MM:SS' with a time of day), numbers as JS writes them (fractions to
 * Excel's 15 significant digits), booleans TRUE/FALSE, rich text and hyperlinks as their
 * text, formulas as their saved result, errors as '#N/A' etc. A merged area's value is in
 * its top-left cell only, as Excel's own CSV export does.
 */
import type ExcelJS from 'exceljs';
import { lineNumber, SpreadsheetError, TableBuilder, throwIfAborted } from './table';

export interface SheetContent {
  sheet: string;
  headers: string[];
  rows: { line: number; cells: (string | null)[] }[];
}

/** An OLE2 compound file: a password-protected .xlsx or an .xls renamed. */
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export async function readWorkbook(buf: Buffer, file: string, signal?: AbortSignal): Promise<SheetContent[]> {
  if (buf.subarray(0, OLE2.length).equals(OLE2)) {
    throw new SpreadsheetError(
      `${file} is password-protected or is an old .xls workbook renamed to .xlsx; save it from Excel as a plain .xlsx or CSV file and import that.`,
      file,
    );
  }
  // Loaded here, not at start-up: only an import of an .xlsx file needs it (about 0.3 s to load).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(arrayBufferOf(buf));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new SpreadsheetError(`${file} could not be opened as an Excel .xlsx workbook (${reason.replace(/\.$/, '')}).`, file);
  }
  throwIfAborted(signal, file);

  const sheets: SheetContent[] = [];
  for (const ws of workbook.worksheets) {
    throwIfAborted(signal, file);
    const sheet = ws.name;
    const table = new TableBuilder(file, (row) => `${file}, sheet ${sheet}, row ${lineNumber(row)}`);
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: (string | null)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        while (cells.length < col - 1) cells.push(null);
        cells[col - 1] = cell.isMerged && cell.master !== cell ? null : cellText(cell.value);
      });
      table.add({ line: rowNumber, cells });
    });
    if (!table.hasHeader) continue;
    sheets.push({ sheet, ...table.finish() });
  }
  if (sheets.length === 0) throw new SpreadsheetError(`${file} has no sheet with any data in it.`, file);
  return sheets;
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
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? null : cellText(value.result);
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
