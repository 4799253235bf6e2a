import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { EventBus } from '../../../src-main/events';
import { auc, describeFeature, features, fitLogistic, predictLogistic, predictRules, trainChurn, type Sample } from '../../../src-main/services/health/churn';
import { createHealthService } from '../../../src-main/services/health/service';
import type { RawInputs } from '../../../src-main/services/health/measures';
import { writeCalendar } from '../../../src-main/services/calendar';
import { DEFAULT_HEALTH_SETTINGS } from '../../../src-shared/methods/health';
import { AS_OF, craftedBook } from './fixtures';

describe('churn model pieces', () => {
  it('names the pipeline its driver compares: the score\'s sourced pipeline closing in two quarters, not every open deal', () => {
    const inputs = (pipeline: number): RawInputs => ({
      ...{ wonT4q: 0, sourcedT4q: 0, wonRecent: 0, wonPrior: 0, regsRecent: 0, regsPrior: 0, contacts: 0, activeContacts: 0 },
      ...{ eventsRecent: 10, eventsPrior: 10, certifiedPeople: 0, validCerts: 0, expiringCerts: 0, psat: null, psatAt: null, lastWin: null },
      pipeline,
    });
    const f = features(inputs(58_100_000), inputs(100_000_000), AS_OF, '2024-01-01');
    expect(describeFeature('pipeline_change', f)).toBe('−42% open sourced pipeline (closing in the next 2 quarters) vs last quarter');
  });

  it('computes AUC with ties as half', () => {
    expect(auc([0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.4, 0.3, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(auc([0.5, 0.5], [1, 1])).toBeNull();
  });

  it('fits a logistic regression that separates a planted signal, and validates it on held-out partners', () => {
    // Deterministic synthetic snapshots: churners lose engagement and have low PSAT.
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const samples: Sample[] = [];
    for (let i = 0; i < 1500; i++) {
      const y = rnd() < 0.1 ? 1 : 0;
      samples.push({
        partnerId: `P-${i}`,
        y,
        x: {
          engagementChange: (y ? -0.8 : 0) + (rnd() - 0.5),
          pipelineChange: (y ? -0.3 : 0) + (rnd() - 0.5),
          psat: rnd() < 0.2 ? null : Math.round((y ? 4 : 7) + (rnd() - 0.5) * 4),
          monthsSinceWin: (y ? 8 : 3) + rnd() * 6,
          certCoverage: rnd() * 0.5,
        },
      });
    }
    const t = trainChurn(samples);
    expect(t.info.kind).toBe('logistic');
    expect(t.info.auc!).toBeGreaterThan(0.85);
    expect(t.info.reason).toMatch(/held-out/);
    const m = fitLogistic(samples);
    const engagementWeight = m.weights[0]!;
    expect(engagementWeight).toBeLessThan(0); // falling engagement raises risk
    const risky = predictLogistic(m, { engagementChange: -1, pipelineChange: -0.5, psat: 3, monthsSinceWin: 12, certCoverage: 0 });
    const safe = predictLogistic(m, { engagementChange: 0.2, pipelineChange: 0.2, psat: 9, monthsSinceWin: 1, certCoverage: 0.4 });
    expect(risky).toBeGreaterThan(safe);
  });

  it('falls back to stated rules on thin history', () => {
    const t = trainChurn([]);
    expect(t.info.kind).toBe('rules');
    expect(predictRules({ engagementChange: -1, pipelineChange: -1, psat: 3, monthsSinceWin: 12, certCoverage: 0 })).toBeCloseTo(0.88);
    expect(predictRules({ engagementChange: 0, pipelineChange: 0, psat: 9, monthsSinceWin: 1, certCoverage: 0.5 })).toBeCloseTo(0.03);
  });
});

describe('health cache', () => {
  it('reuses cached inputs across services (persisted per date) until the replica changes', () => {
    const b = craftedBook();
    const h1 = createHealthService({ db: b.db, clock: fixedClock(AS_OF) });
    expect(h1.partner('P-A').current.score).toBe(72);
    const rows = b.db.sqlite.prepare('SELECT as_of FROM health_snapshot ORDER BY as_of').pluck().all() as string[];
    expect(rows).toContain(AS_OF);
    expect(rows).toContain('2026-03-31');
    // Tamper with the cached inputs: a second service on the same replica reads the cache, not the tables.
    const text = b.db.sqlite.prepare('SELECT inputs FROM health_snapshot WHERE as_of = ?').pluck().get(AS_OF) as string;
    const parsed = JSON.parse(text) as { ids: string[]; rows: number[][] };
    parsed.rows[parsed.ids.indexOf('P-B')]![14] = 10; // psat
    b.db.sqlite.prepare('UPDATE health_snapshot SET inputs = ? WHERE as_of = ?').run(JSON.stringify(parsed), AS_OF);
    expect(createHealthService({ db: b.db, clock: fixedClock(AS_OF) }).partner('P-B').current.score).toBe(15);
    // New input rows change the fingerprint: recomputed from the tables.
    b.psat('P-B', 0, '2026-06-01');
    expect(createHealthService({ db: b.db, clock: fixedClock(AS_OF) }).partner('P-B').current.score).toBe(0);
  });

  it('recomputes after a sync reports changed inputs (data.changed)', () => {
    const b = craftedBook();
    const events = new EventBus();
    const h = createHealthService({ db: b.db, clock: fixedClock(AS_OF), events });
    expect(h.portfolio().rows.find((r) => r.id === 'P-B')!.score).toBe(8);
    // An update in place (same rowid, new version) does not move max(rowid): the event must do it.
    b.db.sqlite.prepare("UPDATE psat_response SET partner_id = 'P-B', version = 2 WHERE partner_id = 'P-A'").run();
    expect(h.portfolio().rows.find((r) => r.id === 'P-B')!.score).toBe(8); // still cached
    events.emit('data.changed', { entities: ['psat_response'] });
    // P-B now has PSAT 8 (was no data = 50): 8 − 8 + 12 points.
    expect(h.portfolio().rows.find((r) => r.id === 'P-B')!.score).toBe(12);
    // Entities that are not health inputs leave the cache alone.
    events.emit('data.changed', { entities: ['jbp'] });
    expect(b.db.sqlite.prepare('SELECT count(*) FROM health_snapshot').pluck().get()).toBeGreaterThan(0);
  });
});

describe('health cache housekeeping', () => {
  it('keeps quarter ends and the dates in use, and drops past "today" rows', () => {
    const b = craftedBook();
    createHealthService({ db: b.db, clock: fixedClock('2026-06-15') }).portfolio();
    createHealthService({ db: b.db, clock: fixedClock('2026-06-16') }).portfolio();
    const dates = b.db.sqlite.prepare('SELECT as_of FROM health_snapshot').pluck().all() as string[];
    expect(dates).toContain('2026-06-16');
    expect(dates).not.toContain('2026-06-15');
    expect(dates).toContain('2026-03-31');
  });
});

describe('health during a sync', () => {
  it('serves the last scores while a sync applies pages, and recomputes once it settles', () => {
    const b = craftedBook();
    const events = new EventBus();
    let syncing = false;
    const seen: string[][] = [];
    events.on('data.changed', ({ entities }) => seen.push(entities));
    const h = createHealthService({ db: b.db, clock: fixedClock(AS_OF), events, syncing: () => syncing });
    expect(h.portfolio().rows.find((r) => r.id === 'P-B')!.score).toBe(8);
    syncing = true;
    b.psat('P-B', 10, '2026-06-01'); // a page lands: +7 points for P-B once recomputed
    events.emit('data.changed', { entities: ['psat_response'] });
    expect(h.portfolio().rows.find((r) => r.id === 'P-B')!.score).toBe(8);
    syncing = false;
    events.emit('sync.status', { state: 'idle', lastSyncedAt: null, progress: null, message: null, needsSignIn: false, pendingEdits: 0, conflicts: 0, rejected: 0, notes: null, repair: null });
    expect(seen.at(-1)).toEqual(['health']);
    expect(h.portfolio().rows.find((r) => r.id === 'P-B')!.score).toBe(15);
  });
});

describe('warm portfolio', () => {
  it('returns the rows it built while nothing changed, and builds them again after the weights, the risk thresholds or the calendar change', () => {
    const b = craftedBook();
    const h = createHealthService({ db: b.db, clock: fixedClock(AS_OF) });
    const first = h.portfolio();
    expect(h.portfolio().rows).toBe(first.rows);
    expect(first.previousAsOf).toBe('2026-03-31');
    const scoreOf = (id: string) => h.portfolio().rows.find((r) => r.id === id)!;
    const before = scoreOf('P-A');

    // Weights: every score follows them (the same as a service that never cached anything).
    h.setSettings({ ...DEFAULT_HEALTH_SETTINGS, weights: { revenue: 60, pipeline: 10, engagement: 10, enablement: 10, satisfaction: 10 } });
    const reweighted = h.portfolio();
    expect(reweighted.rows).not.toBe(first.rows);
    const fresh = createHealthService({ db: b.db, clock: fixedClock(AS_OF) }).portfolio();
    expect(reweighted.rows).toEqual(fresh.rows);
    expect(scoreOf('P-A').score).not.toBe(before.score);

    // Risk thresholds: the levels follow them.
    const levels = (rows: { risk_level: string }[]) => rows.map((r) => r.risk_level).join();
    h.setSettings({ ...DEFAULT_HEALTH_SETTINGS, risk: { high: 0.01, medium: 0 } });
    const rethresholded = h.portfolio().rows;
    expect(levels(rethresholded)).not.toBe(levels(reweighted.rows));
    expect(rethresholded.filter((r) => r.churn_risk >= 0.01).every((r) => r.risk_level === 'high')).toBe(true);

    // Calendar: the trend is against the new previous quarter end.
    writeCalendar(b.db, { fiscalYearStartMonth: 2 });
    h.calendarChanged();
    const moved = h.portfolio();
    expect(moved.previousAsOf).toBe('2026-04-30');
    expect(moved.rows).toEqual(createHealthService({ db: b.db, clock: fixedClock(AS_OF) }).portfolio().rows);
  });
});
