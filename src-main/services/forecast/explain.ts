/**
 * The label and the drivers in words. The drivers are the features that pull the partner's
 * forecast furthest from the typical partner's, each said with the partner's own numbers
 * and whether it pulls the forecast up or down.
 */
import { formatMoneyShort, plural } from '../../../src-shared/format';
import type { ForecastLabel } from '../../../src-shared/methods/forecast';
import { FEATURES, MIN_HISTORY, type Feature, type Point } from './features';
import { contributions, type HorizonModels, type Prediction } from './model';
import type { ForecastDriver } from '../../../src-shared/methods/forecast';

/** The forecast ÷ trailing average at or above which a partner is taking off, and at or below which it is stalling. */
export const TAKING_OFF = 1.25;
export const STALLING = 0.8;

/**
 * The label: how far the partner's signals pull its forecast from the typical partner's
 * path (the sum of its features' pulls, size aside, averaged over both quarters, as a
 * ratio to the book's median pull): ≥ TAKING_OFF is taking off, ≤ STALLING is stalling. Compared with the book's
 * typical path rather than with the partner's own average, since quarterly revenue is
 * skewed and the typical (median) quarter is below the average one for everyone.
 */
export function pullOf(m: HorizonModels, pt: Point): number {
  const size = FEATURES.indexOf('size');
  const pull = (f: HorizonModels['models'][0]) => contributions(f, pt).reduce((a, v, j) => (j === size ? a : a + v), 0);
  return (pull(m.models[0]) + pull(m.models[1])) / 2;
}

/**
 * `typical` is the median pull over the book's partners at the same origin. The forecast
 * itself must agree: taking off only when the next two quarters' forecast is above the
 * partner's 4-quarter average, stalling only when it is below (and there was revenue to stall).
 */
export function labelOf(m: HorizonModels, pt: Point, typical: number, next: [Prediction, Prediction]): { label: ForecastLabel; ratio: number } {
  const ratio = Math.exp(pullOf(m, pt) - typical);
  if (pt.age < MIN_HISTORY) return { label: 'too_new', ratio };
  const ahead = (next[0].point + next[1].point) / 2;
  if (ratio >= TAKING_OFF && ahead > pt.avg4) return { label: 'taking_off', ratio };
  if (ratio <= STALLING && ahead < pt.avg4 && pt.avg4 > 0) return { label: 'stalling', ratio };
  return { label: 'steady', ratio };
}

const times = (a: number, b: number) => (b > 0 && a > 0 ? `${(a / b).toFixed(1)}×` : null);
const pctChange = (a: number, b: number) => `${a >= b ? 'up' : 'down'} ${Math.round((Math.abs(a - b) / Math.max(b, 1)) * 100)}%`;

/** The origin quarter and the one after it as the page writes them ("Q3 2026", "Q4 2026"). */
export interface DriverQuarters {
  origin: string;
  next: string;
}

function say(f: Feature, pt: Point, cur: string, tierName: string, up: boolean, q: DriverQuarters): string | null {
  const p = pt.partner;
  const t = pt.t;
  const m = (v: number) => formatMoneyShort(v, cur);
  const avg = m(pt.avg4);
  switch (f) {
    case 'momentum': {
      if (pt.avg4 <= 0) return `no won revenue in the last ${plural(Math.min(4, pt.age), 'quarter')}`;
      if (pt.last <= 0) return `won nothing last quarter, against a 4-quarter average of ${avg}`;
      return `won ${m(pt.last)} last quarter, ${times(pt.last, pt.avg4)} its 4-quarter average of ${avg}`;
    }
    case 'pipeline': {
      const x = times(p.open[t]!, pt.avg4);
      // Said as of the origin's end, which is not today: the page's own "Open pipeline" is today's.
      const soon = p.openNext[t]! > 0 ? ` (${m(p.openNext[t]!)} of it with a close date in ${q.next})` : '';
      return `open pipeline of ${m(p.open[t]!)} at the end of ${q.origin}${x ? `, ${x} its quarterly average` : ''}${soon}`;
    }
    case 'created': {
      const x = times(p.created[t]!, pt.avg4);
      return `${m(p.created[t]!)} of new pipeline created last quarter${x ? `, ${x} its quarterly average` : ''}`;
    }
    case 'engagement': {
      const a = p.events[t]!;
      const b = t > 0 ? p.events[t - 1]! : 0;
      return a === b ? null : `portal and training activity ${pctChange(a, b)} on the quarter before (${a} vs ${b} events)`;
    }
    case 'certs':
      return p.certs[t]! > 0 ? `${plural(p.certs[t]!, 'new certification')} last quarter` : 'no new certifications last quarter';
    case 'peers': {
      const v = pt.x[FEATURES.indexOf('peers')]!;
      const said = `${tierName} partners' last quarter ran ${Math.round(Math.abs(Math.exp(v) - 1) * 100)}% ${v >= 0 ? 'above' : 'below'} their average`;
      // The fitted pull can run against the tier's quarter (tiers revert): say so.
      if (v < 0 && up) return `${said}, and a tier's weak quarter has tended to be followed by a better one`;
      if (v > 0 && !up) return `${said}, and a tier's strong quarter has tended to be followed by a weaker one`;
      return said;
    }
    case 'size':
      return null;
  }
}

/** Up to three drivers, strongest pull first, those pulling the way of the forecast before the others. */
export function driversOf(m: HorizonModels, pt: Point, cur: string, tierName: string, q: DriverQuarters): ForecastDriver[] {
  const c = contributions(m.models[0], pt).map((v, j) => ({ f: FEATURES[j]!, v }));
  const direction = Math.sign(c.reduce((a, x) => a + x.v, 0)) || 1;
  const ranked = c.filter((x) => Math.abs(x.v) > 0.02).sort((a, b) => Number(Math.sign(b.v) === direction) - Number(Math.sign(a.v) === direction) || Math.abs(b.v) - Math.abs(a.v));
  const out: ForecastDriver[] = [];
  if (pt.age < MIN_HISTORY) out.push({ text: `only ${plural(pt.age, 'quarter')} of history (${MIN_HISTORY} needed to call a trend)`, effect: 'none' });
  for (const x of ranked) {
    const s = say(x.f, pt, cur, tierName, x.v > 0, q);
    if (s) out.push({ text: s, effect: x.v > 0 ? 'up' : 'down' });
    if (out.length >= 3) break;
  }
  return out;
}
