/**
 * Amounts in more than one currency: a row whose currency column names another currency
 * than the import's is refused by file, line and column, never stored as the import's.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { importTables, proposeFor, readFiles } from '../../../src-main/services/import/service';
import type { ImportMapping } from '../../../src-shared/domain/import-mapping';

const clock = fixedClock('2026-11-30T10:00:00Z');

describe('a currency column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-currency-'));
  const partners = join(dir, 'partners.csv');
  const deals = join(dir, 'deals.csv');
  writeFileSync(partners, 'Partner ID,Partner Name\nP1,Northwind\n');
  writeFileSync(deals, 'Deal ID,Partner,Amount,Currency,Close Date\nD1,P1,100,USD,2026-04-01\nD2,P1,250,EUR,2026-04-02\nD3,P1,40,usd,2026-04-03\n');

  it('is proposed for the currency field, and a row in another currency is refused, never stored as dollars', async () => {
    const tables = await readFiles([partners, deals]);
    const proposal = proposeFor(tables);
    const mapping: ImportMapping = proposal.mapping;
    expect(mapping.currency).toBe('USD');
    expect(proposal.uncertain).toContain('the amounts are in more than one currency (USD in 2 cells, EUR in 1 cell): the import reads them as USD and refuses the rows in another; set "currency" to the one to import');
    expect(mapping.files.find((f) => f.file === 'deals.csv')?.fields.currency).toEqual({ column: 'Currency' });

    const db = openDb(':memory:');
    // Before: D2 stored as 250.00 USD (the currency column was no field of the import), silently.
    const r = importTables(db, clock, tables, mapping);
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.message)).toEqual([
      "deals.csv line 3, column Currency: 'EUR': this row's amounts are in EUR, but this import reads amounts as USD; convert them to USD, or import EUR rows in an import of their own.",
    ]);
    const skipped = importTables(db, clock, tables, mapping, { skipBadRows: true });
    expect(skipped.ok).toBe(true);
    expect(db.sqlite.prepare("SELECT group_concat(id || '=' || amount || ' ' || currency, ', ') FROM (SELECT * FROM opportunity ORDER BY id)").pluck().get()).toBe('D1=10000 USD, D3=4000 USD');
    db.close();
  });

  it('files whose amounts are written in euros are proposed as a euro import, and import as euros', async () => {
    const euros = join(dir, 'euro-deals.csv');
    writeFileSync(euros, 'Deal ID;Partner;Amount;Close Date\nD1;P1;€1.234,50;2026-04-01\nD2;P1;€ 99,00;2026-04-02\n');
    const tables = await readFiles([partners, euros]);
    const proposal = proposeFor(tables);
    // Before: proposed as USD, and every row then refused as being in EUR.
    expect(proposal.mapping.currency).toBe('EUR');
    expect(proposal.uncertain.filter((u) => u.includes('currency'))).toEqual([]);
    const db = openDb(':memory:');
    const r = importTables(db, clock, tables, proposal.mapping);
    expect(r.ok).toBe(true);
    expect(db.sqlite.prepare("SELECT group_concat(id || '=' || amount || ' ' || currency, ', ') FROM (SELECT * FROM opportunity ORDER BY id)").pluck().get()).toBe('D1=123450 EUR, D2=9900 EUR');
    db.close();
  });
});
