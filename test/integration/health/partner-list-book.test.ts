/**
 * A partner list alone (Olist's recruited sellers, ../shared/data: partners and nothing else)
 * has nothing health counts: no revenue, pipeline, engagement, certifications or PSAT. Its
 * partners have no score — band `no_data` — rather than a score of 0 that reads "at risk" for
 * all 842: the portfolio, the team roll-up, the partner's health and the CLI say so. A QBR pack
 * (all $0 and "no data") is refused with what would make one.
 * With no orders there is no return either: no ROPI rather than 0.0× for everyone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { importTables } from '../../../src-main/services/import/service';
import { createHealthService } from '../../../src-main/services/health/service';
import { getPartner } from '../../../src-main/services/partners';
import { computeRopi } from '../../../src-main/services/ropi/ropi';
import { createQbrBuilder } from '../../../src-main/services/qbr/pack';
import { proposeMapping } from '../../../src-main/sources/spreadsheet/propose';
import { readSpreadsheet } from '../../../src-main/sources/spreadsheet/read';
import { REPO } from '../../support/harness';
import { NO_DEALS_FOR_QBR } from '../../../src-shared/methods/qbr';
import { NO_DEALS_FOR_FORECAST } from '../../../src-shared/methods/forecast';
import { createForecastService } from '../../../src-main/services/forecast/service';
import { actionDigest } from '../../../src-main/services/actions/service';

const FILE = resolve(REPO, '../shared/data/olist-marketing-funnel-partner-recruitment/olist_closed_deals_dataset.csv');
const present = existsSync(FILE);
if (!present) console.warn(`skipping the partner-list health test: ${FILE} is not on this machine`);
const AS_OF = '2026-12-01';

describe.skipIf(!present)('health of a book that is a partner list alone (Olist sellers)', () => {
  it('gives no partner a score or a band, counts no one at risk, and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-partner-list-'));
    const file = join(dir, 'replica.sqlite');
    const db = openDb(file);
    const tables = await readSpreadsheet(FILE);
    const { mapping } = proposeMapping(tables);
    // The user's answer to "type ← business_type": manufacturers and the rest are resellers here.
    const type = mapping.files[0]!.fields.type!;
    mapping.files[0]!.fields.type = { column: type.column, values: { manufacturer: 'reseller', other: 'reseller' } };
    expect(importTables(db, fixedClock(`${AS_OF}T09:00:00Z`), tables, mapping, { skipBadRows: true }).ok).toBe(true);

    const health = createHealthService({ db, clock: fixedClock(AS_OF) });
    const rows = health.portfolio(AS_OF).rows.filter((r) => r.live);
    expect(rows.length).toBeGreaterThan(800);
    expect(new Set(rows.map((r) => r.band))).toEqual(new Set(['no_data']));
    expect(rows.every((r) => r.delta === null)).toBe(true);
    // Nor is there a churn estimate: no partner "3%, low risk" from the model's base rate alone.
    expect(rows.every((r) => r.churn_no_data)).toBe(true);

    const team = health.rollup(AS_OF);
    expect(team.totals.bands).toMatchObject({ healthy: 0, watch: 0, at_risk: 0, no_data: team.totals.partners });
    expect(team.atRisk).toEqual([]);
    expect(team.movement).toEqual([]);
    // The movement matrix says why it is empty: no partner has a score then or now.
    expect(team.movementLeftOut.joined + team.movementLeftOut.noScore).toBe(team.totals.partners);
    for (const cam of team.cams) expect(cam.averageScore).toBeNull();

    const id = rows[0]!.id;
    const detail = health.partner(id, AS_OF);
    expect(detail.current.band).toBe('no_data');
    expect(detail.churn.noData).toBe(true);
    // No revenue to tier partners by: one level, not empty Gold and Silver tiers "+$1 sourced ARR" away.
    expect(db.sqlite.prepare('SELECT name FROM tier').pluck().all()).toEqual(['Untiered']);
    expect(detail.eligibility.nextText).toBeNull();
    // The trend has gaps, not a line of zeros.
    expect(detail.trend.every((t) => t.score === null)).toBe(true);
    // The partner page is told revenue is not in the book (it showed "$0").
    expect(getPartner(db, fixedClock(AS_OF), id).notInBook).toContain('opportunity');

    // No return to measure: no ROPI (it read "Return $0 = no won deals … 0.0×").
    expect(computeRopi(db, AS_OF).returnKnown).toBe(false);

    // No forecast: nothing to project (it said "too little history … three complete quarters of won deals").
    const forecast = createForecastService({ db, clock: fixedClock(AS_OF) });
    expect(await forecast.book(AS_OF)).toMatchObject({ rows: [], backtest: null, message: NO_DEALS_FOR_FORECAST });
    expect((await forecast.partner(id, AS_OF)).message).toBe(NO_DEALS_FOR_FORECAST);

    // The actions digest knows the import arrived, whether or not any action fires (it said "Not imported yet").
    expect(actionDigest(db, fixedClock(AS_OF))).toMatchObject({ syncedAt: `${AS_OF}T09:00:00Z`, previousSyncedAt: null });

    // No QBR pack: a deck of $0s and "no data" is no review, and the user is told what would make one.
    const builder = createQbrBuilder({ db, clock: fixedClock(AS_OF), sources: { health: (pid, asOf) => health.partner(pid, asOf), jbpActuals: null, actions: null } });
    expect(() => builder.pack(id, '2026-Q3')).toThrow(NO_DEALS_FOR_QBR);
    db.close();

    // The CLI counts what the views count.
    const out = spawnSync(process.execPath, [resolve(REPO, 'bin/partnerbook.mjs'), 'health', '--db', file, '--as-of', AS_OF], { encoding: 'utf8', timeout: 60_000 });
    expect(out.status, out.stderr).toBe(0);
    const [head, firstRow] = out.stdout.split('\n');
    expect(head).toMatch(/^\d+ partners as of 2026-12-01 have no health score, as this book holds none of what health counts \(not in it: orders and opportunities/);
    expect(head).not.toMatch(/at risk/);
    expect(firstRow).toMatch(/^\S+ +— no data /);
    const one = spawnSync(process.execPath, [resolve(REPO, 'bin/partnerbook.mjs'), 'health', '--db', file, '--as-of', AS_OF, '--partner', id], { encoding: 'utf8', timeout: 60_000 });
    expect(one.stdout).toContain('— no health score: this book holds none of what health counts');
    expect(one.stdout).toMatch(/^ +=\s+no score$/m);
    // Each measure the files lack says so once (it read "no data: … → 0/100 × 0% [no data]").
    expect(one.stdout).toMatch(/^ +0 pts {2}Latest PSAT: no data: this book’s files do not hold it; not counted$/m);
    expect(one.stdout).not.toContain('[no data]');
    expect(one.stdout).toContain('Churn risk: no data (this book holds none of what it is estimated from)');
    const ropi = spawnSync(process.execPath, [resolve(REPO, 'bin/partnerbook.mjs'), 'ropi', '--db', file, '--as-of', AS_OF], { encoding: 'utf8', timeout: 60_000 });
    expect(ropi.status, ropi.stderr).toBe(0);
    const qbr = spawnSync(process.execPath, [resolve(REPO, 'bin/partnerbook.mjs'), 'export-qbr', '--db', file, '--partner', id, '--quarter', '2026-Q3', '--out', join(dir, 'q.pptx')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(qbr.status).not.toBe(0);
    expect(qbr.stderr).toContain(NO_DEALS_FOR_QBR);
    expect(existsSync(join(dir, 'q.pptx'))).toBe(false);
    expect(ropi.stdout).toMatch(/^\d+ partners\. No ROPI: this book’s files hold no orders or opportunities, so there is no return to measure\.\n$/);
    for (const args of [[], ['--backtest']]) {
      const fc = spawnSync(process.execPath, [resolve(REPO, 'bin/partnerbook.mjs'), 'forecast', '--db', file, '--as-of', AS_OF, ...args], { encoding: 'utf8', timeout: 60_000 });
      expect(fc.status, fc.stderr).toBe(0);
      expect(fc.stdout).toBe(`${NO_DEALS_FOR_FORECAST}\n`);
    }
  });
});
