/**
 * One meaning for "at risk" (issue 14): a partner is at risk when its health score is in
 * the At risk band (below the Watch threshold). The PRM's own partner status `at_risk` is
 * another thing and is always shown as "PRM status: at risk". A team or book counts the
 * partners live on the date (signed, not churned) unless churned ones are asked for. The
 * Team list, the Team card and `partnerbook health` all count through these functions.
 */
import type { HealthBand } from '../../../src-shared/methods/health';

export function isAtRisk(row: { band: HealthBand }): boolean {
  return row.band === 'at_risk';
}

/** The partners a team or book view counts: live ones, or every one with `includeChurned`. */
export function teamPartners<T extends { live: boolean }>(rows: readonly T[], opts: { includeChurned?: boolean } = {}): T[] {
  return opts.includeChurned ? [...rows] : rows.filter((r) => r.live);
}

/** The team's at-risk partners: those it counts, in the At risk band. */
export function teamAtRisk<T extends { live: boolean; band: HealthBand }>(rows: readonly T[], opts: { includeChurned?: boolean } = {}): T[] {
  return teamPartners(rows, opts).filter(isAtRisk);
}
