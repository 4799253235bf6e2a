/**
 * The team roll-up: per CAM, band counts now and last quarter end, movement, downgrades
 * and high churn risk; the book's at-risk partners with their top mover; the managers
 * to filter by. Built on the portfolio rows.
 */
import { UNASSIGNED_OWNER } from '../../../src-shared/domain/entities';
import {
  HEALTH_BANDS,
  type CamRollup,
  type HealthBand,
  type HealthPortfolio,
  type HealthRollup,
} from '../../../src-shared/methods/health';
import { previousQuarterEnd, type HealthContext } from './context';
import { isAtRisk, teamPartners } from './at-risk';
import { aliveOn } from './inputs';
import { biggestMovers } from './scoring';

const emptyBands = (): Record<HealthBand, number> => ({ healthy: 0, watch: 0, at_risk: 0, no_data: 0 });
/** A scored band's place (healthy first); -1 for `no_data`, which neither rises nor falls. */
const rank = (b: HealthBand) => (b === 'no_data' ? -1 : HEALTH_BANDS.indexOf(b));

/** `portfolio` gives the portfolio on a date (the service's own, so both views agree). */
export function teamRollup(
  ctx: HealthContext,
  portfolio: (asOf: string) => HealthPortfolio,
  asOf?: string,
  managerId?: string,
): HealthRollup {
  const d = ctx.resolveAsOf(asOf);
  const prevDate = previousQuarterEnd(d, ctx.calendar());
  const rowsNow = portfolio(d).rows;
  const { snapshots, partners, tiers } = ctx.load([d, prevDate]);
  const byId = new Map(partners.map((p) => [p.id, p]));
  const prev = snapshots.get(prevDate)!;
  const now = snapshots.get(d)!;
  const cams = new Map<string, CamRollup>();
  const scoreSums = new Map<CamRollup, { sum: number; n: number }>();
  const totals = { partners: 0, bands: emptyBands(), previousBands: emptyBands() };
  const moves = new Map<string, number>();
  const atRisk: HealthRollup['atRisk'] = [];
  const leftOut: HealthRollup['movementLeftOut'] = { joined: 0, noScore: 0 };
  // The partners the team counts (live on the date) and its at-risk list: services/health/at-risk.ts.
  for (const row of teamPartners(rowsNow)) {
    const p = byId.get(row.id);
    if (!p) continue;
    if (managerId && p.manager_id !== managerId && p.owner_id !== managerId) continue;
    let cam = cams.get(p.owner_id);
    if (!cam) {
      cam = {
        owner_id: p.owner_id,
        owner_name: p.owner_name,
        unassigned: p.owner_id === UNASSIGNED_OWNER,
        partners: 0,
        bands: emptyBands(),
        previousBands: emptyBands(),
        averageScore: null,
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
    if (row.band !== 'no_data') {
      const acc = scoreSums.get(cam) ?? { sum: 0, n: 0 };
      acc.sum += row.score;
      acc.n++;
      scoreSums.set(cam, acc);
    }
    totals.partners++;
    totals.bands[row.band]++;
    if (row.risk_level === 'high') cam.highRisk++;
    if (aliveOn(p, prevDate)) {
      const pb = prev.scores.get(p.id)!.band;
      cam.previousBands[pb]++;
      totals.previousBands[pb]++;
      if (rank(row.band) >= 0 && rank(pb) >= 0) {
        if (rank(row.band) > rank(pb)) cam.downgraded++;
        if (rank(row.band) < rank(pb)) cam.upgraded++;
        moves.set(`${pb}>${row.band}`, (moves.get(`${pb}>${row.band}`) ?? 0) + 1);
      } else {
        leftOut.noScore++;
      }
    } else {
      leftOut.joined++;
    }
    if ((row.delta ?? 0) > 0) cam.improved++;
    if ((row.delta ?? 0) < 0) cam.declined++;
    if (isAtRisk(row)) {
      const s = ctx.explained(p, d, now, tiers);
      const ps = aliveOn(p, prevDate) ? ctx.explained(p, prevDate, prev, tiers) : null;
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
  for (const [c, acc] of scoreSums) c.averageScore = acc.n ? Math.round(acc.sum / acc.n) : null;
  atRisk.sort((a, b) => b.churn_risk - a.churn_risk || a.score - b.score);
  const managers = ctx.db.sqlite
    .prepare("SELECT id, name FROM user WHERE role = 'manager' ORDER BY name")
    .all() as { id: string; name: string }[];
  const out: HealthRollup = {
    asOf: d,
    previousAsOf: prevDate,
    cams: [...cams.values()].sort((a, b) => Number(a.unassigned) - Number(b.unassigned) || a.owner_name.localeCompare(b.owner_name)),
    totals,
    atRiskBelow: ctx.settings().bands.watch,
    atRisk,
    movement: [...moves.entries()]
      .map(([k, count]) => {
        const [from, to] = k.split('>') as [HealthBand, HealthBand];
        return { from, to, count };
      })
      .sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to)),
    movementLeftOut: leftOut,
    managers,
  };
  // Stale inputs were served: fresh ones land soon (data.changed 'health').
  if (ctx.refreshing()) out.refreshing = true;
  return out;
}
