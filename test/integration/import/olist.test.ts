/**
 * The mapping proposed for a partner list that names its partners only by their ids:
 * Olist's closed deals (../shared/data/olist-marketing-funnel-partner-recruitment, sellers
 * a marketplace recruited). Its `has_company` column (TRUE or blank) was proposed as the
 * partners' name because its header holds "company"; the id is what names them.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { importTables, missingInWords } from '../../../src-main/services/import/service';
import { proposeMapping } from '../../../src-main/sources/spreadsheet/propose';
import { readSpreadsheet } from '../../../src-main/sources/spreadsheet/read';
import { REPO } from '../../support/harness';

const DATA = resolve(REPO, '../shared/data');
const present = existsSync(DATA);
if (!present) console.warn(`skipping the proposal tests on real data: ${DATA} is not on this machine`);

describe.skipIf(!present)('the proposed mapping on real exports', () => {
  it('Olist closed deals: partners named by their seller_id, never by a yes/no column, and asked about', async () => {
    const tables = await readSpreadsheet(join(DATA, 'olist-marketing-funnel-partner-recruitment', 'olist_closed_deals_dataset.csv'));
    const p = proposeMapping(tables);
    const guess = p.tables[0]!;
    expect(guess.entity).toBe('partner');
    const field = (k: string) => guess.fields.find((f) => f.field === k);
    expect(field('id')).toMatchObject({ column: 'seller_id' });
    expect(field('name')).toEqual({ field: 'name', column: 'seller_id', confidence: 0.5 });
    expect(field('agreement_signed_at')?.column).toBe('won_date');
    expect(field('owner_id')?.column).toBe('sr_id');
    expect(p.uncertain).toContain('olist_closed_deals_dataset.csv: name ← seller_id (50%)');
  });

  it('AdventureWorks resellers and Maven accounts keep their name columns', async () => {
    const aw = await readSpreadsheet(join(DATA, 'adventureworks-reseller-channel', 'Resellers.csv'));
    const awName = proposeMapping(aw).tables[0]!.fields.find((f) => f.field === 'name')!;
    expect(awName.column).toBe('ResellerName');
    expect(awName.confidence).toBeGreaterThanOrEqual(0.8);
    const maven = await readSpreadsheet(join(DATA, 'maven-crm-sales-opportunities', 'accounts.csv'));
    expect(proposeMapping(maven).tables[0]!.fields.find((f) => f.field === 'name')?.column).toBe('account');
  });

  it('Olist closed deals imported as they are proposed: the book holds partners only, and says it has no orders, not that they are all closed', async () => {
    const tables = await readSpreadsheet(join(DATA, 'olist-marketing-funnel-partner-recruitment', 'olist_closed_deals_dataset.csv'));
    const { mapping } = proposeMapping(tables);
    // The user's answer to "type ← business_type": manufacturers and the rest are resellers here.
    const type = mapping.files[0]!.fields.type!;
    mapping.files[0]!.fields.type = { column: type.column, values: { manufacturer: 'reseller', other: 'reseller' } };
    const db = openDb(':memory:');
    const r = importTables(db, fixedClock('2026-12-01T09:00:00Z'), tables, mapping, { skipBadRows: true });
    expect(r.ok, r.message).toBe(true);
    expect(r.records.partner).toBe(842);
    const missing = missingInWords(r.coverage!);
    expect(missing[0]).toBe('orders and opportunities (so no revenue or pipeline)');
    expect(missing.join(', ')).not.toContain('every opportunity is closed');
    db.close();
  });
});
