/**
 * What the health views derive from the inputs in bulk, as plain functions of the book and
 * its inputs: every partner's (unexplained) score on a date, and the churn model fitted on
 * the quarters before a date. The API's thread runs them (context.ts, model.ts) when it has
 * to; on a file-backed replica the health worker runs the very same functions beside the
 * inputs (worker/worker.ts) and its results land with them (background.ts), so the views
 * answer without scoring 5,000 partners or refitting the model on the API's thread.
 */
import { HEALTH_COMPONENTS, type HealthBand, type HealthComponent, type HealthSettings } from '../../../src-shared/methods/health';
import {
  addDays,
  daysBetween,
  quarterEnd,
  quarterOf,
  quartersEnding,
  shiftQuarter,
  CALENDAR_YEAR,
  type FiscalCalendar,
} from '../../../src-shared/domain/time';
import type { Db } from '../../db/connection';
import { untilBookChanges } from '../../db/derived-writes';
import { features, trainChurn, type Sample, type TrainedChurn } from './churn';
import { aliveOn, loadPartners, loadTiers, type InputsByDate, type PartnerBase } from './inputs';
import { EMPTY_INPUTS, type BookFact, type RawInputs, type TierTargets } from './measures';
import { bandOf, scorePartner } from './scoring';

/** Quarters of history the churn model looks back over. */
export const MODEL_QUARTERS = 12;

/** The partners and tiers of the replica, and where its history starts. */
export interface Book {
  /** Changes when a partner is added, removed or edited. */
  key: string;
  partners: PartnerBase[];
  tiers: Map<string, TierTargets>;
  /** The earliest partner deal's creation date, or null for an empty book. */
  historyStart: string | null;
}

/** Cheap key for the partner list: a sync that adds, removes or edits partners changes it. */
export function bookKey(db: Db): string {
  // A scan of the partner table (about 5 ms on 5,000 partners): read again only once the book changed.
  return untilBookChanges(db, 'health.bookKey', () =>
    String(db.sqlite.prepare("SELECT count(*) || '/' || coalesce(max(rowid), 0) || '/' || coalesce(sum(version), 0) FROM partner").pluck().get()),
  );
}

export function readBook(db: Db, key = bookKey(db)): Book {
  // Where the replica's history starts: its earliest partner deal (a small table).
  const historyStart = db.sqlite.prepare('SELECT min(created_at) FROM opportunity WHERE partner_id IS NOT NULL').pluck().get() as string | null;
  return { key, partners: loadPartners(db), tiers: loadTiers(db), historyStart };
}

export function tierOf(tiers: Map<string, TierTargets>, id: string): TierTargets {
  return tiers.get(id) ?? { id, name: id, rank: 0, revenueTarget: 0, pipelineTarget: 0, minSourcedArr: 0, minCertified: 0, currency: 'USD' };
}

/** A partner's score on a date as the grids, the trend and the peers read it (no explanation). */
export interface BookScore {
  score: number;
  band: HealthBand;
  components: Record<HealthComponent, number>;
}

/** Every partner's score on one date, packed: per partner its score, then each component's (HEALTH_COMPONENTS order). */
export interface PackedScores {
  ids: string[];
  values: Float64Array;
}

/** Numbers per partner in `PackedScores.values`. */
export const SCORE_STRIDE = 1 + HEALTH_COMPONENTS.length;
const STRIDE = SCORE_STRIDE;

/** Scores every partner of `book` on `date` from its inputs there. */
export function scoreBook(book: Book, date: string, inputs: Map<string, RawInputs>, settings: HealthSettings, absent: ReadonlySet<BookFact>): PackedScores {
  const ids = book.partners.map((p) => p.id);
  const values = new Float64Array(ids.length * STRIDE);
  book.partners.forEach((p, i) => {
    const s = scorePartner(p.id, date, inputs.get(p.id) ?? EMPTY_INPUTS, tierOf(book.tiers, p.tier_id), settings, false, absent);
    values[i * STRIDE] = s.score;
    for (const c of s.components) values[i * STRIDE + 1 + HEALTH_COMPONENTS.indexOf(c.component)] = c.score;
  });
  return { ids, values };
}

/** `scorable`: whether the book holds anything health counts (scoring.ts bookScorable); if not, every band is `no_data`. */
export function unpackScores(packed: PackedScores, settings: HealthSettings, scorable = true): Map<string, BookScore> {
  const out = new Map<string, BookScore>();
  const v = packed.values;
  packed.ids.forEach((id, i) => {
    const at = i * STRIDE;
    const components = {} as Record<HealthComponent, number>;
    HEALTH_COMPONENTS.forEach((c, j) => (components[c] = v[at + 1 + j]!));
    out.set(id, { score: v[at]!, band: bandOf(v[at]!, settings, scorable), components });
  });
  return out;
}

/**
 * Quarter ends whose 2-quarter label window has fully elapsed by `asOf`, oldest first,
 * and (given when the replica's history starts) with 180 days of history behind them.
 */
export function trainingDates(asOf: string, historyStart: string | null = null, quarters = MODEL_QUARTERS, cal: FiscalCalendar = CALENDAR_YEAR): string[] {
  return quartersEnding(shiftQuarter(quarterOf(asOf, cal), -1), quarters)
    .map((q) => ({ q, end: quarterEnd(q, cal) }))
    .filter(({ q, end }) => quarterEnd(shiftQuarter(q, 2), cal) <= asOf && (historyStart === null || addDays(historyStart, 180) <= end))
    .map(({ end }) => end);
}

/** The dates the model of `asOf` reads: the previous quarter end of the first training date (for the deltas), then the training dates. */
export function modelDates(asOf: string, historyStart: string | null, cal: FiscalCalendar): string[] {
  const dates = trainingDates(asOf, historyStart, MODEL_QUARTERS, cal);
  return dates.length > 0 ? [quarterEnd(shiftQuarter(quarterOf(dates[0]!, cal), -1), cal), ...dates] : [];
}

/** The churn model fitted on `dates` (modelDates): every partner with two quarters of history is one sample per date. */
export function fitChurn(partners: readonly PartnerBase[], inputs: InputsByDate, dates: readonly string[], cal: FiscalCalendar, absent: ReadonlySet<BookFact>): TrainedChurn {
  const samples: Sample[] = [];
  for (let i = 1; i < dates.length; i++) {
    const d = dates[i]!;
    const prev = inputs.get(dates[i - 1]!)!;
    const now = inputs.get(d)!;
    const labelEnd = quarterEnd(shiftQuarter(quarterOf(d, cal), 2), cal);
    for (const p of partners) {
      // Only partners with two quarters of history behind them.
      if (!aliveOn(p, d) || daysBetween(p.agreement_signed_at, d) < 180) continue;
      const x = features(now.get(p.id) ?? EMPTY_INPUTS, prev.get(p.id) ?? null, d, p.agreement_signed_at, absent);
      const y = p.churned_at !== null && p.churned_at > d && p.churned_at <= labelEnd ? 1 : 0;
      samples.push({ partnerId: p.id, x, y });
    }
  }
  return trainChurn(samples);
}

/**
 * What a derived result was computed from besides the inputs: the landed model is used only
 * while these are the API thread's too (else it derives on its own, as without a worker).
 */
export function modelKey(book: Book, cal: FiscalCalendar, absent: ReadonlySet<BookFact>): string {
  return JSON.stringify([book.key, book.historyStart, cal, [...absent].sort()]);
}

/** The same for scores, which also read the tiers and the settings. */
export function scoresKey(book: Book, settings: HealthSettings, absent: ReadonlySet<BookFact>): string {
  return JSON.stringify([book.key, [...book.tiers.values()], settings, [...absent].sort()]);
}

/** What the health worker derives for the views of one date, besides their inputs (plain data). */
export interface Derived {
  asOf: string;
  model: { key: string; dates: string[]; trained: TrainedChurn };
  scores: { key: string; byDate: Record<string, PackedScores> };
}

/** The model of `asOf` and the scores on `scoreDates`, from `inputs` (holding every date they read). */
export function derive(
  asOf: string,
  scoreDates: readonly string[],
  inputs: InputsByDate,
  book: Book,
  cal: FiscalCalendar,
  settings: HealthSettings,
  absent: ReadonlySet<BookFact>,
): Derived {
  const dates = modelDates(asOf, book.historyStart, cal);
  const byDate: Record<string, PackedScores> = {};
  for (const d of new Set(scoreDates)) byDate[d] = scoreBook(book, d, inputs.get(d)!, settings, absent);
  return {
    asOf,
    model: { key: modelKey(book, cal, absent), dates, trained: fitChurn(book.partners, inputs, dates, cal, absent) },
    scores: { key: scoresKey(book, settings, absent), byDate },
  };
}
