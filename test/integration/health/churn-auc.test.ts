/**
 * The churn model on the medium demo book, pulled through the real sync path: it must
 * be the fitted model (not the rules fallback) with AUC ≥ 0.75 on held-out partners.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/index';
import { fixedClock } from '../../../src-main/base/clock';
import { createHealthService } from '../../../src-main/services/health/service';
import { createSyncService } from '../../../src-main/sync/service';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';

const AS_OF = '2026-11-20';

describe('churn risk on the medium demo book', () => {
  let prm: DemoPrm;
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    prm = await startDemoPrm({ scale: 'medium', seed: 42, asOf: AS_OF });
    dir = mkdtempSync(join(tmpdir(), 'pb-health-auc-'));
    db = openDb(join(dir, 'replica.sqlite'));
    const sync = createSyncService({ db, clock: fixedClock(AS_OF), events: new EventBus(), source: () => protocolV1Connector({ url: prm.url, token: prm.token }) });
    const summary = await sync.run();
    expect(summary.ok, summary.error ?? '').toBe(true);
  }, 180_000);
  afterAll(async () => {
    db?.close();
    await prm?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fits the logistic model and validates it on held-out partners with AUC ≥ 0.75', () => {
    const health = createHealthService({ db, clock: fixedClock(AS_OF) });
    const model = health.model();
    console.log(`[health] churn model: ${model.kind}, held-out AUC ${model.auc?.toFixed(3)}; ${model.reason}`);
    console.log(`[health] coefficients: ${model.coefficients.map((c) => `${c.feature}=${c.weight.toFixed(2)}`).join(', ')}`);
    expect(model.kind).toBe('logistic');
    expect(model.auc!).toBeGreaterThanOrEqual(0.75);
    expect(model.trainedOn!.churned).toBeGreaterThanOrEqual(20);
  });

  it('scores the whole book with explanations that add up, and explains churn risk', () => {
    const health = createHealthService({ db, clock: fixedClock(AS_OF) });
    const p = health.portfolio();
    expect(p.rows.length).toBe(1000);
    for (const s of health.scores()) expect(s.score.measures.reduce((a, m) => a + m.points, 0)).toBe(s.score.score);
    const bands = { healthy: 0, watch: 0, at_risk: 0, no_data: 0 };
    for (const r of p.rows) bands[r.band]++;
    console.log(`[health] medium book bands: ${JSON.stringify(bands)}`);
    expect(bands.healthy).toBeGreaterThan(0);
    expect(bands.at_risk).toBeGreaterThan(0);
    const risky = [...p.rows].filter((r) => r.status !== 'churned').sort((a, b) => b.churn_risk - a.churn_risk)[0]!;
    const d = health.partner(risky.id);
    expect(d.churn.model).toBe('logistic');
    expect(d.churn.factors[0]!.effect).toBeGreaterThan(0);
    expect(d.trend).toHaveLength(8);
    expect(d.kpis.find((k) => k.key === 'score')!.peers).toBeGreaterThan(10);
  });
});
