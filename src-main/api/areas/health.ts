import type { HealthPortfolioRow, healthMethods } from '../../../src-shared/methods/health';
import type { BookScope } from '../../../src-shared/methods/identity';
import { isLive, nameCollator, openingOrder } from '../../../src-shared/portfolio-order';
import { shareUnchanged } from '../../base/unchanged-json';
import type { HealthService } from '../../services/health/service';
import { bookFilter, bookLead } from '../../services/identity';
import { listPartners } from '../../services/partners';
import { bookArriving } from './book-arriving';
import type { AreaHandlers, HandlerDeps } from './deps';

/**
 * `health` is the workspace's one health service (see handlers.ts): it caches inputs per
 * quarter and drops them when a sync reports changed input tables. The views first await
 * `ready`: on a file-backed replica the inputs are recomputed in a worker, so other calls
 * are answered meanwhile (services/health/background.ts).
 */
export function healthHandlers(d: HandlerDeps, health: HealthService): AreaHandlers<typeof healthMethods> {
  // A book's rows, kept while the portfolio's rows are the same (frozen and shared like them).
  const booked = new WeakMap<readonly HealthPortfolioRow[], { key: string; rows: HealthPortfolioRow[] }>();
  // The live rows in opening order, kept per rows like them (for `first`).
  const opening = new WeakMap<readonly HealthPortfolioRow[], HealthPortfolioRow[]>();
  // An early answer said "scoring": data.changed 'health' follows once the scores are in (or failed), once.
  let told = false;
  const tellWhenScored = (ready: Promise<void>) => {
    if (told) return;
    told = true;
    const tell = () => {
      told = false;
      d.events.emit('data.changed', { entities: ['health'] });
    };
    ready.then(tell, tell);
  };
  return {
    'health.portfolio': async ({ asOf, scope, first, early }) => {
      if (bookArriving(d)) return arriving(d, health, asOf, scope, first);
      const ready = health.ready(asOf);
      if (early && !(await settlesWithin(ready, EARLY_MS))) {
        // Still scoring in the background (health.progress tells how far): the partners now, their scores when they are in.
        tellWhenScored(ready);
        return arriving(d, health, asOf, scope, first, true);
      }
      await ready;
      const portfolio = health.portfolio(asOf);
      const { owners } = bookFilter(d.db, scope);
      let rows = portfolio.rows;
      if (owners) {
        const key = [...owners].sort().join('\n');
        let mine = booked.get(portfolio.rows);
        if (mine?.key !== key) {
          mine = { key, rows: shareUnchanged(portfolio.rows.filter((r) => owners.has(r.owner_id))) };
          booked.set(portfolio.rows, mine);
        }
        rows = mine.rows;
      }
      if (first === undefined) return rows === portfolio.rows ? portfolio : { ...portfolio, rows };
      let ordered = opening.get(rows);
      if (!ordered) opening.set(rows, (ordered = openingOrder(rows)));
      return { ...portfolio, rows: ordered.slice(0, first), head: { total: ordered.length } };
    },
    'health.partner': async ({ id, asOf }) => {
      await health.ready(asOf);
      return health.partner(id, asOf);
    },
    // A team picked explicitly wins; otherwise my book (my partners, or my team's) or everyone.
    'health.rollup': async ({ asOf, managerId, scope }) => {
      await health.ready(asOf);
      return health.rollup(asOf, managerId ?? bookLead(d.db, scope));
    },
    'health.model': async ({ asOf }) => {
      await health.ready(asOf);
      return health.model(asOf);
    },
    'health.scoring': () => health.scoring(),
    'health.settings.get': () => health.getSettings(),
    'health.settings.set': ({ settings }) => health.setSettings(settings),
  };
}

/** How long an `early` portfolio waits for the book's scores before it answers with the partners alone (ms). */
export const EARLY_MS = 1_000;

/** True when `p` settles (either way) within `ms`; its outcome is read by awaiting it. */
function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = p.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}

/**
 * The Portfolio while the book arrives (or, `scoring`, while the whole book's scores are
 * computed in the background): the partners' records so far in name order, nothing
 * scored. Scoring part of the book would show figures that move as the rest arrives, and on
 * a large book it held the first rows up for seconds (and ~300 MB) on every refresh.
 */
function arriving(d: HandlerDeps, health: HealthService, asOf: string | undefined, scope: BookScope | undefined, first: number | undefined, scoring = false) {
  const records = listPartners(d.db, d.clock, bookFilter(d.db, scope).owners).sort((a, b) => nameCollator.compare(a.name, b.name));
  if (first === undefined) return health.arriving(records, asOf, scoring);
  const live = records.filter(isLive);
  return { ...health.arriving(live.slice(0, first), asOf, scoring), head: { total: live.length } };
}
