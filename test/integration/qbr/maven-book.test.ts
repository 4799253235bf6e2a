/**
 * The QBR's "last twelve months" on a book whose files start inside the twelve months
 * before: Maven's CRM export (../shared/data/maven-crm-sales-opportunities) holds deals
 * whose first won deal closed in March 2017. As of Q4 2017 nothing was won in 2016 because the
 * files do not reach back, not because every deal is new, which the deck used to tell the
 * partner ("Nothing won in the twelve months before: all of it is new").
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { importTables, parseMapping, readFiles } from '../../../src-main/services/import/service';
import type { Slide } from '../../../src-main/export/pptx/frame';
import { trailingSlide } from '../../../src-main/export/pptx/slides/trailing';
import { trailingData } from '../../../src-main/services/qbr/sections/trailing';
import { CALENDAR_YEAR } from '../../../src-shared/domain/time';
import { REPO } from '../../support/harness';

const DATA = resolve(REPO, '../shared/data/maven-crm-sales-opportunities');
const present = existsSync(DATA);
if (!present) console.warn(`skipping the Maven QBR test: ${DATA} is not on this machine`);

describe.skipIf(!present)('QBR last twelve months on the Maven book', () => {
  it('says the book starts too late to compare, not that everything won is new', async () => {
    const mapping = parseMapping(JSON.parse(readFileSync(join(REPO, 'resources/import-mappings/maven-crm-sales-opportunities.json'), 'utf8')));
    const tables = await readFiles(['accounts.csv', 'sales_pipeline.csv', 'sales_teams.csv'].map((f) => join(DATA, f)));
    const db = openDb(':memory:');
    expect(importTables(db, fixedClock('2026-12-01T09:00:00Z'), tables, mapping, { skipBadRows: true }).ok).toBe(true);
    // The first won deal, read from the file itself: the earliest close_date of a "Won" row.
    const rows = readFileSync(join(DATA, 'sales_pipeline.csv'), 'utf8').split(/\r?\n/).filter(Boolean).slice(1).map((l) => l.split(','));
    const first = rows.filter((r) => r[4] === 'Won' && r[6] !== '').map((r) => r[6]!).sort()[0]!;
    expect(first > '2016-12-31').toBe(true); // after the twelve months before (2016) began: they are not in the files
    const id = db.sqlite.prepare("SELECT id FROM partner WHERE name = 'Kan-code'").pluck().get() as string;
    const x = { quarter: '2017-Q4', asOf: '2017-12-31', today: '2017-12-31', complete: true, daysElapsed: 92, calendar: CALENDAR_YEAR, currency: 'USD' };
    const d = trailingData(db, id, x)!;
    expect(d.prior12m).toBe(0);
    const [y, m, day] = first.split('-').map(Number) as [number, number, number];
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
    expect(d.changeText).toBe(`No twelve months before to compare with: this book’s first won deal closed on ${day} ${month} ${y}`);
    expect(d.changeTone).toBe('neutral');
    // Not "$0 the twelve months before", nor "nothing in Q4 2016": the files do not reach back that far.
    expect(d.priorInBook).toBe(false);
    expect(d.yoyText).toBe(`${'$'}${Math.round(d.won[3]! / 100_000)}k won in Q4 2017; Q4 2016 is before this book’s first won deal.`);
    // The slide: the window alone (no "$0 the twelve months before"), and a chart titled for the one series it draws.
    const drawn: string[] = [];
    const slide = {
      addText: (t: string | { text: string }[]) => void drawn.push(typeof t === 'string' ? t : t.map((x) => x.text).join('')),
      addShape: () => undefined,
      addTable: () => undefined,
      addChart: (_type: unknown, _data: unknown, opts: { title?: string }) => void drawn.push(`chart: ${opts.title ?? ''}`),
    } as unknown as Slide;
    trailingSlide({ slide, body: { x: 0.5, y: 1.3, w: 12.33, h: 5.6 } }, d);
    expect(drawn).toContain('1 Jan 2017 – 31 Dec 2017');
    expect(drawn).toContain('chart: ARR won per quarter');
    expect(drawn.join('\n')).not.toMatch(/\$0 the twelve months before|a year before/);
    db.close();
  });
});
