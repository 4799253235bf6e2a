/**
 * A delimited text file (CSV, TSV, .txt) to one table, with csv-parse. Line endings are
 * made LF first (CRLF and a lone CR each end one physical line, so line numbers do not
 * move, a file mixing them still parses, and a CRLF inside a quoted value becomes LF);
 * each record starts on the line after the previous record ended (csv-parse's
 * `info.lines` as it finishes a record), so a quoted value running over several lines
 * keeps the next rows' line numbers right. The text goes in 256K pieces with a pause
 * between them, so a large file neither blocks the main process nor ignores an abort.
 */
import { CsvError, parse } from 'csv-parse';
import { lineNumber, SpreadsheetError, TableBuilder, throwIfAborted, abortError, type CellBudget } from './table';
import type { Delimiter } from './text';

/** The decoded text is fed to the parser in pieces this long. */
const CHUNK_CHARS = 256 * 1024;

export interface CsvContent {
  headers: string[];
  rows: { line: number; cells: (string | null)[] }[];
}

const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': '|' };

export async function readDelimited(text: string, delimiter: Delimiter, file: string, budget?: CellBudget, signal?: AbortSignal): Promise<CsvContent> {
  if (text.includes('\u0000')) {
    throw new SpreadsheetError(`${file} contains binary data, not text; it is not a CSV file.`, file);
  }
  const where = (line: number) => `${file} line ${lineNumber(line)}`;
  const table = new TableBuilder(file, where, budget);
  let lastEnd = 0;
  // Each record is taken as csv-parse finishes it (on_record runs in file order, before
  // any later error), so the line a record starts on is always one after the last end.
  const parser = parse({
    delimiter,
    record_delimiter: '\n',
    relax_column_count: true,
    skip_empty_lines: false,
    bom: true,
    on_record: (record: string[], info) => {
      const line = lastEnd + 1;
      lastEnd = info.lines;
      table.add({ line, cells: record.map((c) => (c === '' ? null : c)) });
      return null;
    },
  });
  let failure: unknown = null;
  const fail = (err: unknown) => {
    failure ??= err;
  };
  parser.on('error', fail);
  parser.resume();
  for (const chunk of chunks(text.replace(/\r\n?/g, '\n'))) {
    await new Promise<void>((done) =>
      parser.write(chunk, (err) => {
        if (err) fail(err);
        done();
      }),
    );
    if (failure !== null) break;
    // Let the rest of the app (and an abort) run between pieces.
    await new Promise<void>((done) => setImmediate(done));
    if (signal?.aborted) {
      parser.destroy();
      throw abortError(file);
    }
  }
  if (failure === null) {
    await new Promise<void>((done) =>
      parser.end((err?: Error | null) => {
        if (err) fail(err);
        done();
      }),
    );
  }
  if (failure instanceof CsvError) throw csvProblem(failure, file, lastEnd + 1, delimiter);
  if (failure !== null) throw failure;
  throwIfAborted(signal, file);
  if (!table.hasHeader) throw new SpreadsheetError(`${file} is empty: it has no header row.`, file);
  return table.finish();
}

/** The text in pieces, never splitting a UTF-16 surrogate pair (that would turn one character into two replacement marks). */
function* chunks(text: string): Generator<string> {
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + CHUNK_CHARS, text.length);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--;
    yield text.slice(at, end);
    at = end;
  }
}

/** csv-parse's error as one sentence naming the file and the line. */
function csvProblem(err: CsvError, file: string, recordStart: number, delimiter: Delimiter): SpreadsheetError {
  const reported = typeof err['lines'] === 'number' ? err['lines'] : recordStart;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new SpreadsheetError(
        `${file} line ${lineNumber(recordStart)}: a quoted value starts in this row and its closing quote (") is missing.`,
        file,
        recordStart,
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new SpreadsheetError(
        `${file} line ${lineNumber(reported)}: a quoted value is followed by more text before the next ${DELIMITER_NAMES[delimiter]}; a quote inside a quoted value must be doubled ("").`,
        file,
        reported,
      );
    case 'INVALID_OPENING_QUOTE':
      return new SpreadsheetError(
        `${file} line ${lineNumber(reported)}: a value has a quote (") in the middle; put the whole value in quotes and double the quote inside it ("").`,
        file,
        reported,
      );
    default:
      return new SpreadsheetError(`${file} line ${lineNumber(reported)}: ${err.message.replace(/\.?$/, '.')}`, file, reported);
  }
}
