/**
 * The health service: portfolio scores, one partner's full health picture, the team
 * roll-up, the churn model and the editable settings. Plain functions over the replica;
 * per-date inputs are cached (cache.ts) and scores derive from them and the settings.
 */
import { addDays, daysBetween, quarterEnd, quarterOf, quartersEnding, shiftQuarter } from '../../../src-shared/domain/time';
import {
  HEALTH_BANDS,
  HEALTH_COMPONENTS,
  HEALTH_COMPONENT_LABELS,
  healthSettingsSchema,
  type CamRollup,
  type ChurnModelInfo,
  type ChurnRisk,
  type HealthBand,
  type HealthPartnerDetail,
  type HealthPortfolio,
  type HealthPortfolioRow,
  type HealthRollup,
  type HealthScore,
  type HealthSettings,
} from '../../../src-shared/methods/health';
import type { Db } from '../../db/connection';
import type { EventBus } from '../../events';
import { readSetting, writeSetting } from '../../settings';
import { ServiceError } from '../../base/errors';
import type { Clock } from '../../base/clock';
import { benchmark, median, peerDistributions, type PeerEntry } from './benchmarks';
import { InputsCache, INPUT_TABLES } from './cache';
import { churnRisk, features, trainChurn, type FeatureValues, type Sample, type TrainedChurn } from './churn';
import { eligibility } from './eligibility';
import { aliveOn, loadPartners, loadTiers, type InputsByDate, type PartnerBase } from './inputs';
import { DEFAULT_HEALTH_SETTINGS, EMPTY_INPUTS, type RawInputs, type TierTargets } from './measures';
import { biggestMovers, componentMap, scorePartner } from './scoring';

export const HEALTH_SETTING_KEY = 'health';
export const TREND_QUARTERS = 8;
/** Quarters of history the churn model looks back over. */
export const MODEL_QUARTERS = 12;

export interface HealthServiceDeps {
  db: Db;
  clock: Clock;
  events?: EventBus;
  /** True while a sync is applying pages: cached health is served until it settles. */
  syncing?: () => boolean;
}

/** The as-of date of each of the `count` quarters ending with `asOf`'s: quarter ends, and `asOf` itself last. */
export function trendDates(asOf: string, count = TREND_QUARTERS): { quarter: string; date: string }[] {
  const current = quarterOf(asOf);
  return quartersEnding(current, count).map((q) => ({ quarter: q, date: q === current ? asOf : quarterEnd(q) }));
}

export function previousQuarterEnd(asOf: string): string {
  return quarterEnd(shiftQuarter(quarterOf(asOf), -1));
}

/**
 * Quarter ends whose 2-quarter label window has fully elapsed by `asOf`, oldest first,
 * and (given when the replica's history starts) with 180 days of history behind them.
 */
export function trainingDates(asOf: string, historyStart: string | null = null, quarters = MODEL_QUARTERS): string[] {
  return quartersEnding(shiftQuarter(quarterOf(asOf), -1), quarters)
    .map((q) => ({ q, end: quarterEnd(q) }))
    .filter(({ q, end }) => quarterEnd(shiftQuarter(q, 2)) <= asOf && (historyStart === null || addDays(historyStart, 180) <= end))
    .map(({ end }) => end);
}

interface Snapshot {
  date: string;
  scores: Map<string, HealthScore>;
  inputs: Map<string, RawInputs>;
  settingsKey: string;
  partners: PartnerBase[];
}

export interface HealthService {
  portfolio(asOf?: string): HealthPortfolio;
  partner(id: string, asOf?: string): HealthPartnerDetail;
  rollup(asOf?: string, managerId?: string): HealthRollup;
  model(asOf?: string): ChurnModelInfo;
  /** Scores of every partner in the book on `asOf` (for the CLI). */
  scores(asOf?: string): { partner: PartnerBase; score: HealthScore }[];
  getSettings(): HealthSettings;
  setSettings(s: HealthSettings): HealthSettings;
  /** Drops every cached input (memory and disk). */
  invalidate(): void;
  /** Recomputes the inputs of the 8 trend quarters from scratch (benchmark). */
  recompute(asOf?: string): number;
  dispose(): void;
}

export function createHealthService(deps: HealthServiceDeps): HealthService {
  const { db, clock } = deps;
  const cache = new InputsCache(db, () => clock.now());
  let scoreMemo = new Map<string, Snapshot>();
  let modelMemo: { key: string; trained: TrainedChurn } | null = null;
  let settingsMemo: HealthSettings | null = null;
  let partnersMemo: {
    key: string;
    partners: PartnerBase[];
    tiers: Map<string, TierTargets>;
    historyStart: string | null;
  } | null = null;

  const inputTables = new Set<string>(INPUT_TABLES);
  const syncing = () => deps.syncing?.() ?? false;
  let dirty = false;
  const settle = () => {
    dirty = false;
    cache.invalidate();
    partnersMemo = null;
  };
  const offChanged = deps.events?.on('data.changed', ({ entities }) => {
    if (!entities.some((e) => inputTables.has(e) || e === 'user')) return;
    // In-place updates keep max(rowid): the event, not the fingerprint, catches those.
    // During a sync, wait for it to settle instead of recomputing after every page.
    if (syncing()) dirty = true;
    else settle();
  });
  const offStatus = deps.events?.on('sync.status', (st) => {
    if (st.state === 'syncing' || !dirty) return;
    settle();
    // Tell the views that fresh health is ready (they kept showing the last one meanwhile).
    deps.events?.emit('data.changed', { entities: ['health'] });
  });
  const unsubscribe = () => {
    offChanged?.();
    offStatus?.();
  };

  const settings = (): HealthSettings =>
    (settingsMemo ??= readSetting(db, HEALTH_SETTING_KEY, healthSettingsSchema) ?? DEFAULT_HEALTH_SETTINGS);

  function book(fp: string) {
    if (partnersMemo?.key !== fp) {
      // Where the replica's history starts: its earliest partner deal (a small table).
      const historyStart = db.sqlite
        .prepare('SELECT min(created_at) FROM opportunity WHERE partner_id IS NOT NULL')
        .pluck()
        .get() as string | null;
      partnersMemo = { key: fp, partners: loadPartners(db), tiers: loadTiers(db), historyStart };
    }
    return partnersMemo;
  }

  function tierOf(tiers: Map<string, TierTargets>, id: string): TierTargets {
    return (
      tiers.get(id) ?? {
        id,
        name: id,
        rank: 0,
        revenueTarget: 0,
        pipelineTarget: 0,
        minSourcedArr: 0,
        minCertified: 0,
        currency: 'USD',
      }
    );
  }

  /** Inputs and scores for `dates`, plus the book; scores are memoised per input map and settings. */
  function load(dates: readonly string[]) {
    const inputs: InputsByDate = cache.get(dates, { allowStale: syncing() });
    const b = book(fingerprintKey());
    const settingsKey = JSON.stringify(settings());
    const snapshots = new Map<string, Snapshot>();
    for (const d of dates) {
      const m = inputs.get(d)!;
      let snap = scoreMemo.get(d);
      if (!snap || snap.inputs !== m || snap.settingsKey !== settingsKey || snap.partners !== b.partners) {
        const scores = new Map<string, HealthScore>();
        for (const p of b.partners) {
          scores.set(p.id, scorePartner(p.id, d, m.get(p.id) ?? EMPTY_INPUTS, tierOf(b.tiers, p.tier_id), settings(), false));
        }
        snap = { date: d, scores, inputs: m, settingsKey, partners: b.partners };
        scoreMemo.set(d, snap);
      }
      snapshots.set(d, snap);
    }
    return { snapshots, partners: b.partners, tiers: b.tiers };
  }

  // Identity of the cached input maps: a new map object means recomputed inputs.
  const identities = new WeakMap<object, number>();
  let nextIdentity = 1;
  function cacheIdentity(inputs: InputsByDate): string {
    return [...inputs.values()]
      .map((m) => {
        let id = identities.get(m);
        if (!id) identities.set(m, (id = nextIdentity++));
        return id;
      })
      .join('.');
  }
  /** Cheap key for the partner list: a sync that adds, removes or edits partners changes it. */
  function fingerprintKey(): string {
    return String(
      db.sqlite.prepare("SELECT count(*) || '/' || coalesce(max(rowid), 0) || '/' || coalesce(sum(version), 0) FROM partner").pluck().get(),
    );
  }

  function trained(asOf: string): TrainedChurn {
    const dates = trainingDates(asOf, book(fingerprintKey()).historyStart);
    const all = dates.length > 0 ? [previousQuarterEnd(dates[0]!), ...dates] : [];
    const inputs = cache.get(all, { allowStale: syncing() });
    const key = `${all.join(',')}|${cacheIdentity(inputs)}`;
    if (modelMemo?.key === key) return modelMemo.trained;
    const { partners } = book(fingerprintKey());
    const samples: Sample[] = [];
    for (let i = 1; i < all.length; i++) {
      const d = all[i]!;
      const prev = inputs.get(all[i - 1]!)!;
      const now = inputs.get(d)!;
      const labelEnd = quarterEnd(shiftQuarter(quarterOf(d), 2));
      for (const p of partners) {
        // Only partners with two quarters of history behind them.
        if (!aliveOn(p, d) || daysBetween(p.agreement_signed_at, d) < 180) continue;
        const x = features(now.get(p.id) ?? EMPTY_INPUTS, prev.get(p.id) ?? null, d, p.agreement_signed_at);
        const y = p.churned_at !== null && p.churned_at > d && p.churned_at <= labelEnd ? 1 : 0;
        samples.push({ partnerId: p.id, x, y });
      }
    }
    const t = trainChurn(samples);
    modelMemo = { key, trained: t };
    return t;
  }

  /** One partner's score with its explanation (the bulk snapshots carry none). */
  function explained(p: PartnerBase, date: string, snap: Snapshot, tiers: Map<string, TierTargets>): HealthScore {
    return scorePartner(p.id, date, snap.inputs.get(p.id) ?? EMPTY_INPUTS, tierOf(tiers, p.tier_id), settings());
  }

  /** Every date a view needs, gathered in one pass when cold: the view's own dates and the model's. */
  function withModelDates(asOf: string, dates: readonly string[]): string[] {
    const t = trainingDates(asOf, book(fingerprintKey()).historyStart);
    return [...new Set([...dates, ...(t.length ? [previousQuarterEnd(t[0]!), ...t] : [])])];
  }

  function riskFor(
    p: PartnerBase,
    asOf: string,
    now: RawInputs,
    prev: RawInputs | null,
    model: TrainedChurn,
  ): { risk: ChurnRisk; x: FeatureValues } {
    const x = features(now, prev, asOf, p.agreement_signed_at);
    if (p.churned_at !== null && p.churned_at <= asOf) {
      return { risk: { probability: 1, level: 'high', factors: [], model: model.model.kind }, x };
    }
    return { risk: churnRisk(model.model, x, settings()), x };
  }

  function resolveAsOf(asOf?: string): string {
    return asOf ?? clock.today();
  }

  const service: HealthService = {
    getSettings: () => settings(),
    setSettings(s) {
      const parsed = healthSettingsSchema.safeParse(s);
      if (!parsed.success) {
        throw new ServiceError(
          'invalid_input',
          `Invalid health settings: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
          parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        );
      }
      writeSetting(db, HEALTH_SETTING_KEY, parsed.data);
      settingsMemo = parsed.data;
      scoreMemo = new Map();
      deps.events?.emit('data.changed', { entities: ['health_settings'] });
      return parsed.data;
    },
    invalidate() {
      cache.invalidate();
      scoreMemo = new Map();
      modelMemo = null;
      partnersMemo = null;
    },
    recompute(asOf) {
      const d = resolveAsOf(asOf);
      const dates = trendDates(d).map((t) => t.date);
      const started = performance.now();
      const inputs = cache.get(dates, { cold: true });
      const b = book(fingerprintKey());
      for (const date of dates) {
        const m = inputs.get(date)!;
        for (const p of b.partners) scorePartner(p.id, date, m.get(p.id) ?? EMPTY_INPUTS, tierOf(b.tiers, p.tier_id), settings(), false);
      }
      scoreMemo = new Map();
      return performance.now() - started;
    },
    model(asOf) {
      return trained(resolveAsOf(asOf)).info;
    },
    scores(asOf) {
      const d = resolveAsOf(asOf);
      cache.get(withModelDates(d, [d]), { allowStale: syncing() });
      const { snapshots, partners, tiers } = load([d]);
      const snap = snapshots.get(d)!;
      return partners.map((p) => ({ partner: p, score: explained(p, d, snap, tiers) }));
    },
    portfolio(asOf) {
      const d = resolveAsOf(asOf);
      const prevDate = previousQuarterEnd(d);
      cache.get(withModelDates(d, [d, prevDate]), { allowStale: syncing() });
      const { snapshots, partners, tiers } = load([d, prevDate]);
      const model = trained(d);
      const now = snapshots.get(d)!;
      const prev = snapshots.get(prevDate)!;
      const rows: HealthPortfolioRow[] = partners.map((p) => {
        const s = now.scores.get(p.id)!;
        const ps = prev.scores.get(p.id)!;
        const inp = now.inputs.get(p.id) ?? EMPTY_INPUTS;
        const tier = tierOf(tiers, p.tier_id);
        const { risk } = riskFor(p, d, inp, prev.inputs.get(p.id) ?? null, model);
        return {
          id: p.id,
          name: p.name,
          type: p.type as HealthPortfolioRow['type'],
          tier_id: p.tier_id,
          tier_name: tier.name,
          tier_rank: tier.rank,
          region: p.region as HealthPortfolioRow['region'],
          owner_id: p.owner_id,
          owner_name: p.owner_name,
          status: p.status as HealthPortfolioRow['status'],
          revenue_t4q: inp.wonT4q,
          currency: p.currency,
          score: s.score,
          band: s.band,
          delta: aliveOn(p, prevDate) ? s.score - ps.score : null,
          components: componentMap(s),
          pipeline: inp.pipeline,
          sourced_t4q: inp.sourcedT4q,
          churn_risk: risk.probability,
          risk_level: risk.level,
          psat_no_data: inp.psat === null,
        };
      });
      return { asOf: d, previousAsOf: prevDate, rows, model: model.info, settings: settings() };
    },
    partner(id, asOf) {
      const d = resolveAsOf(asOf);
      const prevDate = previousQuarterEnd(d);
      const trend = trendDates(d);
      cache.get(withModelDates(d, [...trend.map((t) => t.date), prevDate]), { allowStale: syncing() });
      const { snapshots, partners, tiers } = load([...trend.map((t) => t.date), prevDate]);
      const p = partners.find((x) => x.id === id);
      if (!p) throw new ServiceError('not_found', `No partner with id '${id}' in this book.`);
      const tier = tierOf(tiers, p.tier_id);
      const now = snapshots.get(d)!;
      const prev = snapshots.get(prevDate)!;
      const current = explained(p, d, now, tiers);
      const previous = aliveOn(p, prevDate) ? explained(p, prevDate, prev, tiers) : null;
      const inp = now.inputs.get(id) ?? EMPTY_INPUTS;
      const model = trained(d);
      const { risk } = riskFor(p, d, inp, prev.inputs.get(id) ?? null, model);

      const peers: PeerEntry[] = [];
      const peerScores: HealthScore[] = [];
      for (const q of partners) {
        if (q.tier_id !== p.tier_id || !aliveOn(q, d)) continue;
        const s = now.scores.get(q.id)!;
        peers.push({ inputs: now.inputs.get(q.id) ?? EMPTY_INPUTS, score: s.score });
        peerScores.push(s);
      }
      const kpis = benchmark({ inputs: inp, score: current.score }, peerDistributions(peers), p.currency);
      const componentsVsTier = HEALTH_COMPONENTS.map((c) => {
        const vals = peerScores.map((s) => s.components.find((x) => x.component === c)!.score).sort((a, b) => a - b);
        return {
          component: c,
          label: HEALTH_COMPONENT_LABELS[c],
          score: current.components.find((x) => x.component === c)!.score,
          tierMedian: Math.round(median(vals) ?? 0),
        };
      });

      // Engagement timeline: events per week and kind, 26 weeks ending on the as-of date.
      const from = addDays(d, -181);
      const rows = db.sqlite
        .prepare(
          `SELECT kind, CAST((julianday(?) - julianday(substr(occurred_at, 1, 10))) / 7 AS INTEGER) AS w, count(*) AS n
             FROM engagement_event
            WHERE partner_id = ? AND occurred_at >= ? AND occurred_at < ?
            GROUP BY kind, w`,
        )
        .all(d, id, from, addDays(d, 1)) as { kind: string; w: number; n: number }[];
      const timeline = Array.from({ length: 26 }, (_, i) => ({
        week: addDays(d, -(25 - i) * 7 - 6),
        counts: {} as Record<string, number>,
        total: 0,
      }));
      for (const r of rows) {
        const slot = timeline[25 - r.w];
        if (!slot) continue;
        slot.counts[r.kind] = (slot.counts[r.kind] ?? 0) + r.n;
        slot.total += r.n;
      }

      return {
        partner: {
          id: p.id,
          name: p.name,
          tier_id: p.tier_id,
          tier_name: tier.name,
          tier_rank: tier.rank,
          owner_name: p.owner_name,
          status: p.status,
          currency: p.currency,
          churned_at: p.churned_at,
        },
        asOf: d,
        previousAsOf: prevDate,
        current,
        previous,
        movers: biggestMovers(current, previous),
        trend: trend.map((t) => {
          const alive = aliveOn(p, t.date);
          const s = snapshots.get(t.date)!.scores.get(id)!;
          return {
            quarter: t.quarter,
            asOf: t.date,
            score: alive ? s.score : null,
            band: alive ? s.band : null,
            components: alive ? componentMap(s) : null,
          };
        }),
        componentsVsTier,
        kpis,
        eligibility: eligibility(inp, tier, [...tiers.values()]),
        churn: risk,
        model: model.info,
        timeline,
        settings: settings(),
      };
    },
    rollup(asOf, managerId) {
      const d = resolveAsOf(asOf);
      const prevDate = previousQuarterEnd(d);
      const portfolio = service.portfolio(d);
      const { snapshots, partners, tiers } = load([d, prevDate]);
      const byId = new Map(partners.map((p) => [p.id, p]));
      const prev = snapshots.get(prevDate)!;
      const now = snapshots.get(d)!;
      const emptyBands = (): Record<HealthBand, number> => ({ healthy: 0, watch: 0, at_risk: 0 });
      const cams = new Map<string, CamRollup>();
      const totals = { partners: 0, bands: emptyBands(), previousBands: emptyBands() };
      const moves = new Map<string, number>();
      const atRisk: HealthRollup['atRisk'] = [];
      for (const row of portfolio.rows) {
        const p = byId.get(row.id);
        if (!p || !aliveOn(p, d)) continue;
        if (managerId && p.manager_id !== managerId && p.owner_id !== managerId) continue;
        let cam = cams.get(p.owner_id);
        if (!cam) {
          cam = {
            owner_id: p.owner_id,
            owner_name: p.owner_name,
            partners: 0,
            bands: emptyBands(),
            previousBands: emptyBands(),
            averageScore: 0,
            improved: 0,
            declined: 0,
            downgraded: 0,
            upgraded: 0,
            highRisk: 0,
          };
          cams.set(p.owner_id, cam);
        }
        cam.partners++;
        cam.bands[row.band]++;
        cam.averageScore += row.score;
        totals.partners++;
        totals.bands[row.band]++;
        if (row.risk_level === 'high') cam.highRisk++;
        if (aliveOn(p, prevDate)) {
          const pb = prev.scores.get(p.id)!.band;
          cam.previousBands[pb]++;
          totals.previousBands[pb]++;
          const rank = (b: HealthBand) => HEALTH_BANDS.indexOf(b);
          if (rank(row.band) > rank(pb)) cam.downgraded++;
          if (rank(row.band) < rank(pb)) cam.upgraded++;
          moves.set(`${pb}>${row.band}`, (moves.get(`${pb}>${row.band}`) ?? 0) + 1);
        }
        if ((row.delta ?? 0) > 0) cam.improved++;
        if ((row.delta ?? 0) < 0) cam.declined++;
        if (row.band === 'at_risk' || row.risk_level === 'high') {
          const s = explained(p, d, now, tiers);
          const ps = aliveOn(p, prevDate) ? explained(p, prevDate, prev, tiers) : null;
          const mover = biggestMovers(s, ps, 1)[0];
          atRisk.push({
            id: row.id,
            name: row.name,
            owner_name: row.owner_name,
            tier_name: row.tier_name,
            score: row.score,
            delta: row.delta,
            band: row.band,
            churn_risk: row.churn_risk,
            risk_level: row.risk_level,
            topMover: mover ? mover.text : null,
          });
        }
      }
      for (const c of cams.values()) c.averageScore = c.partners ? Math.round(c.averageScore / c.partners) : 0;
      atRisk.sort((a, b) => b.churn_risk - a.churn_risk || a.score - b.score);
      const managers = db.sqlite
        .prepare("SELECT id, name FROM user WHERE role = 'manager' ORDER BY name")
        .all() as { id: string; name: string }[];
      return {
        asOf: d,
        previousAsOf: prevDate,
        cams: [...cams.values()].sort((a, b) => a.owner_name.localeCompare(b.owner_name)),
        totals,
        atRisk,
        movement: [...moves.entries()]
          .map(([k, count]) => {
            const [from, to] = k.split('>') as [HealthBand, HealthBand];
            return { from, to, count };
          })
          .sort((a, b) => HEALTH_BANDS.indexOf(a.from) - HEALTH_BANDS.indexOf(b.from) || HEALTH_BANDS.indexOf(a.to) - HEALTH_BANDS.indexOf(b.to)),
        managers,
      };
    },
    dispose() {
      unsubscribe();
    },
  };
  return service;
}
