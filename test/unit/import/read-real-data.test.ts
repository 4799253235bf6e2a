/**
 * read.ts and values.ts over the real public sample data in ../shared/data/ (next to the
 * repository, never copied into it): AdventureWorks (UTF-16 LE and UTF-8 BOM files, a
 * 57,851-row fact table), Olist closed deals (day-first dates with a time), Maven CRM.
 * Skipped, with the reason printed, when that folder is absent.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../../src-main/sources/spreadsheet/read';
import { detectDateOrder, parseAmount } from '../../../src-main/sources/spreadsheet/values';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const hasData = existsSync(DATA);
if (!hasData) console.warn(`Skipping the real-data spreadsheet tests: ${DATA} does not exist.`);

describe.skipIf(!hasData)('real data in ../shared/data/', () => {
  const aw = (f: string) => join(DATA, 'adventureworks-reseller-channel', f);
  const only = async (path: string) => {
    const tables = await readSpreadsheet(path);
    expect(tables).toHaveLength(1);
    return tables[0]!;
  };

  it('DimEmployee.csv (UTF-16 LE with BOM): 296 employees', async () => {
    const t = await only(aw('DimEmployee.csv'));
    expect(t.encoding).toBe('utf-16le');
    expect(t.headers[0]).toBe('EmployeeKey');
    expect(t.headers).toHaveLength(30);
    expect(t.rows).toHaveLength(296);
  });

  it('Resellers.csv (UTF-8) with ten rows pasted from a Windows-1252 file: every name reads right, and the lines of the fewer kind are named', async () => {
    const original = readFileSync(aw('Resellers.csv'));
    const utf8Lines = original
      .toString('utf8')
      .split('\n')
      .flatMap((l, i) => (/[\u0080-\uffff]/.test(l) ? [i + 1] : []));
    expect(utf8Lines).toHaveLength(6);
    const pasted = Array.from({ length: 10 }, (_, i) => `${9000 + i},Specialty Bike Shop,Bicicletas Peñalara ${i},Málaga,Andalucía,Spain\n`).join('');
    const dir = mkdtempSync(join(tmpdir(), 'pb-real-mixed-'));
    const path = join(dir, 'Resellers.csv');
    writeFileSync(path, Buffer.concat([original, iconv.encode(pasted, 'win1252')]));
    const t = await only(path);
    const names = t.rows.map((r) => r.cells.join(','));
    // Before: the six UTF-8 lines read 'MÃ¼nster', 'MÃ¼nchen'… (the whole file as Windows-1252), silently.
    expect(names.filter((n) => /Münster|München/.test(n)).length).toBeGreaterThan(0);
    expect(names.some((n) => n.includes('Ã'))).toBe(false);
    expect(names.filter((n) => n.includes('Bicicletas Peñalara') && n.includes('Málaga,Andalucía'))).toHaveLength(10);
    expect(t.encoding).toBe('windows-1252');
    expect(t.encodingNote).toBe(`Resellers.csv is Windows-1252 but for lines ${utf8Lines.slice(0, 5).join(', ')} and 1 more, which hold characters written in UTF-8 (read as UTF-8): check them.`);
  });

  it('DimSalesTerritory.csv: 11 territories', async () => {
    const t = await only(aw('DimSalesTerritory.csv'));
    expect(t.encoding).toBe('utf-16le');
    expect(t.rows).toHaveLength(11);
  });

  it("ResellerSalesTargets.csv (UTF-8 with BOM): the first header is exactly 'Year'", async () => {
    const t = await only(aw('ResellerSalesTargets.csv'));
    expect(t.encoding).toBe('utf-8');
    expect(t.headers[0]).toBe('Year');
  });

  it('FactResellerSales.csv: 57,851 rows whose SalesAmount sum matches a plain split of the file', async () => {
    const t = await only(aw('FactResellerSales.csv'));
    expect(t.rows).toHaveLength(57851);
    const col = t.headers.indexOf('SalesAmount');
    let ours = 0;
    for (const r of t.rows) ours += parseAmount(r.cells[col] ?? '') ?? Number.NaN;

    const lines = readFileSync(aw('FactResellerSales.csv'), 'utf8').split('\n').filter((l) => l !== '');
    const header = lines[0]!.split(',');
    const rawCol = header.indexOf('SalesAmount');
    expect(rawCol).toBe(col);
    let independent = 0;
    for (const l of lines.slice(1)) independent += Number(l.split(',')[rawCol]);
    expect(lines).toHaveLength(57852);
    expect(ours).toBe(independent);
    expect(Math.round(ours)).toBeGreaterThan(77_000_000);
  });

  it('Olist closed deals: won_date reads day-first', async () => {
    const t = await only(join(DATA, 'olist-marketing-funnel-partner-recruitment', 'olist_closed_deals_dataset.csv'));
    const col = t.headers.indexOf('won_date');
    expect(col).toBeGreaterThanOrEqual(0);
    const reading = detectDateOrder(t.rows.map((r) => r.cells[col] ?? ''));
    expect(reading).toMatchObject({ order: 'dmy', ambiguous: false, bad: [] });
  });

  it('Maven sales_pipeline.csv: 8,800 opportunities', async () => {
    const t = await only(join(DATA, 'maven-crm-sales-opportunities', 'sales_pipeline.csv'));
    expect(t.rows).toHaveLength(8800);
    expect(t.rows.at(-1)!.line).toBe(8801);
  });
});
