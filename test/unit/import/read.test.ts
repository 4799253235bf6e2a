/**
 * Reading spreadsheet files into raw tables (src-main/sources/spreadsheet/read.ts): every
 * encoding and delimiter, line numbers that survive CRLF and multi-line quoted values,
 * header clean-up, the errors a user can hit (each naming file and line), and .xlsx
 * workbooks built here with exceljs. The real sample data: read-real-data.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
// exceljs's own zip library: it writes the entry sized after its data that the test needs.
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { CellBudget, decodeText, IMPORT_MAX_CELLS, readSpreadsheet, sniffDelimiter, SpreadsheetError, type RawTable } from '../../../src-main/sources/spreadsheet/read';

const dir = mkdtempSync(join(tmpdir(), 'pb-import-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readOne(name: string, content: string | Buffer): Promise<RawTable> {
  const tables = await readSpreadsheet(write(name, content));
  expect(tables).toHaveLength(1);
  return tables[0]!;
}

/** The SpreadsheetError a read fails with (the test fails if it does not fail). */
async function failure(name: string, content: string | Buffer, opts?: Parameters<typeof readSpreadsheet>[1]): Promise<SpreadsheetError> {
  const err: unknown = await readSpreadsheet(write(name, content), opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SpreadsheetError);
  return err as SpreadsheetError;
}

const cellsOf = (t: RawTable) => t.rows.map((r) => r.cells);
const linesOf = (t: RawTable) => t.rows.map((r) => r.line);

describe('encodings', () => {
  const text = 'Name,City\r\nCafé Müller,Köln\r\n';
  const utf16le = Buffer.from(text, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  const cp1252 = Buffer.from(text, 'latin1');
  const cases: [string, Buffer, RawTable['encoding']][] = [
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8'],
    ['utf-8 without BOM', Buffer.from(text, 'utf8'), 'utf-8'],
    ['utf-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]), 'utf-16le'],
    ['utf-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]), 'utf-16be'],
    ['utf-16 LE without BOM', utf16le, 'utf-16le'],
    ['windows-1252', cp1252, 'windows-1252'],
  ];
  it.each(cases)('%s decodes to the same table', async (label, bytes, encoding) => {
    const t = await readOne(`${label.replace(/\W+/g, '-')}.csv`, bytes);
    expect(t.encoding).toBe(encoding);
    expect(t.headers).toEqual(['Name', 'City']);
    expect(cellsOf(t)).toEqual([['Café Müller', 'Köln']]);
    expect(t.delimiter).toBe(',');
    expect(t.sheet).toBeNull();
  });

  it('windows-1252 really is 1252: é and ü are single bytes and 0x80 is the euro sign', () => {
    expect([...cp1252].filter((b) => b === 0xe9 || b === 0xfc)).toEqual([0xe9, 0xfc]);
    expect(decodeText(Buffer.from([0x80, 0x20, 0x31, 0x2c, 0xe9]))).toEqual({ text: '€ 1,é', encoding: 'windows-1252' });
  });

  it('UTF-8 with one stray Windows-1252 byte stays UTF-8: only that byte is read as 1252, and its line is named', async () => {
    const utf8 = Buffer.from('Name,City\nCafé Müller,Köln\nSão Paulo Ltda,Zürich\n');
    const stray = Buffer.concat([utf8, Buffer.from('Bodega '), Buffer.from([0xf1]), Buffer.from('o,Jaén\n')]);
    expect(decodeText(stray)).toEqual({ text: 'Name,City\nCafé Müller,Köln\nSão Paulo Ltda,Zürich\nBodega ño,Jaén\n', encoding: 'utf-8', strayLines: [4] });
    const t = await readOne('mixed.csv', stray);
    expect(cellsOf(t)).toEqual([
      ['Café Müller', 'Köln'],
      ['São Paulo Ltda', 'Zürich'],
      ['Bodega ño', 'Jaén'],
    ]);
    expect(t.encodingNote).toBe('mixed.csv is UTF-8 but for line 4, which holds a character that is not (read as Windows-1252): check it.');
    // A file that is mostly not UTF-8 is said to be Windows-1252.
    expect(decodeText(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0xfc, 0x0a, 0xc3, 0xa9])).encoding).toBe('windows-1252');
  });

  it('a UTF-8 file with a byte order mark and a stray Windows-1252 byte reads that byte as 1252 and names its line, never as �', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Name,City\nCafé Amélie,Paris\nM'), Buffer.from([0xfc]), Buffer.from('ller GmbH,Köln\n')]);
    const t = await readOne('bom-stray.csv', bytes);
    // Before: 'M\ufffdller GmbH', silently.
    expect(cellsOf(t)).toEqual([
      ['Café Amélie', 'Paris'],
      ['Müller GmbH', 'Köln'],
    ]);
    expect(t.encoding).toBe('utf-8');
    expect(t.encodingNote).toBe('bom-stray.csv is UTF-8 but for line 3, which holds a character that is not (read as Windows-1252): check it.');
  });

  it('a Windows-1252 file with one name written in UTF-8 keeps that name right and names its line', async () => {
    const cp = (s: string) => iconv.encode(s, 'win1252');
    const bytes = Buffer.concat([Buffer.from('Name,City\nCafé Amélie,Paris\n'), cp('Müller GmbH,Köln\nBöhm & Söhne,Zürich\n')]);
    const t = await readOne('mostly1252.csv', bytes);
    // Before: the whole file was read as Windows-1252 and the UTF-8 name became 'CafÃ© AmÃ©lie', silently.
    expect(cellsOf(t)).toEqual([
      ['Café Amélie', 'Paris'],
      ['Müller GmbH', 'Köln'],
      ['Böhm & Söhne', 'Zürich'],
    ]);
    expect(t.encoding).toBe('windows-1252');
    expect(t.encodingNote).toBe('mostly1252.csv is Windows-1252 but for line 2, which holds characters written in UTF-8 (read as UTF-8): check it.');
  });

  it('strips the BOM from the text and the first header', async () => {
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a', encoding: 'utf-8' });
    const t = await readOne('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Year,Target\n2020,5\n')]));
    expect(t.headers[0]).toBe('Year');
  });
});

describe('line numbers', () => {
  it('CRLF lines are counted once and leave no \\r in the cells', async () => {
    const t = await readOne('crlf.csv', 'a,b\r\n1,2\r\n3,4\r\n');
    expect(linesOf(t)).toEqual([2, 3]);
    expect(cellsOf(t)).toEqual([['1', '2'], ['3', '4']]);
  });

  it('a quoted value over several lines keeps the next rows on their physical line', async () => {
    const t = await readOne('multiline.csv', 'id,note\r\n1,"first\r\nsecond\r\nthird"\r\n2,"say ""hi"""\r\n3,plain\r\n');
    expect(linesOf(t)).toEqual([2, 5, 6]);
    expect(cellsOf(t)).toEqual([
      ['1', 'first\nsecond\nthird'],
      ['2', 'say "hi"'],
      ['3', 'plain'],
    ]);
  });

  it('empty lines and rows of empty cells are skipped but still counted', async () => {
    const t = await readOne('gaps.csv', '\na,b\n\n1,2\n , \n,\n3,4');
    expect(t.headers).toEqual(['a', 'b']);
    expect(linesOf(t)).toEqual([4, 7]);
  });

  it('a file mixing LF and CRLF still reads with the right lines', async () => {
    const t = await readOne('mixed.csv', 'a,b\n1,2\r\n3,4\n5,6\r\n');
    expect(linesOf(t)).toEqual([2, 3, 4]);
    expect(cellsOf(t)).toEqual([['1', '2'], ['3', '4'], ['5', '6']]);
  });
});

describe('delimiters', () => {
  it('sniffs semicolons (with decimal commas in the values)', async () => {
    const t = await readOne('semi.csv', 'Name;Amount;Date\nMüller GmbH;1.234,50;26.02.2018\nDupont;12,5;01.03.2018\n');
    expect(t.delimiter).toBe(';');
    expect(cellsOf(t)).toEqual([['Müller GmbH', '1.234,50', '26.02.2018'], ['Dupont', '12,5', '01.03.2018']]);
  });

  it('sniffs tabs in a .txt file and pipes', async () => {
    expect((await readOne('tabs.txt', 'a\tb\tc\n1\t2, 5\t3\n')).delimiter).toBe('\t');
    const pipe = await readOne('pipe.csv', 'a|b|c\n1|2,5|3\n');
    expect(pipe.delimiter).toBe('|');
    expect(cellsOf(pipe)).toEqual([['1', '2,5', '3']]);
  });

  it('respects quotes while sniffing', () => {
    expect(sniffDelimiter('name,comment\n"Smith; John","a; b; c"\n"Doe; Jane","d; e"\n')).toBe(',');
    expect(sniffDelimiter('"a,b";c\n"d,e";f\n')).toBe(';');
  });

  it('prefers the consistent candidate, and a comma on a tie or when nothing splits', () => {
    expect(sniffDelimiter('a,b;c\n1,2;3\n')).toBe(',');
    expect(sniffDelimiter('single\nvalue\n')).toBe(',');
    expect(sniffDelimiter('a;b;c\n1;2;3\n4;5,5;6\n')).toBe(';');
  });

  it('a .tsv file is tab-separated without sniffing', async () => {
    const t = await readOne('data.tsv', 'a,b\tc\n1,2\t3\n');
    expect(t.delimiter).toBe('\t');
    expect(t.headers).toEqual(['a,b', 'c']);
  });
});

describe('headers and row width', () => {
  it('trims headers, names empty ones and numbers repeats', async () => {
    const t = await readOne('headers.csv', ' id ,,Name,name,id,Column 2\n1,2,3,4,5,6\n');
    expect(t.headers).toEqual(['id', 'Column 2 (2)', 'Name', 'name (2)', 'id (2)', 'Column 2']);
  });

  it('pads short rows with null and reads empty cells as null', async () => {
    const t = await readOne('short.csv', 'a,b,c\n1\n2,,x\n');
    expect(cellsOf(t)).toEqual([['1', null, null], ['2', null, 'x']]);
  });

  it('a value beyond the header is an error naming the line', async () => {
    const err = await failure('extra.csv', 'a,b,c\n1,2,3\n\n4,5,6,7\n');
    expect(err.message).toBe('extra.csv line 4: this row has 4 cells but the header has 3.');
    expect(err.line).toBe(4);
    expect(err.file).toBe('extra.csv');
  });

  it('empty cells from a trailing delimiter are not extra cells, and empty trailing header cells go', async () => {
    const t = await readOne('trailing.csv', 'a,b,,\n1,2,,\n3,4,,,\n');
    expect(t.headers).toEqual(['a', 'b']);
    expect(cellsOf(t)).toEqual([['1', '2'], ['3', '4']]);
  });

  it('an unnamed last column that holds data stays', async () => {
    const t = await readOne('unnamed.csv', 'a,b,\n1,2,x\n');
    expect(t.headers).toEqual(['a', 'b', 'Column 3']);
    expect(cellsOf(t)).toEqual([['1', '2', 'x']]);
  });

  it('a header with no rows is a table with no rows', async () => {
    const t = await readOne('header-only.csv', 'a,b\n');
    expect(t.headers).toEqual(['a', 'b']);
    expect(t.rows).toEqual([]);
  });
});

describe('errors a user can hit', () => {
  it('a stray quote names its line', async () => {
    const err = await failure('quote.csv', 'a,b\n1,"x\ny"\n3,"x"y\n');
    expect(err.line).toBe(4);
    expect(err.message).toMatch(/^quote\.csv line 4: /);
  });

  it('a quote opened and never closed names the line where its row starts', async () => {
    const err = await failure('open.csv', 'a,b\n1,2\n3,"xy\n4,5\n6,7\n');
    expect(err.line).toBe(3);
    expect(err.message).toBe('open.csv line 3: a quoted value starts in this row and its closing quote (") is missing.');
  });

  it('line numbers in messages are written with thousands separators', async () => {
    const body = Array.from({ length: 1500 }, (_, i) => `${i},x`).join('\n');
    const err = await failure('long.csv', `a,b\n${body}\n1,2,3\n`);
    expect(err.message).toBe('long.csv line 1,502: this row has 3 cells but the header has 2.');
  });

  it('refuses other file types in one sentence, and .xls with what to do', async () => {
    expect((await failure('report.pdf', '%PDF-1.4')).message).toBe('report.pdf is not a CSV, TSV or Excel .xlsx file.');
    expect((await failure('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))).message).toMatch(/^old\.xls is an old Excel 97-2003 workbook .*save it as \.xlsx or CSV/);
  });

  it('refuses a file over maxBytes before reading it', async () => {
    const err = await failure('big.csv', 'a,b\n1,2\n', { maxBytes: 4 });
    expect(err.message).toMatch(/^big\.csv is .* more than the .* a spreadsheet import can read\.$/);
  });

  it('stops, with what to do, where the files of one import pass the cells an import reads', async () => {
    // 4 columns: the header and two rows are 12 cells, the third row passes a budget of 15.
    const rows = 'id,name,amount,owner\n1,a,10,x\n2,b,20,y\n3,c,30,z\n';
    expect((await readSpreadsheet(write('fits.csv', rows), { budget: new CellBudget(16) }))[0]!.rows).toHaveLength(3);
    const over = await failure('over.csv', rows, { budget: new CellBudget(15) });
    expect(over.message).toBe('over.csv line 4: an import reads up to 15 cells and these files hold more. Export only the columns the import maps, or fewer rows, and import that.');
    expect(over.line).toBe(4);
    // One budget for the files of one import: the second file passes what the first left.
    const shared = new CellBudget(20);
    await readSpreadsheet(write('first.csv', rows), { budget: shared });
    expect((await failure('second.csv', rows, { budget: shared })).message).toMatch(/^second\.csv line 2: an import reads up to 20 cells/);
    // The limit an import runs with is written as people say it.
    expect(IMPORT_MAX_CELLS).toBe(10_000_000);
    const big = new CellBudget(IMPORT_MAX_CELLS);
    expect(() => big.take(IMPORT_MAX_CELLS + 1, 'f.csv', 'f.csv line 9', 9)).toThrow(/^f\.csv line 9: an import reads up to 10 million cells/);
  });

  it('an empty file, a missing file, binary data and a zip named .csv', async () => {
    expect((await failure('empty.csv', '\n\n')).message).toBe('empty.csv is empty: it has no header row.');
    const missing: unknown = await readSpreadsheet(join(dir, 'nope.csv')).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(SpreadsheetError);
    expect((missing as Error).message).toMatch(/^nope\.csv was not found at /);
    expect((await failure('bin.csv', Buffer.from([0x41, 0x2c, 0x42, 0x0a, 0x00, 0x01, 0x2c, 0x02]))).message).toMatch(/^bin\.csv contains binary data/);
    expect((await failure('zip.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).message).toMatch(/^zip\.csv is an Excel workbook or another zip file/);
  });

  it('an aborted signal rejects with an AbortError', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const err: unknown = await readSpreadsheet(write('abort.csv', 'a,b\n1,2\n'), { signal: ctl.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('AbortError');
  });

  it('aborting while a large file is being read rejects with an AbortError', async () => {
    const path = write('large.csv', `id,name,amount\n${Array.from({ length: 100_000 }, (_, i) => `${i},partner ${i},${i}.50`).join('\n')}\n`);
    const ctl = new AbortController();
    const reading = readSpreadsheet(path, { signal: ctl.signal });
    setImmediate(() => ctl.abort());
    const err: unknown = await reading.catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    // The same file reads whole when nobody aborts.
    expect((await readSpreadsheet(path))[0]!.rows).toHaveLength(100_000);
  });

  it('a damaged or encrypted .xlsx is a plain error', async () => {
    expect((await failure('broken.xlsx', 'not a zip')).message).toBe(
      'broken.xlsx could not be opened as an Excel .xlsx workbook: it is damaged or is not a workbook. Open it in Excel and save it again, or export it as CSV, and import that.',
    );
    // A workbook cut short (a download that did not finish): said so, not the zip reader's "FILE_ENDED".
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').addRows(Array.from({ length: 2000 }, (_, i) => [i, `partner ${i}`]));
    const whole = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await failure('cut.xlsx', whole.subarray(0, Math.floor(whole.length / 2)))).message).toMatch(
      /^cut\.xlsx could not be opened as an Excel \.xlsx workbook: the file ends early, as a download or copy that did not finish does\./,
    );
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await failure('locked.xlsx', ole)).message).toMatch(/^locked\.xlsx is password-protected or is an old \.xls workbook/);
  });
});

describe('xlsx', () => {
  async function workbookFile(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    const path = join(dir, name);
    await wb.xlsx.writeFile(path);
    return path;
  }

  it('reads each sheet with a header into its own table, cells as text', async () => {
    const path = await workbookFile('book.xlsx', (wb) => {
      const deals = wb.addWorksheet('Deals');
      deals.addRow(['Partner', 'Closed', 'Amount', 'Double', 'Note', 'When']);
      deals.addRow(['Acme', new Date(Date.UTC(2020, 1, 29)), 1234.5, { formula: 'C2*2', result: 2469 }, null, new Date(Date.UTC(2021, 6, 4, 13, 5, 9))]);
      deals.addRow([]);
      deals.addRow([
        { richText: [{ text: 'Glo' }, { text: 'bex', font: { bold: true } }] },
        new Date(Date.UTC(2019, 11, 31)),
        0.1 + 0.2,
        { formula: 'C4*2', result: { error: '#N/A' } },
        { text: 'site', hyperlink: 'https://example.com' },
        true,
      ]);
      wb.addWorksheet('Blank');
      const owners = wb.addWorksheet('Owners');
      owners.addRow(['Owner', 'Region', 'Active']);
      owners.addRow(['Ana', 'EMEA', false]);
      owners.addRow(['Bo', null, true]);
      owners.mergeCells('A3:B3');
    });
    const tables = await readSpreadsheet(path);
    expect(tables.map((t) => t.sheet)).toEqual(['Deals', 'Owners']);
    const [deals, owners] = tables as [RawTable, RawTable];
    expect(deals.file).toBe('book.xlsx');
    expect(deals.path).toBe(path);
    expect(deals.encoding).toBe('xlsx');
    expect(deals.delimiter).toBeNull();
    expect(deals.headers).toEqual(['Partner', 'Closed', 'Amount', 'Double', 'Note', 'When']);
    expect(deals.rows).toEqual([
      { line: 2, cells: ['Acme', '2020-02-29', '1234.5', '2469', null, '2021-07-04T13:05:09'] },
      // A formula whose saved result is an error reads as empty (xlsx.ts says why).
      { line: 4, cells: ['Globex', '2019-12-31', '0.3', null, 'site', 'TRUE'] },
    ]);
    expect(owners.rows).toEqual([
      { line: 2, cells: ['Ana', 'EMEA', 'FALSE'] },
      { line: 3, cells: ['Bo', null, 'TRUE'] },
    ]);
  });

  it('reads error cells as Excel shows them, and stops at the cell budget naming the sheet and row', async () => {
    const path = await workbookFile('errors.xlsx', (wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow(['a', 'b']);
      ws.addRow([{ error: '#DIV/0!' }, 1]);
      ws.addRow([2, 3]);
    });
    expect(cellsOf((await readSpreadsheet(path))[0]!)).toEqual([
      ['#DIV/0!', '1'],
      ['2', '3'],
    ]);
    const err: unknown = await readSpreadsheet(path, { budget: new CellBudget(5) }).catch((e: unknown) => e);
    expect((err as SpreadsheetError).message).toBe(
      'errors.xlsx, sheet Data, row 3: an import reads up to 5 cells and these files hold more. Export only the columns the import maps, or fewer rows, and import that.',
    );
  });

  /** A sheet Data of id and name, two rows. */
  const smallWorkbook = async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').addRows([
      ['id', 'name'],
      [1, 'a'],
      [2, 'b'],
    ]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  /** Stored bytes holding a data descriptor's signature, which a zip read front to back takes for one. */
  const DESCRIPTOR_BLOB = Buffer.concat([Buffer.from('PK\x07\x08', 'latin1'), Buffer.alloc(40, 7)]);

  it('reads a sound workbook the stream cannot (an entry sized after its data, its bytes holding that signature)', async () => {
    // Some writers give an entry's size after its data (a "data descriptor", found by its
    // signature PK\x07\x08); stored bytes that happen to hold that signature break a reader
    // going front to back. exceljs's own files can hit it: one such failed CI once.
    const zip = await JSZip.loadAsync(await smallWorkbook());
    zip.file('xl/media/blob.bin', DESCRIPTOR_BLOB, { compression: 'STORE' });
    const path = write('descriptor.xlsx', await zip.generateAsync({ type: 'nodebuffer', streamFiles: true }));
    const tables = await readSpreadsheet(path);
    expect(tables.map((t) => [t.sheet, t.headers, cellsOf(t)])).toEqual([['Data', ['id', 'name'], [['1', 'a'], ['2', 'b']]]]);
  });

  it('reads a formula whose saved result is an error as empty whichever way its zip is read', async () => {
    // The stream keeps no error result for a formula; the whole-workbook load keeps '#N/A'.
    // Which way a file is read depends on its zip's bytes (the writer's timestamps among
    // them), so before both read it alike the same workbook read '#N/A' in one CI and empty in another.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').addRows([
      ['id', 'double', 'flag'],
      [1, { formula: 'A2*2', result: { error: '#N/A' } }, { error: '#REF!' }],
    ]);
    const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    const streamed = write('streamed.xlsx', await zip.generateAsync({ type: 'nodebuffer' }));
    zip.file('xl/media/blob.bin', DESCRIPTOR_BLOB, { compression: 'STORE' });
    const loadedWhole = write('whole.xlsx', await zip.generateAsync({ type: 'nodebuffer', streamFiles: true }));
    const expected = [['1', null, '#REF!']];
    expect(cellsOf((await readSpreadsheet(streamed))[0]!)).toEqual(expected);
    expect(cellsOf((await readSpreadsheet(loadedWhole))[0]!)).toEqual(expected);
  });

  it('counts the cells of a workbook loaded whole after its stream failed once, not twice', async () => {
    const from = await JSZip.loadAsync(await smallWorkbook());
    // The shared strings before the sheet, so the stream reads (and counts) the sheet's rows
    // before it reaches the entry it cannot read, which comes last.
    const names = Object.keys(from.files).filter((n) => !from.files[n]!.dir);
    const order = [...names.filter((n) => !n.includes('worksheets/')), ...names.filter((n) => n.includes('worksheets/'))];
    const zip = new JSZip();
    for (const n of order) zip.file(n, await from.file(n)!.async('nodebuffer'));
    zip.file('xl/media/blob.bin', DESCRIPTOR_BLOB, { compression: 'STORE' });
    const path = write('counted.xlsx', await zip.generateAsync({ type: 'nodebuffer', streamFiles: true }));
    // A budget of exactly this sheet's cells reads it.
    const exact = new CellBudget(6);
    expect((await readSpreadsheet(path, { budget: exact })).map(cellsOf)).toEqual([[['1', 'a'], ['2', 'b']]]);
    expect(exact.mark()).toBe(6);
  });

  it('a value beyond the header names the sheet and row', async () => {
    const path = await workbookFile('wide.xlsx', (wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow(['a', 'b']);
      ws.addRow([1, 2]);
      ws.getCell('D3').value = 'note';
    });
    const err: unknown = await readSpreadsheet(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpreadsheetError);
    expect((err as SpreadsheetError).message).toBe('wide.xlsx, sheet Data, row 3: this row has 4 cells but the header has 2.');
    expect((err as SpreadsheetError).line).toBe(3);
  });

  it('a workbook with no data at all is an error', async () => {
    const path = await workbookFile('nothing.xlsx', (wb) => void wb.addWorksheet('Sheet1'));
    const err: unknown = await readSpreadsheet(path).catch((e: unknown) => e);
    expect((err as Error).message).toBe('nothing.xlsx has no sheet with any data in it.');
  });
});
