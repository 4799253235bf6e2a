/**
 * The import on the kinds of files CAMs actually have: an Excel workbook with a sheet per
 * entity, a Windows-1252 CSV with currency symbols and thousands separators, `NULL`/`N/A`
 * cells, and day/month dates that read both ways — asked, never guessed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ImportMapping } from '../../../src-shared/domain/import-mapping';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { importTables, readFiles } from '../../../src-main/services/import/service';

const clock = fixedClock('2026-11-30T10:00:00Z');

async function workbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const partners = wb.addWorksheet('Partners');
  partners.addRow(['Partner ID', 'Partner Name', 'Country', 'Owner']);
  partners.addRow(['P1', 'Café Müller GmbH', 'Germany', 'Ana']);
  partners.addRow(['P2', 'Northwind', 'United States', 'Ben']);
  partners.addRow(['P3', 'Sleepy Partner', 'N/A', 'NULL']);
  const owners = wb.addWorksheet('Owners');
  owners.addRow(['Owner', 'Full name']);
  owners.addRow(['Ana', 'Ana Ruiz']);
  owners.addRow(['Ben', 'Ben Okafor']);
  await wb.xlsx.writeFile(path);
}

/** Deals in Windows-1252 with CRLF: euro amounts with thousands separators, dates all ≤ 12/12. */
function deals(path: string, dates: string[]): void {
  const lines = ['Deal;Partner;Customer;Value;Closed', ...dates.map((d, i) => `D${i + 1};${i % 2 ? 'P2' : 'P1'};Bäckerei ${i};€1.234,50;${d}`)];
  writeFileSync(path, iconv.encode(`${lines.join('\r\n')}\r\n`, 'win1252'));
}

const mapping = (dateOrder?: 'dmy' | 'mdy'): ImportMapping => ({
  version: 1,
  name: 'Messy book',
  currency: 'EUR',
  tiers: 'none',
  partnerOwner: 'column',
  files: [
    { file: 'book.xlsx', sheet: 'Owners', entity: 'user', fields: { id: { column: 'Owner' }, name: { column: 'Full name' } } },
    {
      file: 'book.xlsx',
      sheet: 'Partners',
      entity: 'partner',
      fields: { id: { column: 'Partner ID' }, name: { column: 'Partner Name' }, country: { column: 'Country' }, owner_id: { column: 'Owner' } },
    },
    {
      file: 'deals.csv',
      entity: 'opportunity',
      fields: {
        id: { column: 'Deal' },
        partner_id: { column: 'Partner' },
        customer: { column: 'Customer' },
        amount: { column: 'Value' },
        close_date: { column: 'Closed', ...(dateOrder ? { dateOrder } : {}) },
      },
    },
  ],
});

describe('messy real-world files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-messy-'));
  const files = [join(dir, 'book.xlsx'), join(dir, 'deals.csv')];

  it('asks for the day/month order of a column that reads both ways, then imports the workbook and the Windows-1252 CSV', async () => {
    await workbook(files[0]!);
    deals(files[1]!, ['03/04/2026', '05/06/2026', '11/12/2025']);
    const db = openDb(':memory:');
    const tables = await readFiles(files);
    expect(tables.map((t) => `${t.file}:${t.sheet ?? ''}:${t.encoding}`)).toEqual(['book.xlsx:Partners:xlsx', 'book.xlsx:Owners:xlsx', 'deals.csv::windows-1252']);

    const asked = importTables(db, clock, tables, mapping());
    expect(asked.ok).toBe(false);
    expect(asked.questions).toEqual([{ file: 'deals.csv', sheet: null, field: 'close_date', column: 'Closed', examples: ['03/04/2026', '05/06/2026', '11/12/2025'] }]);
    expect(asked.message).toContain('read both as day/month and month/day');
    expect(db.sqlite.prepare('SELECT count(*) FROM partner').pluck().get()).toBe(0);

    const r = importTables(db, clock, tables, mapping('dmy'));
    expect(r.message).toMatch(/^Imported: /);
    const q = (sql: string) => db.sqlite.prepare(sql).pluck().get();
    expect(q("SELECT name FROM partner WHERE id = 'P1'")).toBe('Café Müller GmbH');
    expect(q("SELECT close_date FROM opportunity WHERE id = 'D1'")).toBe('2026-04-03');
    expect(q("SELECT close_date FROM opportunity WHERE id = 'D3'")).toBe('2025-12-11');
    expect(q("SELECT amount || ' ' || currency FROM opportunity WHERE id = 'D2'")).toBe('123450 EUR');
    expect(q("SELECT customer FROM opportunity WHERE id = 'D1'")).toBe('Bäckerei 0');
    // N/A country and NULL owner are missing, not values: the defaults apply and say so.
    expect(q("SELECT country || ' / ' || owner_id FROM partner WHERE id = 'P3'")).toBe('Unknown / unassigned');
    expect(q("SELECT name FROM user WHERE id = 'Ana'")).toBe('Ana Ruiz');
    expect(q("SELECT name FROM tier")).toBe('Untiered');
    db.close();
  });

  it('a date that is not a date under the chosen order names file, line, column and value, and writes nothing', async () => {
    await workbook(files[0]!);
    deals(files[1]!, ['03/04/2026', '31/02/2026']);
    const db = openDb(':memory:');
    const r = importTables(db, clock, await readFiles(files), mapping('dmy'));
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.message)).toEqual(["deals.csv line 3, column Closed: '31/02/2026' is not a date (read as day/month/year)."]);
    expect(db.sqlite.prepare('SELECT count(*) FROM opportunity').pluck().get()).toBe(0);
    // Skipping the bad row is an explicit choice.
    const skipped = importTables(db, clock, await readFiles(files), mapping('dmy'), { skipBadRows: true });
    expect(skipped.message).toBe('Imported: 8 added, 0 changed, 0 removed; 1 bad row left out.'); // 3 users, 3 partners, 1 tier, 1 deal
    db.close();
  });

  it('an amount written in another currency is refused by file, line and column, never stored as the import’s currency', async () => {
    await workbook(files[0]!);
    const lines = ['Deal;Partner;Customer;Value;Closed', 'D1;P1;Bäckerei;€1.234,50;2026-04-03', 'D2;P2;Tokyo Trading;¥5000;2026-04-04', 'D3;P1;Lyon SA;1 200 EUR;2026-04-05', 'D4;P2;Boston Inc;USD 900;2026-04-06'];
    writeFileSync(files[1]!, iconv.encode(`${lines.join('\r\n')}\r\n`, 'win1252'));
    const db = openDb(':memory:');
    const r = importTables(db, clock, await readFiles(files), mapping());
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.message)).toEqual([
      "deals.csv line 3, column Value: '¥5000' is in JPY, but this import reads amounts as EUR; convert the column to EUR, or import JPY amounts in an import of their own.",
      "deals.csv line 5, column Value: 'USD 900' is in USD, but this import reads amounts as EUR; convert the column to EUR, or import USD amounts in an import of their own.",
    ]);
    expect(db.sqlite.prepare('SELECT count(*) FROM opportunity').pluck().get()).toBe(0);
    // Left out on request, the euro rows are stored as euros.
    const skipped = importTables(db, clock, await readFiles(files), mapping(), { skipBadRows: true });
    expect(skipped.ok).toBe(true);
    expect(db.sqlite.prepare("SELECT group_concat(id || '=' || amount || ' ' || currency, ', ') FROM (SELECT * FROM opportunity ORDER BY id)").pluck().get()).toBe('D1=123450 EUR, D3=120000 EUR');
    db.close();
  });

  it("'€1.234' is 1,234 euros in a column that writes '€12,50', and refused where nothing in the column says which", async () => {
    await workbook(files[0]!);
    const write = (values: string[]) => {
      const lines = ['Deal;Partner;Customer;Value;Closed', ...values.map((v, i) => `D${i + 1};P1;Bäckerei ${i};${v};2026-04-0${i + 1}`)];
      writeFileSync(files[1]!, iconv.encode(`${lines.join('\r\n')}\r\n`, 'win1252'));
    };
    const db = openDb(':memory:');
    const amounts = () => db.sqlite.prepare("SELECT group_concat(id || '=' || amount || ' ' || currency, ', ') FROM (SELECT * FROM opportunity ORDER BY id)").pluck().get();
    // Before: '€1.234' was read as 1.234 and stored as 1.23 EUR.
    write(['€1.234', '€12,50']);
    expect(importTables(db, clock, await readFiles(files), mapping()).ok).toBe(true);
    expect(amounts()).toBe('D1=123400 EUR, D2=1250 EUR');

    // Before: 5 EUR and 12.50 EUR, silently. Now nothing is written and each row says why.
    write(['€5.000', '€12.500']);
    const r = importTables(db, clock, await readFiles(files), mapping());
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.message)).toEqual([
      "deals.csv line 2, column Value: '€5.000' could be 5000 or 5: no other amount in this column shows whether '.' groups thousands or marks decimals. Write it without the '.' (5000) if it is a whole amount, or with its cents.",
      "deals.csv line 3, column Value: '€12.500' could be 12500 or 12.5: no other amount in this column shows whether '.' groups thousands or marks decimals. Write it without the '.' (12500) if it is a whole amount, or with its cents.",
    ]);
    expect(amounts()).toBe('D1=123400 EUR, D2=1250 EUR');
    db.close();
  });

  it('a workbook amount formatted in euros or yen is refused in a dollar import, and stored as euros in a euro one', async () => {
    const path = join(dir, 'book.xlsx');
    const wb = new ExcelJS.Workbook();
    const partners = wb.addWorksheet('Partners');
    partners.addRow(['Partner ID', 'Partner Name']);
    partners.addRow(['P1', 'Café Müller GmbH']);
    const deals = wb.addWorksheet('Deals');
    deals.addRow(['Deal', 'Partner', 'Value', 'Closed']);
    // What Excel shows: €1.234,50 / ¥5,000 / 1.234 (a plain number with three decimals) / a text cell pasted in.
    const rows: [string, number | string, string | undefined][] = [
      ['D1', 1234.5, '[$€-407] #,##0.00'],
      ['D2', 5000, '[$¥-411]#,##0'],
      ['D3', 1.234, undefined],
      ['D4', '€12,50', undefined],
    ];
    for (const [id, value, fmt] of rows) {
      const row = deals.addRow([id, 'P1', value, '2026-04-03']);
      if (fmt) row.getCell(3).numFmt = fmt;
    }
    await wb.xlsx.writeFile(path);
    const book = (currency: string): ImportMapping => ({
      version: 1,
      name: 'Workbook',
      currency,
      tiers: 'none',
      partnerOwner: 'top_seller',
      files: [
        { file: 'book.xlsx', sheet: 'Partners', entity: 'partner', fields: { id: { column: 'Partner ID' }, name: { column: 'Partner Name' } } },
        { file: 'book.xlsx', sheet: 'Deals', entity: 'opportunity', fields: { id: { column: 'Deal' }, partner_id: { column: 'Partner' }, amount: { column: 'Value' }, close_date: { column: 'Closed' } } },
      ],
    });
    const db = openDb(':memory:');
    const amounts = () => db.sqlite.prepare("SELECT group_concat(id || '=' || amount || ' ' || currency, ', ') FROM (SELECT * FROM opportunity ORDER BY id)").pluck().get();
    // Before: D1 stored as 1,234.50 USD and D2 as 5,000.00 USD, silently.
    const usd = importTables(db, clock, await readFiles([path]), book('USD'));
    expect(usd.ok).toBe(false);
    expect(usd.errors.map((e) => e.message)).toEqual([
      "book.xlsx line 2, column Value: '€1234.5' is in EUR, but this import reads amounts as USD; convert the column to USD, or import EUR amounts in an import of their own.",
      "book.xlsx line 3, column Value: '¥5000' is in JPY, but this import reads amounts as USD; convert the column to USD, or import JPY amounts in an import of their own.",
      "book.xlsx line 5, column Value: '€12,50' is in EUR, but this import reads amounts as USD; convert the column to USD, or import EUR amounts in an import of their own.",
    ]);
    expect(amounts()).toBeNull();
    // A euro import takes the euro cell as euros; the number 1.234 is 1.234 (Excel's '.' is a decimal point), though the text '€12,50' says the column's decimals follow ','.
    const eur = importTables(db, clock, await readFiles([path]), book('EUR'), { skipBadRows: true });
    expect(eur.errors.map((e) => e.message)).toEqual([
      "book.xlsx line 3, column Value: '¥5000' is in JPY, but this import reads amounts as EUR; convert the column to EUR, or import JPY amounts in an import of their own.",
    ]);
    expect(amounts()).toBe('D1=123450 EUR, D3=123 EUR, D4=1250 EUR');
    db.close();
  });

  it('skipping a bad order line leaves its whole order out and says so, never a total without it', async () => {
    await workbook(files[0]!);
    const lines = [
      'Deal;Partner;Customer;Value;Closed',
      'SO-1;P1;Bäckerei;100;2026-04-03',
      'SO-1;P1;Bäckerei;250;2026-04-03',
      'SO-2;P2;Tokyo;40;2026-04-04',
      'SO-2;P2;Tokyo;abc;2026-04-04',
      'SO-2;P2;Tokyo;60;2026-04-04',
    ];
    writeFileSync(files[1]!, iconv.encode(`${lines.join('\r\n')}\r\n`, 'win1252'));
    const grouped = mapping();
    grouped.files[2]!.group = { by: 'Deal', sum: ['amount'] };
    const db = openDb(':memory:');
    // Not skipping: one problem, in one row (the order left out with it is no second problem).
    const refused = importTables(db, clock, await readFiles(files), grouped);
    expect(refused.message).toBe("Nothing was imported: deals.csv line 5, column Value: 'abc' is not an amount. Fix the files, or choose to skip the bad rows.");
    expect(refused.badRows).toBe(1);
    const r = importTables(db, clock, await readFiles(files), grouped, { skipBadRows: true });
    expect(r.ok).toBe(true);
    // Three rows are left out, and the message says which: not '2 bad rows left out'.
    expect(r.message).toBe('Imported: 8 added, 0 changed, 0 removed; 1 bad row left out, with the 2 other lines of order SO-2.');
    expect(r.orderLinesLeftOut).toBe(2);
    // SO-2 is not stored as 100 (40 + 60, its 'abc' line dropped): it is left out, and the report says why.
    expect(db.sqlite.prepare("SELECT group_concat(id || '=' || amount, ', ') FROM opportunity").pluck().get()).toBe('SO-1=35000');
    expect(r.errors.map((e) => e.message)).toEqual([
      "deals.csv line 5, column Value: 'abc' is not an amount.",
      'deals.csv line 4, column Deal: SO-2 is left out whole: its line 5 has a problem, and its amount without that line would be wrong.',
    ]);
    db.close();
  });

  it('lines of one order that name different partners are a problem, never one total credited to the first line’s partner', async () => {
    await workbook(files[0]!);
    const lines = ['Deal;Partner;Customer;Value;Closed', 'SO-1;P1;Bäckerei;100;2026-04-03', 'SO-1;P2;Bäckerei;250;2026-04-03', 'SO-3;P2;Tokyo;40;2026-04-04'];
    writeFileSync(files[1]!, iconv.encode(`${lines.join('\r\n')}\r\n`, 'win1252'));
    const grouped = mapping();
    grouped.files[2]!.group = { by: 'Deal', sum: ['amount'] };
    const db = openDb(':memory:');
    // Before: SO-1 stored as 350 for P1, P2's 250 credited to P1, silently.
    const r = importTables(db, clock, await readFiles(files), grouped);
    expect(r.ok).toBe(false);
    expect(r.message).toBe(
      "Nothing was imported: deals.csv line 3, column Partner: 'P2' differs from SO-1's line 2 ('P1'): the lines of an order must agree on its partner; correct the line, or give it an order key of its own. Fix the files, or choose to skip the bad rows.",
    );
    const skipped = importTables(db, clock, await readFiles(files), grouped, { skipBadRows: true });
    expect(skipped.message).toMatch(/; 1 bad row left out, with the 1 other line of order SO-1\.$/);
    expect(db.sqlite.prepare("SELECT group_concat(id || '=' || partner_id || ' ' || amount, ', ') FROM opportunity").pluck().get()).toBe('SO-3=P2 4000');
    db.close();
  });
});
