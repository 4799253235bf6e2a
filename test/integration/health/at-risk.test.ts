/**
 * One meaning for "at risk" (issue 14, point 3) on the small demo book: the Team list and
 * the Team card (the At risk band count) are the same partners, and `partnerbook health`
 * counts the same number (churned partners left out unless --include-churned), for the
 * whole book and for the demo CAM's book.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { teamAtRisk } from '../../../src-main/services/health/at-risk';
import { createHealthService, type HealthService } from '../../../src-main/services/health/service';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { createSyncService } from '../../../src-main/sync/service';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';

const AS_OF = '2026-11-20';
const CLI = resolve(import.meta.dirname, '../../../bin/partnerbook.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'health', ...args], { encoding: 'utf8', timeout: 120_000 });

let prm: DemoPrm;
let dir: string;
let replica: string;
let db: Db;
let health: HealthService;
let camId: string;

beforeAll(async () => {
  prm = await startDemoPrm({ seed: 42, scale: 'small', asOf: AS_OF, token: 'risk-cam' });
  dir = mkdtempSync(join(tmpdir(), 'pb-at-risk-'));
  replica = join(dir, 'replica.sqlite');
  db = openDb(replica);
  const clock = fixedClock(`${AS_OF}T09:00:00Z`);
  const sync = createSyncService({
    db,
    clock,
    events: new EventBus(),
    source: () => protocolV1Connector({ url: prm.url, token: prm.tokens.cam }),
    pageSize: 5000,
  });
  expect((await sync.run()).error).toBeNull();
  health = createHealthService({ db, clock });
  camId = prm.store.dump('user').map((r) => r.data).find((u) => u.role === 'cam')!.id;
});
afterAll(async () => {
  health.dispose();
  db.close();
  await prm.close();
  rmSync(dir, { recursive: true, force: true });
});

function cliAtRisk(...flags: string[]): { json: number; text: string; partners: number } {
  const j = cli('--db', replica, '--as-of', AS_OF, '--json', ...flags);
  expect(j.status, j.stderr).toBe(0);
  const out = JSON.parse(j.stdout) as { atRisk: number; partners: unknown[] };
  const t = cli('--db', replica, '--as-of', AS_OF, ...flags);
  expect(t.status, t.stderr).toBe(0);
  return { json: out.atRisk, text: t.stdout.split('\n')[0]!, partners: out.partners.length };
}

describe('at risk', () => {
  it('the Team list and the Team card count the same live partners in the At risk band, and the CLI agrees', () => {
    const r = health.rollup(AS_OF);
    const portfolio = health.portfolio(AS_OF);
    const churned = portfolio.rows.filter((x) => !x.live);
    // The book holds churned partners, and high-churn-risk partners outside the band: both used to be counted.
    expect(churned.length).toBeGreaterThan(0);
    expect(portfolio.rows.some((x) => x.live && x.band !== 'at_risk' && x.risk_level === 'high')).toBe(true);

    expect(r.atRisk.length).toBe(r.totals.bands.at_risk);
    expect(r.atRisk.every((a) => a.band === 'at_risk')).toBe(true);
    expect(new Set(r.atRisk.map((a) => a.id))).toEqual(new Set(teamAtRisk(portfolio.rows).map((x) => x.id)));
    expect(r.totals.partners).toBe(portfolio.rows.length - churned.length);

    const all = cliAtRisk('--all');
    expect(all.json).toBe(r.atRisk.length);
    expect(all.partners).toBe(r.totals.partners);
    expect(all.text).toContain(`, ${r.atRisk.length} at risk (health band)`);
    expect(all.text).toMatch(new RegExp(`^${r.totals.partners} partners as of ${AS_OF}`));

    const withChurned = cliAtRisk('--all', '--include-churned');
    expect(withChurned.partners).toBe(portfolio.rows.length);
    expect(withChurned.json).toBe(portfolio.rows.filter((x) => x.band === 'at_risk').length);
  });

  it('agrees on the demo CAM\'s own book too', () => {
    const r = health.rollup(AS_OF, camId);
    expect(r.atRisk.length).toBe(r.totals.bands.at_risk);
    const mine = cliAtRisk('--mine');
    expect(mine.json).toBe(r.atRisk.length);
    expect(mine.partners).toBe(r.totals.partners);
  });
});
