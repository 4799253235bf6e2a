/**
 * The spreadsheet import on real data no one here wrote: Microsoft's AdventureWorks
 * reseller channel (../shared/data/adventureworks-reseller-channel; UTF-16 and BOM files,
 * CRLF, NULL literals), with the example mapping committed in resources/import-mappings.
 * The expected figures are computed here from the raw files, independently of the import.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOfClock, fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { createHealthService } from '../../../src-main/services/health/service';
import { importTables, parseMapping, readFiles } from '../../../src-main/services/import/service';
import { createQbrService } from '../../../src-main/services/qbr/service';
import { CLI, REPO } from '../../support/harness';

const DATA = resolve(REPO, '../shared/data/adventureworks-reseller-channel');
const present = existsSync(DATA);
if (!present) console.warn(`skipping the AdventureWorks import tests: ${DATA} is not on this machine`);
const FILES = ['DimEmployee.csv', 'Resellers.csv', 'FactResellerSales.csv'];
const MAPPING_PATH = join(REPO, 'resources/import-mappings/adventureworks-reseller-channel.json');
const mapping = parseMapping(JSON.parse(readFileSync(MAPPING_PATH, 'utf8')));
const clock = fixedClock('2026-11-30T10:00:00Z');

/** Independent reading of the fact file: it has no quoted fields, so a split on commas is exact. */
function factFigures(text: string) {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0).slice(1);
  const orders = new Set<string>();
  let cents = 0;
  for (const l of lines) {
    const cells = l.split(',');
    orders.add(cells[0]!);
    cents += Math.round(Number(cells[9]) * 100);
  }
  return { lines: lines.length, orders: orders.size, cents };
}
/** Resellers.csv: one reseller per line (names with commas are quoted; none spans lines). */
function resellerCount(text: string): number {
  return text.split(/\r?\n/).filter((l) => l.length > 0).length - 1;
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe.skipIf(!present)('AdventureWorks reseller channel import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-aw-'));
  const replica = join(dir, 'replica.sqlite');
  let db: Db;
  const paths = (folder = DATA) => FILES.map((f) => join(folder, f));
  beforeAll(() => {
    db = openDb(replica);
  });
  afterAll(() => db?.close());

  it('imports resellers as partners, sales reps as owners, each order as a won sourced opportunity with its amount and date', async () => {
    const r = importTables(db, clock, await readFiles(paths()), mapping);
    expect(r.message).toMatch(/^Imported: /);
    expect(r.ok).toBe(true);
    const fact = factFigures(readFileSync(join(DATA, 'FactResellerSales.csv'), 'utf8'));
    expect(fact.lines).toBe(57_851);
    const q = (sql: string) => db.sqlite.prepare(sql).pluck().get();
    expect(q('SELECT count(*) FROM partner')).toBe(resellerCount(readFileSync(join(DATA, 'Resellers.csv'), 'utf8')));
    // Resellers with no sales have no top seller to own them: the import counts them, under the placeholder owner.
    expect(r.unassignedPartners).toBe(q("SELECT count(*) FROM partner WHERE owner_id = 'unassigned'"));
    expect(r.unassignedPartners).toBeGreaterThan(0);
    expect(q('SELECT count(*) FROM opportunity')).toBe(fact.orders);
    expect(q("SELECT sum(amount) FROM opportunity WHERE stage = 'closed_won' AND partner_role = 'sourced'")).toBe(fact.cents);
    expect(q("SELECT min(close_date) || ' ' || max(close_date) FROM opportunity")).toBe('2017-07-01 2020-05-31');
    // Order SO43659 (its 12 lines summed) belongs to reseller 676 on 2017-07-01.
    const so = db.sqlite.prepare("SELECT partner_id, close_date, amount FROM opportunity WHERE id = 'SO43659'").get() as { partner_id: string; close_date: string; amount: number };
    const soCents = readFileSync(join(DATA, 'FactResellerSales.csv'), 'utf8').split('\n').filter((l) => l.startsWith('SO43659,')).reduce((a, l) => a + Math.round(Number(l.split(',')[9]) * 100), 0);
    expect(so).toEqual({ partner_id: '676', close_date: '2017-07-01', amount: soCents });
    // Owners are the 17 sales people (and, for resellers that never ordered, "no owner in the files").
    const owners = db.sqlite.prepare('SELECT DISTINCT u.id, u.name FROM partner p JOIN user u ON u.id = p.owner_id').all() as { id: string; name: string }[];
    expect(owners.length).toBeGreaterThan(10);
    for (const o of owners) expect(o.id === 'unassigned' || (Number(o.id) >= 272 && Number(o.id) <= 296)).toBe(true);
    expect(q("SELECT name FROM user WHERE id = '272'")).toBe('Stephen Jiang');
    expect(q("SELECT role FROM user WHERE id = '272'")).toBe('manager');
    expect(q("SELECT count(*) FROM user WHERE manager_id = '272'")).toBeGreaterThan(5);
    expect(q("SELECT type FROM partner WHERE id = '1'")).toBe('var');
  });

  it('health works on what the files hold: revenue only, everything else "no data" and re-weighted', () => {
    const health = createHealthService({ db, clock: fixedClock('2020-05-31') });
    const portfolio = health.portfolio('2020-05-31');
    expect(portfolio.rows).toHaveLength(701);
    const scored = portfolio.rows.filter((p) => p.score > 0);
    expect(scored.length).toBeGreaterThan(300);
    const top = [...portfolio.rows].sort((a, b) => b.score - a.score)[0]!;
    const detail = health.partner(top.id, '2020-05-31');
    const revenue = detail.current.measures.filter((m) => m.component === 'revenue');
    expect(revenue.every((m) => !m.noData)).toBe(true);
    expect(revenue.reduce((a, m) => a + m.weight, 0)).toBe(100);
    for (const m of detail.current.measures.filter((x) => x.component !== 'revenue')) {
      expect(m).toMatchObject({ noData: true, weight: 0, points: 0 });
      expect(m.rawText).toContain('no data');
    }
  });

  it('the QBR pack of the top reseller has real figures and no fake zeros for what the files do not hold', () => {
    const qbr = createQbrService({ db, clock: asOfClock('2020-05-31'), dataDir: mkdtempSync(join(tmpdir(), 'pb-aw-qbr-')) });
    const top = db.sqlite
      .prepare("SELECT partner_id FROM opportunity WHERE close_date > '2019-05-31' GROUP BY partner_id ORDER BY sum(amount) DESC LIMIT 1")
      .pluck()
      .get() as string;
    const pack = qbr.pack(top);
    const data = (key: string) => pack.sections.find((s) => s.key === key)!.data as unknown as Record<string, unknown>;
    const metrics = data('scorecard').metrics as { key: string; current: number | null; detail: string | null }[];
    const won = metrics.find((m) => m.key === 'sourced_arr')!;
    expect(won.current).toBeGreaterThan(0);
    for (const key of ['pipeline_created', 'deal_registrations', 'approval_days', 'time_to_first_deal', 'certified_people', 'active_contacts', 'psat']) {
      expect(metrics.find((m) => m.key === key)).toMatchObject({ current: null, detail: 'no data: this book’s files do not hold it' });
    }
    const tiles = (data('summary').keyFigures as { label: string }[]).map((k) => k.label);
    expect(tiles).not.toContain('Deal registrations');
    expect(tiles).not.toContain('Pipeline created');
    const health = data('health') as { components: { label: string }[]; churn: { factors: string[] } };
    expect(health.components.map((c) => c.label)).toEqual(['Revenue']);
    for (const f of health.churn.factors) expect(f).not.toMatch(/certif|PSAT|Engagement|Pipeline/i);
    expect((data('trends').pipelineCreated as number[])).toEqual([]);
    const kpis = (data('benchmarks').items as { key: string }[]).map((i) => i.key);
    expect(kpis).toEqual(['win_rate', 'sourced_arr']);
  });

  it('every employee as a user: managers listed after their reports are no problem (keys are checked at the end)', async () => {
    const all = structuredClone(mapping);
    delete all.files[0]!.where;
    all.files[0]!.fields.role = { value: 'cam' };
    const fresh = openDb(':memory:');
    const r = importTables(fresh, clock, await readFiles(paths()), all);
    expect(r.message).toMatch(/^Imported: /);
    expect(fresh.sqlite.prepare('SELECT count(*) FROM user').pluck().get()).toBe(297); // 296 employees + Unassigned
    expect(fresh.sqlite.prepare("SELECT manager_id FROM user WHERE id = '1'").pluck().get()).toBe('18');
    fresh.close();
  });

  it('lists every value of a choice column it has no word for, not only those of the first errors', async () => {
    const bare = structuredClone(mapping);
    delete bare.files[1]!.fields.type!.values;
    const fresh = openDb(':memory:');
    const r = importTables(fresh, clock, await readFiles(paths()), bare, { dryRun: true });
    expect(r.ok).toBe(false);
    expect(r.unknownValues).toEqual([{ file: 'Resellers.csv', column: 'BusinessType', field: 'type', values: ['Specialty Bike Shop', 'Warehouse', 'Ware House'] }]);
    fresh.close();
  });

  it('a re-import of the same files reports 0 changes', async () => {
    const r = importTables(db, clock, await readFiles(paths()), mapping);
    expect(r.outcome?.totals).toEqual({ added: 0, changed: 0, removed: 0, unchanged: expect.any(Number) as number });
    expect(r.outcome?.applied).toBe(true);
  });

  it('one reseller removed and one order changed: exactly that, and the removal waits for confirmation', async () => {
    const edited = mkdtempSync(join(tmpdir(), 'pb-aw-edit-'));
    copyFileSync(join(DATA, 'DimEmployee.csv'), join(edited, 'DimEmployee.csv'));
    // A reseller that never ordered (so no order names it), and an order line from 2017 (outside the tiers' 12 months).
    const ordered = new Set(readFileSync(join(DATA, 'FactResellerSales.csv'), 'utf8').split('\n').slice(1).map((l) => l.split(',')[3]));
    const resellers = readFileSync(join(DATA, 'Resellers.csv'), 'utf8').split('\n');
    const gone = resellers.findIndex((l, i) => i > 0 && l.length > 0 && !ordered.has(l.split(',')[0]));
    const goneId = resellers[gone]!.split(',')[0]!;
    writeFileSync(join(edited, 'Resellers.csv'), resellers.filter((_, i) => i !== gone).join('\n'));
    const fact = readFileSync(join(DATA, 'FactResellerSales.csv'), 'utf8').split('\n');
    const cells = fact[1]!.split(',');
    cells[9] = (Number(cells[9]) + 1).toFixed(2);
    fact[1] = cells.join(',');
    writeFileSync(join(edited, 'FactResellerSales.csv'), fact.join('\n'));

    const before = db.sqlite.prepare('SELECT count(*) FROM partner').pluck().get();
    const unconfirmed = importTables(db, clock, await readFiles(paths(edited)), mapping);
    expect(unconfirmed.ok).toBe(false);
    expect(unconfirmed.message).toBe('This import would remove 1 row the files no longer hold; confirm the removals to apply it.');
    expect(unconfirmed.outcome?.removals).toEqual([{ entity: 'partner', id: goneId, name: expect.any(String) as string }]);
    expect(db.sqlite.prepare('SELECT count(*) FROM partner').pluck().get()).toBe(before);

    const r = importTables(db, clock, await readFiles(paths(edited)), mapping, { confirmRemovals: true });
    expect(r.outcome?.applied).toBe(true);
    // Nothing else moved: only those two rows.
    const moved = Object.fromEntries(Object.entries(r.outcome!.byEntity).filter(([, c]) => c.changed + c.added + c.removed > 0));
    expect(Object.keys(moved).sort()).toEqual(['opportunity', 'partner']);
    expect(r.outcome?.totals).toMatchObject({ added: 0, changed: 1, removed: 1 });
    expect(r.outcome?.byEntity.partner).toMatchObject({ added: 0, changed: 0, removed: 1 });
    expect(r.outcome?.byEntity.opportunity).toMatchObject({ added: 0, changed: 1, removed: 0 });
    expect(db.sqlite.prepare("SELECT version FROM opportunity WHERE id = 'SO43659'").pluck().get()).toBe(2);
  });

  it('`partnerbook ropi` says the investment is CAM time alone, as the files hold no MDF (tier medians of 70× and more read as if MDF counted)', () => {
    const r = spawnSync(process.execPath, [CLI, 'ropi', '--db', replica], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [head, rule] = r.stdout.split('\n');
    expect(head).toMatch(/Tier medians: /);
    expect(rule).toMatch(/ MDF is not in this book’s files: the investment is CAM time alone\.$/);
  });

  it('a file with a broken row fails with file, line, column and value, and the replica is byte-for-byte unchanged', () => {
    db.close();
    const broken = mkdtempSync(join(tmpdir(), 'pb-aw-broken-'));
    copyFileSync(join(DATA, 'DimEmployee.csv'), join(broken, 'DimEmployee.csv'));
    copyFileSync(join(DATA, 'Resellers.csv'), join(broken, 'Resellers.csv'));
    const fact = readFileSync(join(DATA, 'FactResellerSales.csv'), 'utf8').split('\n');
    fact[4811] = fact[4811]!.replace(/^([^,]+),[^,]+,/, '$1,2019-02-31,');
    writeFileSync(join(broken, 'FactResellerSales.csv'), fact.join('\n'));
    const hash = sha(replica);
    const r = spawnSync(process.execPath, [CLI, 'import', '--db', replica, '--mapping', MAPPING_PATH, ...paths(broken)], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("FactResellerSales.csv line 4,812, column OrderDate: '2019-02-31' is not a date.");
    expect(r.stderr).toContain('Nothing was imported');
    expect(sha(replica)).toBe(hash);
    db = openDb(replica);
  });

  it('skipping a bad line of an order leaves that order out whole and says how many lines went with it; every other total is exact', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'pb-aw-skip-'));
    copyFileSync(join(DATA, 'DimEmployee.csv'), join(broken, 'DimEmployee.csv'));
    copyFileSync(join(DATA, 'Resellers.csv'), join(broken, 'Resellers.csv'));
    const text = readFileSync(join(DATA, 'FactResellerSales.csv'), 'utf8');
    const fact = text.split('\n');
    // The 3rd of SO43659's 12 lines (file line 4): its SalesAmount becomes 'abc'.
    expect(fact[3]).toMatch(/^SO43659,/);
    fact[3] = fact[3]!.replace(/^((?:[^,]*,){9})[^,]*/, '$1abc');
    writeFileSync(join(broken, 'FactResellerSales.csv'), fact.join('\n'));
    const so = text.split('\n').filter((l) => l.startsWith('SO43659,'));
    expect(so).toHaveLength(12);
    const soCents = so.reduce((a, l) => a + Math.round(Number(l.split(',')[9]) * 100), 0);
    const all = factFigures(text);

    const mem = openDb(':memory:');
    const r = importTables(mem, clock, await readFiles(paths(broken)), mapping, { skipBadRows: true });
    expect(r.ok).toBe(true);
    const q = (sql: string) => mem.sqlite.prepare(sql).pluck().get();
    expect(q("SELECT count(*) FROM opportunity WHERE id = 'SO43659'")).toBe(0);
    expect(q('SELECT count(*) FROM opportunity')).toBe(all.orders - 1);
    expect(q('SELECT sum(amount) FROM opportunity')).toBe(all.cents - soCents);
    // Before: '1 bad row left out' (or '2'), though 12 lines were: the count was wrong.
    expect(r.message).toMatch(/; 1 bad row left out, with the 11 other lines of order SO43659\.$/);
    expect(r.errors.map((e) => e.message)).toEqual([
      "FactResellerSales.csv line 4, column SalesAmount: 'abc' is not an amount.",
      'FactResellerSales.csv line 2, column SalesOrderNumber: SO43659 is left out whole: its line 4 has a problem, and its amount without that line would be wrong.',
    ]);
    expect(r.badRows).toBe(1);
    expect(r.orderLinesLeftOut).toBe(11);
    mem.close();
  });
});
