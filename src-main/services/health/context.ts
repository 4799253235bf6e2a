/**
 * What every health view shares: the per-date inputs cache (cache.ts), the book (partners
 * and tiers), the editable settings, and the scores memoised per input map and settings.
 * The views (portfolio.ts, partner.ts, rollup.ts) and the churn model (model.ts) read
 * through it; service.ts composes them.
 */
import { describeInput } from '../../../src-shared/input-messages';
import { CALENDAR_YEAR, quarterEnd, quarterOf, quartersEnding, shiftQuarter, type FiscalCalendar } from '../../../src-shared/domain/time';
import { healthSettingsSchema, type HealthScore, type HealthSettings } from '../../../src-shared/methods/health';
import type { Db } from '../../db/connection';
import type { EventBus } from '../../events';
import { readSetting, writeSetting } from '../../settings';
import { ServiceError } from '../../base/errors';
import type { Clock } from '../../base/clock';
import { fingerprint, InputsCache, INPUT_TABLES } from './cache';
import { createInputsSource } from './background';
import type { HealthWorkerOptions } from './worker/pool';
import { loadPartners, loadTiers, type InputsByDate, type PartnerBase } from './inputs';
import { DEFAULT_HEALTH_SETTINGS, EMPTY_INPUTS, type BookFact, type RawInputs, type TierTargets } from './measures';
import { scorePartner } from './scoring';
import { absentFacts, importedBook, missingInWords } from '../import/service';
import { sourceGapsInWords } from '../source-coverage';
import { readCalendar } from '../calendar';

export const HEALTH_SETTING_KEY = 'health';
export const TREND_QUARTERS = 8;

export interface HealthServiceDeps {
  db: Db;
  clock: Clock;
  events?: EventBus;
  /** True while a sync is applying pages: cached health is served until it settles. */
  syncing?: () => boolean;
  /**
   * Recompute the inputs in a worker thread (a file-backed replica only), serving the last
   * ones meanwhile (background.ts); absent (the CLI, tests, benches): on the calling thread.
   */
  background?: HealthWorkerOptions;
}

/** The as-of date of each of the `count` quarters ending with `asOf`'s: quarter ends, and `asOf` itself last. */
export function trendDates(asOf: string, count = TREND_QUARTERS, cal: FiscalCalendar = CALENDAR_YEAR): { quarter: string; date: string }[] {
  const current = quarterOf(asOf, cal);
  return quartersEnding(current, count).map((q) => ({ quarter: q, date: q === current ? asOf : quarterEnd(q, cal) }));
}

/** The last day of the (fiscal) quarter before `asOf`'s. */
export function previousQuarterEnd(asOf: string, cal: FiscalCalendar = CALENDAR_YEAR): string {
  return quarterEnd(shiftQuarter(quarterOf(asOf, cal), -1), cal);
}

/** Every partner's inputs and (unexplained) score on one date. */
export interface Snapshot {
  date: string;
  scores: Map<string, HealthScore>;
  inputs: Map<string, RawInputs>;
  settingsKey: string;
  partners: PartnerBase[];
}

/** The partners and tiers of the replica, and where its history starts. */
export interface Book {
  partners: PartnerBase[];
  tiers: Map<string, TierTargets>;
  /** The earliest partner deal's creation date, or null for an empty book. */
  historyStart: string | null;
}

export interface HealthContext {
  readonly db: Db;
  /** What the book does not hold at all (an import without PSAT …): "no data", never zero. */
  absent(): ReadonlySet<BookFact>;
  /** The same, in words for the screens ("contacts", "PSAT responses"). */
  gaps(): string[];
  readonly events: EventBus | undefined;
  /** True while a sync runs: cached inputs are served stale until it settles. */
  syncing(): boolean;
  /** The inputs of each of `dates` (from memory, disk, or one bulk recompute; stale while a background recompute runs). */
  inputs(dates: readonly string[], opts?: { cold?: boolean }): InputsByDate;
  /**
   * Makes `inputs(dates)` answer without gathering on this thread: resolves at once when
   * they are current, or stale ones exist (a background recompute is started), else once
   * the worker's inputs have landed. Resolves at once without a worker.
   */
  prepare(dates: readonly string[]): Promise<void>;
  /** True while a background recompute runs (the views are answered from stale inputs). */
  refreshing(): boolean;
  /** Runs `fn` with current inputs only (gathered on this thread if need be, as without a worker): a deck never shows stale health. */
  currently<T>(fn: () => T): T;
  book(): Book;
  tierOf(tiers: Map<string, TierTargets>, id: string): TierTargets;
  /** Inputs and scores for `dates`, plus the book. */
  load(dates: readonly string[]): { snapshots: Map<string, Snapshot>; partners: PartnerBase[]; tiers: Map<string, TierTargets> };
  /** One partner's score with its explanation (the bulk snapshots carry none). */
  explained(p: PartnerBase, date: string, snap: Snapshot, tiers: Map<string, TierTargets>): HealthScore;
  resolveAsOf(asOf?: string): string;
  /** The book's fiscal calendar: where the trend's and the model's quarters fall. */
  calendar(): FiscalCalendar;
  settings(): HealthSettings;
  setSettings(s: HealthSettings): HealthSettings;
  /** Drops every cached input (memory and disk), score and the book. */
  invalidate(): void;
  /** Forgets the calendar read from the settings (it was just changed); inputs per date stay valid. */
  calendarChanged(): void;
  /** Recomputes the inputs of the 8 trend quarters from scratch; milliseconds taken (benchmark). */
  recompute(asOf?: string): number;
  dispose(): void;
  /** Stops the background recompute (the workspace closes): what runs fails, nothing lands. */
  close(): Promise<void>;
}

export function createHealthContext(deps: HealthServiceDeps): HealthContext {
  const { db, clock } = deps;
  const cache = new InputsCache(db, () => clock.now());
  let scoreMemo = new Map<string, Snapshot>();
  let settingsMemo: HealthSettings | null = null;
  let calendarMemo: FiscalCalendar | null = null;
  let partnersMemo: (Book & { key: string }) | null = null;

  const inputTables = new Set<string>(INPUT_TABLES);
  const syncing = () => deps.syncing?.() ?? false;
  let dirty = false;
  let absentMemo: ReadonlySet<BookFact> | null = null;
  /** What an imported book does not hold, or what the workspace says its source cannot (source-coverage.ts). */
  const absent = (): ReadonlySet<BookFact> => (absentMemo ??= absentFacts(db));
  // The replica as the inputs see it: the fingerprint, and the data.changed events that touched inputs (in-place updates keep the fingerprint).
  let generation = 0;
  const settle = () => {
    generation++;
    dirty = false;
    cache.invalidate();
    partnersMemo = null;
    absentMemo = null;
  };
  const offChanged = deps.events?.on('data.changed', ({ entities }) => {
    if (!entities.some((e) => inputTables.has(e) || e === 'user' || e === 'import')) return;
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

  const settings = (): HealthSettings =>
    (settingsMemo ??= readSetting(db, HEALTH_SETTING_KEY, healthSettingsSchema) ?? DEFAULT_HEALTH_SETTINGS);

  /** Cheap key for the partner list: a sync that adds, removes or edits partners changes it. */
  function fingerprintKey(): string {
    return String(
      db.sqlite.prepare("SELECT count(*) || '/' || coalesce(max(rowid), 0) || '/' || coalesce(sum(version), 0) FROM partner").pluck().get(),
    );
  }

  function book(): Book {
    const fp = fingerprintKey();
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

  function load(dates: readonly string[]) {
    const inputs: InputsByDate = inputsOf(dates);
    const b = book();
    const settingsKey = JSON.stringify(settings());
    const snapshots = new Map<string, Snapshot>();
    for (const d of dates) {
      const m = inputs.get(d)!;
      let snap = scoreMemo.get(d);
      if (!snap || snap.inputs !== m || snap.settingsKey !== settingsKey || snap.partners !== b.partners) {
        const scores = new Map<string, HealthScore>();
        for (const p of b.partners) {
          scores.set(p.id, scorePartner(p.id, d, m.get(p.id) ?? EMPTY_INPUTS, tierOf(b.tiers, p.tier_id), settings(), false, absent()));
        }
        snap = { date: d, scores, inputs: m, settingsKey, partners: b.partners };
        scoreMemo.set(d, snap);
      }
      snapshots.set(d, snap);
    }
    return { snapshots, partners: b.partners, tiers: b.tiers };
  }

  const resolveAsOf = (asOf?: string): string => asOf ?? clock.today();

  // The inputs: gathered here, or (a file-backed replica with `background`) in the health worker, stale meanwhile.
  const source = createInputsSource({
    db,
    cache,
    background: deps.background,
    syncing,
    version: () => `${generation}|${fingerprint(db)}`,
    landed(servedStale) {
      scoreMemo = new Map();
      // The views showed stale health meanwhile: they refetch.
      if (servedStale) deps.events?.emit('data.changed', { entities: ['health'] });
    },
  });
  let current = 0;
  const inputsOf = (dates: readonly string[]) => source.inputs(dates, current > 0);

  return {
    db,
    events: deps.events,
    syncing,
    inputs: (dates, opts) => (opts?.cold ? cache.get(dates, { cold: true }) : inputsOf(dates)),
    prepare: source.prepare,
    refreshing: source.refreshing,
    currently(fn) {
      current++;
      try {
        return fn();
      } finally {
        current--;
      }
    },
    book,
    tierOf,
    load,
    explained: (p, date, snap, tiers) =>
      scorePartner(p.id, date, snap.inputs.get(p.id) ?? EMPTY_INPUTS, tierOf(tiers, p.tier_id), settings(), true, absent()),
    resolveAsOf,
    calendar: () => (calendarMemo ??= readCalendar(db)),
    settings,
    absent,
    gaps: () => {
      const book = importedBook(db);
      return book ? missingInWords(book.coverage) : sourceGapsInWords(db);
    },
    setSettings(s) {
      const parsed = healthSettingsSchema.safeParse(s);
      if (!parsed.success) {
        const { message, issues } = describeInput(parsed.error.issues);
        throw new ServiceError('invalid_input', message, issues);
      }
      writeSetting(db, HEALTH_SETTING_KEY, parsed.data);
      settingsMemo = parsed.data;
      scoreMemo = new Map();
      deps.events?.emit('data.changed', { entities: ['health_settings'] });
      return parsed.data;
    },
    invalidate() {
      generation++;
      cache.invalidate();
      scoreMemo = new Map();
      partnersMemo = null;
      calendarMemo = null;
    },
    calendarChanged() {
      calendarMemo = null;
    },
    recompute(asOf) {
      const d = resolveAsOf(asOf);
      const dates = trendDates(d, TREND_QUARTERS, readCalendar(db)).map((t) => t.date);
      const started = performance.now();
      const inputs = cache.get(dates, { cold: true });
      const b = book();
      for (const date of dates) {
        const m = inputs.get(date)!;
        for (const p of b.partners) scorePartner(p.id, date, m.get(p.id) ?? EMPTY_INPUTS, tierOf(b.tiers, p.tier_id), settings(), false, absent());
      }
      scoreMemo = new Map();
      return performance.now() - started;
    },
    dispose() {
      offChanged?.();
      offStatus?.();
    },
    close: source.close,
  };
}
