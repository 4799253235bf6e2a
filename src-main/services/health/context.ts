/**
 * What every health view shares: the per-date inputs cache (cache.ts), the book (partners
 * and tiers), the editable settings, and the scores memoised per input map and settings,
 * taken from what the health worker scored beside those very inputs when it did
 * (derive.ts, background.ts).
 * The views (portfolio.ts, partner.ts, rollup.ts) and the churn model (model.ts) read
 * through it; service.ts composes them.
 */
import { describeInput } from '../../../src-shared/input-messages';
import { CALENDAR_YEAR, quarterEnd, quarterOf, quartersEnding, shiftQuarter, type FiscalCalendar } from '../../../src-shared/domain/time';
import { healthSettingsSchema, type HealthProgress, type HealthScore, type HealthSettings } from '../../../src-shared/methods/health';
import type { TrainedChurn } from './churn';
import type { Db } from '../../db/connection';
import type { EventBus } from '../../events';
import { readSetting, writeSetting } from '../../settings';
import { ServiceError } from '../../base/errors';
import type { Clock } from '../../base/clock';
import { fingerprint, InputsCache, INPUT_TABLES } from './cache';
import { createInputsSource } from './background';
import { keepDerived, keptDerived } from './stored-derived';
import { bookKey, modelKey, readBook, scoreBook, scoresKey, tierOf, unpackScores, type Book, type BookScore, type Derived, type PackedScores } from './derive';
import type { HealthWorkerOptions } from './worker/pool';
import type { InputsByDate, PartnerBase } from './inputs';
import { DEFAULT_HEALTH_SETTINGS, EMPTY_INPUTS, type BookFact, type RawInputs, type TierTargets } from './measures';
import { bookScorable, scorePartner } from './scoring';
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

export type { Book } from './derive';

/** Every partner's inputs and (unexplained) score on one date. */
export interface Snapshot {
  date: string;
  scores: Map<string, BookScore>;
  inputs: Map<string, RawInputs>;
  settingsKey: string;
  /** The partners and tiers scored (a re-read of an unchanged book keeps the scores). */
  bookKey: string;
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
   * the worker's inputs have landed. With `derive` (the views of `asOf`), the worker also
   * scores the book on `scoreDates` and fits the model of `asOf` unless `warm()` says that
   * is done; when inputs are current, this resolves once that has landed. Resolves at once
   * without a worker.
   */
  prepare(dates: readonly string[], derive?: { asOf: string; scoreDates: string[]; warm(): boolean }): Promise<void>;
  /** True when `load(dates)` would answer without scoring the book on this thread. */
  scored(dates: readonly string[]): boolean;
  /** The model of `asOf` the worker fitted on exactly these inputs of `dates` (its model dates, current or stale), or null. */
  landedModel(asOf: string, dates: readonly string[], inputs: InputsByDate): TrainedChurn | null;
  /** True while a background recompute runs (the views are answered from stale inputs). */
  refreshing(): boolean;
  /** How far the worker's running recompute has got (its last `health.progress`), or null. */
  progress(): HealthProgress | null;
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
  /**
   * What the worker derived, bound to the very input maps it was derived from (the job's,
   * or those held here for the dates it read as stored): valid while those maps are served,
   * current or stale, and the book, settings, calendar and absent facts are the same.
   */
  const landedScoresOf = new WeakMap<Map<string, RawInputs>, { key: string; packed: PackedScores }>();
  let landedModels: { asOf: string; dates: string[]; maps: Map<string, RawInputs>[]; key: string; trained: TrainedChurn }[] = [];
  let settingsMemo: HealthSettings | null = null;
  /** The running recompute's last progress (cleared when it is done). */
  let heard: HealthProgress | null = null;
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

  function book(): Book {
    const key = bookKey(db);
    if (partnersMemo?.key !== key) partnersMemo = readBook(db, key);
    return partnersMemo;
  }

  // ---- what the worker derived (derive.ts), used while its inputs are the ones served here ----
  const version = () => `${generation}|${fingerprint(db)}`;
  function landedScores(m: Map<string, RawInputs>): PackedScores | null {
    const x = landedScoresOf.get(m);
    return x && x.key === scoresKey(book(), settings(), absent()) ? x.packed : null;
  }
  /** Binds a job's derived results to the input maps now held for its dates (those it was derived from). */
  function bind(value: Derived, fp: string): void {
    for (const [d, packed] of Object.entries(value.scores.byDate)) {
      const m = cache.held(d, fp);
      if (m) landedScoresOf.set(m, { key: value.scores.key, packed });
    }
    const maps = value.model.dates.map((d) => cache.held(d, fp));
    if (!maps.every((m) => m !== undefined)) return;
    const { asOf } = value;
    landedModels = [{ asOf, dates: value.model.dates, maps, key: value.model.key, trained: value.model.trained }, ...landedModels.filter((x) => x.asOf !== asOf)].slice(0, 4);
  }
  const keyOf = (b: Book) => JSON.stringify([b.key, [...b.tiers.values()]]);
  const memoised = (snap: Snapshot | undefined, m: Map<string, RawInputs>, settingsKey: string, scoredBook: string): snap is Snapshot =>
    !!snap && snap.inputs === m && snap.settingsKey === settingsKey && snap.bookKey === scoredBook;

  function load(dates: readonly string[]) {
    const inputs: InputsByDate = inputsOf(dates);
    const b = book();
    const settingsKey = JSON.stringify(settings());
    const scoredBook = keyOf(b);
    const snapshots = new Map<string, Snapshot>();
    for (const d of dates) {
      const m = inputs.get(d)!;
      let snap = scoreMemo.get(d);
      if (!memoised(snap, m, settingsKey, scoredBook)) {
        // Scored in the worker beside these very inputs, else here: the same function either way (derive.ts).
        const packed = landedScores(m) ?? scoreBook(b, d, m, settings(), absent());
        snap = { date: d, scores: unpackScores(packed, settings(), bookScorable(settings(), absent())), inputs: m, settingsKey, bookKey: scoredBook };
        scoreMemo.set(d, snap);
      }
      snapshots.set(d, snap);
    }
    return { snapshots, partners: b.partners, tiers: b.tiers };
  }

  const resolveAsOf = (asOf?: string): string => asOf ?? clock.today();
  const calendarOf = (): FiscalCalendar => (calendarMemo ??= readCalendar(db));

  // The inputs: gathered here, or (a file-backed replica with `background`) in the health worker, stale meanwhile.
  const source = createInputsSource({
    db,
    cache,
    background: deps.background,
    syncing,
    version,
    landed(servedStale, value, fp) {
      heard = null;
      scoreMemo = new Map();
      if (value) {
        bind(value, fp);
        // Kept beside its inputs: a restart on them answers from it (restoreDerived).
        keepDerived(db, fp, value, clock.now());
      }
      // The views showed stale health meanwhile: they refetch.
      if (servedStale) deps.events?.emit('data.changed', { entities: ['health'] });
    },
    progress(p) {
      heard = p.done < p.total ? p : null;
      deps.events?.emit('health.progress', p);
    },
  });
  let current = 0;
  const inputsOf = (dates: readonly string[]) => source.inputs(dates, current > 0);

  /**
   * A restart (`dates`' current inputs on disk, none in memory): what the worker derived from
   * those very inputs before, kept beside them (stored-derived.ts), is bound to them as they
   * are read, so the views need no worker job (else `prepare` asks the worker as before).
   */
  function restoreDerived(dates: readonly string[], asOf: string, scoreDates: readonly string[]): void {
    if (!cache.onDiskOnly(dates)) return;
    const b = book();
    const fp = fingerprint(db);
    const kept = keptDerived(db, fp, asOf, { model: modelKey(b, calendarOf(), absent()), scores: scoresKey(b, settings(), absent()) }, scoreDates);
    if (kept && cache.lookup(dates).missing.length === 0) bind(kept, fp);
  }

  return {
    db,
    events: deps.events,
    syncing,
    inputs: (dates, opts) => (opts?.cold ? cache.get(dates, { cold: true }) : inputsOf(dates)),
    prepare(dates, derive) {
      if (derive) restoreDerived(dates, derive.asOf, derive.scoreDates);
      return source.prepare(
        dates,
        derive && {
          warm: derive.warm,
          request: () => ({ asOf: derive.asOf, scoreDates: derive.scoreDates, settings: settings(), calendar: calendarOf(), absent: [...absent()] }),
        },
      );
    },
    scored(dates) {
      const inputs = inputsOf(dates);
      const settingsKey = JSON.stringify(settings());
      const scoredBook = keyOf(book());
      return dates.every((d) => memoised(scoreMemo.get(d), inputs.get(d)!, settingsKey, scoredBook) || landedScores(inputs.get(d)!) !== null);
    },
    landedModel(asOf, dates, inputs) {
      const x = landedModels.find((e) => e.asOf === asOf);
      if (!x || x.dates.join(',') !== dates.join(',') || x.key !== modelKey(book(), calendarOf(), absent())) return null;
      return x.dates.every((d, i) => inputs.get(d) === x.maps[i]) ? x.trained : null;
    },
    refreshing: source.refreshing,
    progress: () => heard,
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
    calendar: calendarOf,
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
