/**
 * A book imported from order files (AdventureWorks' reseller channel, ../shared/data: closed
 * deals only). What the files do not hold is said as not known, never as nothing: the QBR
 * pipeline slide and its notes say the open pipeline is not in the files instead of "no open
 * partner pipeline: registering the next deals is the first step", and the partner page is
 * told which of its figures the book does not hold; ROPI's investment says MDF is not in it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPEN_DEALS_UNKNOWN, OPEN_PIPELINE_UNKNOWN, type PipelineData } from '../../../src-shared/methods/qbr';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import type { Slide } from '../../../src-main/export/pptx/frame';
import { pipelineSlide } from '../../../src-main/export/pptx/slides/pipeline';
import { trailingSlide } from '../../../src-main/export/pptx/slides/trailing';
import { trendsSlide } from '../../../src-main/export/pptx/slides/trends';
import { moneyScale } from '../../../src-main/export/pptx/charts';
import type { TrailingData, TrendsData } from '../../../src-shared/methods/qbr';
import { importTables, parseMapping, readFiles } from '../../../src-main/services/import/service';
import { getPartner } from '../../../src-main/services/partners';
import { computeRopi } from '../../../src-main/services/ropi/ropi';
import { formatQuarterRopi, ropiFormula } from '../../../src-shared/ropi-formula';
import { createQbrBuilder } from '../../../src-main/services/qbr/pack';
import { createHealthService } from '../../../src-main/services/health/service';
import { REPO } from '../../support/harness';

const DATA = resolve(REPO, '../shared/data/adventureworks-reseller-channel');
const present = existsSync(DATA);
if (!present) console.warn(`skipping the imported-book QBR test: ${DATA} is not on this machine`);

/** A fresh in-memory book of AdventureWorks' reseller channel, imported with its shipped mapping. */
async function importedAdventureWorks(): Promise<Db> {
  const db = openDb(':memory:');
  const mapping = parseMapping(JSON.parse(readFileSync(join(REPO, 'resources/import-mappings/adventureworks-reseller-channel.json'), 'utf8')));
  const files = ['DimEmployee.csv', 'Resellers.csv', 'FactResellerSales.csv'].map((f) => join(DATA, f));
  expect(importTables(db, fixedClock('2026-11-30'), await readFiles(files), mapping).outcome?.applied).toBe(true);
  return db;
}

/** The texts a slide draws. */
function texts(draw: (slide: Slide) => void): string[] {
  const out: string[] = [];
  const slide = {
    addText: (t: string | { text: string }[]) => void out.push(typeof t === 'string' ? t : t.map((x) => x.text).join('')),
    addShape: () => undefined,
    addTable: (rows: { text: string }[][]) => void out.push(...rows.flat().map((c) => c.text)),
    addChart: () => undefined,
  } as unknown as Slide;
  draw(slide);
  return out;
}

/** The charts a slide draws: title, the values plotted and the number format of their axis and labels. */
function charts(draw: (slide: Slide) => void): { title: string; values: number[][]; format: string; colors: string[] }[] {
  const out: { title: string; values: number[][]; format: string; colors: string[] }[] = [];
  const slide = {
    addText: () => undefined,
    addShape: () => undefined,
    addTable: () => undefined,
    addChart: (_type: string, data: { values: number[] }[], o: { title: string; valAxisLabelFormatCode: string; chartColors: string[] }) =>
      void out.push({ title: o.title, values: data.map((x) => x.values), format: o.valAxisLabelFormatCode, colors: o.chartColors }),
  } as unknown as Slide;
  draw(slide);
  return out;
}

/** What an Excel/PowerPoint number format writes for a positive value, for the formats the deck's charts use. */
function written(format: string, v: number): string {
  const section = format.split(';').find((part) => {
    const cond = /^\[(>=?)([\d.]+)\]/.exec(part);
    return !cond || (cond[1] === '>=' ? v >= Number(cond[2]) : v > Number(cond[2]));
  })!;
  const body = section.replace(/^\[[^\]]*\]/, '');
  const decimals = /0\.(0+)/.exec(body)?.[1]?.length ?? 0;
  const thousandsScaled = /0,"/.test(body) || /0,$/.test(body);
  const n = thousandsScaled ? v / 1000 : v;
  const digits = n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  // Quoted parts are written as they are (odd pieces); the digit pattern becomes the number.
  return body
    .split('"')
    .map((piece, i) => (i % 2 ? piece : piece.replace(/[#0,.]+/, digits)))
    .join('');
}

describe.skipIf(!present)('QBR pack of an imported book with closed deals only', () => {
  it('says the open pipeline is not in the files, on the slide and in its notes', async () => {
    const db = await importedAdventureWorks();

    // Westside Plaza (reseller 599) won an order in Q2 2020, the book's last quarter.
    const pack = createQbrBuilder({ db, clock: fixedClock('2020-05-31'), sources: { health: null, jbpActuals: null, actions: null } }).pack('599', '2020-Q2');
    const section = pack.sections.find((s) => s.key === 'pipeline')!;
    const d = section.data as PipelineData;
    expect(d.openKnown).toBe(false);
    expect(d.wonCount).toBe(1);
    expect(section.talkingPoints[0]).toBe(`${OPEN_PIPELINE_UNKNOWN} Ask what they have open.`);

    const drawn = texts((slide) => pipelineSlide({ slide, body: { x: 0.5, y: 1.3, w: 12.33, h: 5.6 } }, d, 'USD', true));
    expect(drawn).toContain(OPEN_PIPELINE_UNKNOWN);
    expect(drawn).toContain(OPEN_DEALS_UNKNOWN);
    expect(drawn).toContain('LARGEST OPEN DEALS'); // (labels are drawn in capitals)
    expect(drawn.join('\n')).not.toMatch(/registering the next deals|0 open, \$0 to close/);

    // The partner page: every figure beside revenue is one these files do not hold.
    expect(getPartner(db, fixedClock('2020-05-31'), '599').notInBook).toEqual(['open_pipeline', 'contact', 'certification', 'deal_registration', 'engagement_event', 'agreement_date']);

    // ROPI: no MDF in the files, so the investment is CAM time alone and says so (not "MDF $0").
    const ropi = computeRopi(db, '2020-05-31');
    expect(ropi.mdfKnown).toBe(false);
    const row = ropi.rows.find((r) => r.id === '599')!;
    const lines = ropiFormula(row.trailing, (m) => `$${m / 100}`, null, ropi.mdfKnown);
    expect(lines.investment).toMatch(/^Investment \$[\d.]+ = CAM time [\d.]+ h × \$[\d.]+ \(MDF: not in this book\)$/);
    // Its agreement dates from its first order (Jul 17, 2019): Q2 2019 was before it was a partner, not a quarter of "no investment".
    expect(row.quarters.map((q) => [q.quarter, formatQuarterRopi(q)])).toEqual([
      ['2019-Q2', 'not a partner then'],
      ['2019-Q3', '320×'],
      ['2019-Q4', '304×'],
      ['2020-Q1', '172×'],
    ]);
    db.close();
  });

  it('dates a reseller with no order from the files\' first day, and gives no partner an onboarding review it has no signing date for', async () => {
    const db = await importedAdventureWorks();
    const signed = (id: string) => getPartner(db, fixedClock('2020-05-31'), id).partner.agreement_signed_at;
    // Country Parts Shop (13) never ordered: a partner throughout the files (their first order day), not one signed on their last day.
    expect(signed('13')).toBe('2017-07-01');
    const builder = createQbrBuilder({ db, clock: fixedClock('2020-05-31'), sources: { health: null, jbpActuals: null, actions: null } });
    const noOrders = builder.pack('13', '2020-Q2');
    expect(noOrders.variant).toBe('standard');
    // Sensational Discount Store (699) first ordered on 22 Mar 2020: dated from that order, yet the deck does not
    // tell the partner it signed then ('Onboarding review: agreement signed Mar 22, 2020').
    expect(signed('699')).toBe('2020-03-22');
    const recent = builder.pack('699', '2020-Q2');
    expect(recent.variant).toBe('standard');
    expect(recent.sections.map((s) => s.key)).not.toContain('onboarding');
    expect(JSON.stringify(recent.sections)).not.toMatch(/agreement signed/i);
    db.close();
  });

  it("charts a reseller's few hundred dollars in dollars, not as '$0k' on every tick", async () => {
    const db = await importedAdventureWorks();
    // Sensational Discount Store (699): its quarters are a few hundred dollars.
    const pack = createQbrBuilder({ db, clock: fixedClock('2020-05-31'), sources: { health: null, jbpActuals: null, actions: null } }).pack('699', '2020-Q2');
    const body = { x: 0.5, y: 1.3, w: 12.33, h: 5.6 };
    const trailing = charts((slide) => trailingSlide({ slide, body }, pack.sections.find((s) => s.key === 'trailing')!.data as TrailingData));
    const trends = charts((slide) => trendsSlide({ slide, body }, pack.sections.find((s) => s.key === 'trends')!.data as TrendsData));
    const won = [...trailing, ...trends].filter((c) => c.title.startsWith('ARR won per quarter'));
    expect(won).toHaveLength(2);
    for (const c of won) {
      const plotted = c.values.flat().filter((v) => v > 0);
      expect(plotted.length).toBeGreaterThan(0);
      // Every quarter's amount reads as its own dollars ("$324"), and axis ticks of a quarter of the largest differ.
      for (const v of plotted) expect(written(c.format, v)).toMatch(/^\$[1-9][\d,]*$/);
      const top = Math.max(...plotted);
      const ticks = [0.25, 0.5, 0.75, 1].map((f) => written(c.format, top * f));
      expect(new Set(ticks).size).toBe(4);
      // One series (sourced only) in one colour: a chart of one series given several colours paints each bar differently.
      expect(c.values).toHaveLength(1);
      expect(c.colors).toHaveLength(1);
    }
    db.close();
  });

  it('writes chart amounts in the unit their size needs', () => {
    expect(written(moneyScale('USD', [32_400]).format, moneyScale('USD', [32_400]).value(32_400))).toBe('$324');
    const mid = moneyScale('USD', [250_000]);
    expect(written(mid.format, mid.value(250_000))).toBe('$2.5k');
    expect(written(mid.format, mid.value(50_000))).toBe('$0.5k');
    const big = moneyScale('USD', [85_000_000, 160_000_000]);
    expect(written(big.format, big.value(85_000_000))).toBe('$850k');
    expect(written(big.format, big.value(160_000_000))).toBe('$1.6M');
    expect(written(big.format, 0)).toBe('$0');
  });

  it('gives the reason in the QBR pack when the health weights count nothing this book holds', async () => {
    const db = await importedAdventureWorks();
    const health = createHealthService({ db, clock: fixedClock('2020-05-31') });
    // All the weight on pipeline, which order files do not hold: nothing left to score.
    health.setSettings({ ...health.getSettings(), weights: { revenue: 0, pipeline: 100, engagement: 0, enablement: 0, satisfaction: 0 } });
    expect(health.partner('599', '2020-05-31').current.band).toBe('no_data');
    const pack = createQbrBuilder({ db, clock: fixedClock('2020-05-31'), sources: { health: (id, asOf) => health.partner(id, asOf), jbpActuals: null, actions: null } }).pack('599', '2020-Q2');
    const text = JSON.stringify(pack);
    expect(text).toContain('No health score: this book holds none of what the health weights count');
    expect(text).not.toMatch(/Health 0\/100|At risk/);
    db.close();
  });
});
