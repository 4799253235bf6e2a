/**
 * Where the sections that belong to other modules come from. Each is a function the
 * pack builder calls; null means the module is not part of this build, and the section
 * says so on its slide instead of showing made-up numbers.
 */
import type { HealthPartnerDetail } from '../../../src-shared/methods/health';
import type { Db } from '../../db/connection';
import type { EventBus } from '../../events';
import type { Clock } from '../../base/clock';
import { createHealthService, type HealthService } from '../health/service';
import { createMetricReader, objectiveViews } from '../plans';
import { readOneOverlaid, readOverlaid } from '../../sync/overlay';
import type { PaceStatus } from '../../../src-shared/domain/plans';
import type { ActionsCache } from '../actions/background';
import { openActions, openActionsFrom, type PartnerActions, type SuggestedAction } from './open-actions';
import { readCalendar } from '../calendar';
import type { ForecastService } from '../forecast/service';
import { FORECAST_LABEL_TEXT, type ForecastPartnerDetail } from '../../../src-shared/methods/forecast';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import { formatMoneyShort } from '../../../src-shared/format';
import { voiceNotes } from './voice-note';

export interface JbpObjectiveActual {
  actual: number | null;
  actualText: string | null;
  /** 0..1 of the way from baseline to target. */
  progress: number | null;
  paceText: string | null;
}

export type { SuggestedAction };
export { openActions };

export interface QbrSources {
  /** Partner health as of a date (health module, issue 4). */
  health: ((partnerId: string, asOf: string) => HealthPartnerDetail) | null;
  /**
   * Resolves once `health` of `asOf` needs no scoring of the book nor fit of the churn model
   * on this thread (the health service's `ready`: what the worker derived, landed or kept);
   * `readySources` awaits it before packs are built. Absent: `health` is read as it is.
   */
  healthReady?: ((asOf: string) => Promise<void>) | null;
  /** Live actuals of a plan's objectives as of a date (plans module, issue 5). */
  jbpActuals: ((jbpId: string, asOf: string) => Map<string, JbpObjectiveActual>) | null;
  /** Open next-best actions for a partner (actions module, issue 7), ranked on the calling thread unless readied (`actionsAsOf`). */
  actions: ((partnerId: string, asOf: string) => SuggestedAction[]) | null;
  /**
   * The book's open actions as of a date, awaited without blocking the API (the workspace's
   * actions cache); `readySources` fetches them once before packs are built, and those packs
   * read them instead of ranking the book. Absent: `actions` is read as it is.
   */
  actionsAsOf?: ((asOf: string) => Promise<PartnerActions>) | null;
  /**
   * Set by `readySources` when the book's actions could not be ranked (the worker failed):
   * why, in one sentence, said in each deck's next steps instead of the actions, and in a
   * batch's index. `actions` is null then.
   */
  actionsProblem?: string | null;
  /**
   * The partner's revenue forecast for the next two quarters in one internal sentence
   * (forecast module, issue 16), computed on the calling thread unless readied
   * (`forecastReady`); absent or null: not in this build.
   */
  forecast?: ((partnerId: string) => string | null) | null;
  /**
   * The same sentences from the book's forecast awaited without blocking the API (the
   * workspace's forecast service, in its worker on a file-backed replica); `readySources`
   * fetches it once before packs of the running quarter are built. Absent: `forecast` is read as it is.
   */
  forecastReady?: (() => Promise<(partnerId: string) => string | null>) | null;
  /** The same sentences only if the book's forecast is kept, else null (its computation started): a preview that does not wait for it. */
  forecastKept?: (() => ((partnerId: string) => string | null) | null) | null;
  /** The partner's most recent negative and positive quotes with their dates, one internal line each (voice of the partner, issue 16); absent or null: not in this build. */
  voice?: ((partnerId: string, asOf: string) => string[]) | null;
}

export const SOURCE_MESSAGES = {
  health: 'Partner health is not available in this build (the health module is missing).',
  jbpActuals: 'Live objective actuals come from the Plans module, which is not part of this build yet; baselines, targets and initiative status are shown as recorded.',
  actions: 'Suggested next-best actions come from the Actions module, which is not part of this build yet.',
} as const;

export interface SourceDeps {
  db: Db;
  clock: Clock;
  events?: EventBus;
  /** The workspace's health service (one per workspace, shared with the Health screens); a private one when absent. */
  health?: HealthService;
  /** The workspace's forecast service: its forecast goes to the summary's internal notes of a deck of the running quarter. */
  forecast?: ForecastService;
  /** The workspace's actions cache (the one the Actions screens use): readied packs take the book's ranking from it. */
  actions?: ActionsCache;
}

const PACE_TEXT: Record<PaceStatus, string> = {
  done: 'reached',
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
  not_started: 'not started',
  no_data: 'no data yet',
};

/**
 * Live objective actuals from the Plans module, measured as of `asOf` (the QBR
 * quarter's end), with the same pace rules the plan editor shows.
 */
export function planActuals(db: Db): (jbpId: string, asOf: string) => Map<string, JbpObjectiveActual> {
  const read = createMetricReader(db.sqlite);
  return (jbpId, asOf) => {
    const out = new Map<string, JbpObjectiveActual>();
    const plan = readOneOverlaid(db.sqlite, 'jbp', jbpId);
    if (!plan) return out;
    const objectives = readOverlaid(db.sqlite, 'jbp_objective', { column: 'jbp_id', value: jbpId });
    for (const v of objectiveViews(read, plan, objectives, asOf, readCalendar(db))) {
      const pct = v.pace.pctToTarget;
      out.set(v.id, {
        actual: v.actual,
        actualText: null,
        progress: v.pace.progress === null ? null : Math.max(0, Math.min(1, v.pace.progress)),
        paceText: `${PACE_TEXT[v.pace.status]}${pct === null ? '' : ` · ${Math.round(pct)}% of target`}`,
      });
    }
    return out;
  };
}

/** The sources this build has. */
export function defaultSources(deps: SourceDeps): QbrSources {
  const health = deps.health ?? createHealthService({ db: deps.db, clock: deps.clock, events: deps.events });
  return {
    // Current inputs only: a deck never shows the stale health served while the worker recomputes.
    health: (partnerId, asOf) => health.partner(partnerId, asOf, { current: true }),
    healthReady: (asOf) => health.ready(asOf),
    jbpActuals: planActuals(deps.db),
    actions: openActions(deps.db),
    actionsAsOf: deps.actions ? openActionsFrom(deps.db, deps.actions) : null,
    forecast: deps.forecast ? forecastNote(deps.db, (id) => deps.forecast!.detailsHere()(id)) : null,
    forecastReady: deps.forecast ? async () => forecastNote(deps.db, await deps.forecast!.details()) : null,
    forecastKept: deps.forecast
      ? () => {
          const details = deps.forecast!.keptDetails();
          return details ? forecastNote(deps.db, details) : null;
        }
      : null,
    voice: voiceNotes(deps.db),
  };
}

/**
 * How a pack of the running quarter gets the book's forecast: awaited (a deck that is
 * exported: seconds on a large book, computed in a book worker), only if already kept (a
 * preview: it says the forecast is being computed, and is asked again when it lands), or not
 * at all (a past quarter's pack carries none).
 */
export type ForecastReadiness = 'await' | 'kept' | 'none';

/** The internal note of a preview made while the book's forecast is still being computed. */
export const FORECAST_PENDING = 'Forecast (internal): being computed for the whole book; it shows here when ready, and an exported deck waits for it.';

/**
 * The sources for packs as of `asOf`, with what they read fetched first and awaited: the
 * book's open actions from the actions cache (ranked in the actions worker on a file-backed
 * replica, so the API answers other calls meanwhile), the book's forecast as `forecast`
 * says, and what the health views derive in bulk (scored and fitted in the health worker, or
 * kept from before a restart: seconds on the API's thread on a 20,000-partner book). The
 * packs are then built synchronously from them; a batch readies once for all its decks. A
 * pack of another date (the day turned meanwhile) ranks its actions on the calling thread,
 * as without readying.
 */
export async function readySources(sources: QbrSources, asOf: string, forecast: ForecastReadiness = 'none'): Promise<QbrSources> {
  const [actions, note] = await Promise.all([
    readyActions(sources, asOf),
    forecast === 'await' ? readyForecast(sources) : forecast === 'kept' ? keptForecast(sources) : {},
    // (A failure here is the pack's to say: its health is then read as without readying.)
    sources.health ? sources.healthReady?.(asOf).catch(() => undefined) : undefined,
  ]);
  return { ...sources, ...actions, ...note };
}

function keptForecast(sources: QbrSources): Partial<QbrSources> {
  if (!sources.forecast || !sources.forecastKept) return {};
  try {
    return { forecast: sources.forecastKept() ?? (() => FORECAST_PENDING) };
  } catch (err) {
    return { forecast: () => forecastProblem(err) };
  }
}

/** The internal note of a deck whose forecast failed: "Forecast (internal): could not be computed: …". */
export function forecastProblem(err: unknown): string {
  return `Forecast (internal): could not be computed: ${err instanceof Error ? err.message : String(err)}`;
}

async function readyActions(sources: QbrSources, asOf: string): Promise<Partial<QbrSources>> {
  const { actions, actionsAsOf } = sources;
  if (!actions || !actionsAsOf) return {};
  let open: PartnerActions;
  try {
    open = await actionsAsOf(asOf);
  } catch (err) {
    // The decks are made all the same, without actions, each saying why (never the whole batch failed for them).
    return { actions: null, actionsProblem: actionsProblem(err) };
  }
  return { actions: (partnerId, date) => (date === asOf ? open(partnerId) : actions(partnerId, date)) };
}

async function readyForecast(sources: QbrSources): Promise<Partial<QbrSources>> {
  if (!sources.forecast || !sources.forecastReady) return {};
  try {
    return { forecast: await sources.forecastReady() };
  } catch (err) {
    // As a forecast that fails in the pack: each deck's note says why, the deck is made all the same.
    const why = forecastProblem(err);
    return { forecast: () => why };
  }
}

/** Why a deck lists no actions, in one sentence: "Next-best actions could not be ranked, so none are listed (computing the actions failed: out of memory)." */
export function actionsProblem(err: unknown): string {
  const raw = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim().replace(/[.\s]+$/, '');
  const why = raw.length > 160 ? `${raw.slice(0, 157).trimEnd()}…` : raw;
  const reason = why ? ` (${why.charAt(0).toLowerCase()}${why.slice(1)})` : '';
  return `Next-best actions could not be ranked, so none are listed${reason}. The rest of the deck is complete; export again to add them.`;
}

/**
 * The forecast as the CAM reads it before the meeting, never shown to the partner: "Forecast
 * (internal): Q1 2027 $120k (80% range $40k–$210k), Q2 2027 $95k; steady — open pipeline …".
 */
export function forecastNote(db: Db, detail: (partnerId: string) => ForecastPartnerDetail): (partnerId: string) => string | null {
  return (partnerId) => {
    const d = detail(partnerId);
    const r = d.forecast;
    if (!r) return d.message ? `Forecast (internal): ${d.message}` : null;
    const cal = readCalendar(db);
    const m = (n: number) => formatMoneyShort(n, r.currency);
    const [a, b] = r.next;
    const why = r.drivers.slice(0, 3).map((x) => x.text);
    return (
      `Forecast (internal): ${quarterText(a.quarter, cal)} ${m(a.point)} (80% range ${m(a.low)}–${m(a.high)}), ` +
      `${quarterText(b.quarter, cal)} ${m(b.point)} (${m(b.low)}–${m(b.high)}); ${FORECAST_LABEL_TEXT[r.label].toLowerCase()}` +
      `${why.length ? ` — ${why.join('; ')}` : ''}.${d.backtest ? ` ${d.backtest.line}` : ''}`
    );
  };
}
