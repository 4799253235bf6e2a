/**
 * A live plan objective off track, by the plans' own pace rule (computePace in
 * src-shared/domain/plans.ts: progress below 70% of the elapsed share), once enough of
 * the time to its due quarter has passed.
 */
import { computePace, METRICS, PACE_AT_RISK, type JbpMetric } from '../../../../src-shared/domain/plans';
import { quarterText } from '../../../../src-shared/domain/fiscal-text';
import { quarterEnd, quarterOf } from '../../../../src-shared/domain/time';
import type { Candidate, RuleDef } from '../types';
import { formatMoney, formatPercent, possessive } from '../../../../src-shared/format';
import { link } from './util';

export const jbpOffPace: RuleDef = {
  id: 'jbp_off_pace',
  describe: (t) =>
    `A live plan objective whose progress is below ${formatPercent(PACE_AT_RISK)} of the time elapsed (the plans' "off track"), once ${formatPercent(t.jbpMinElapsed)} of the time to its due quarter has passed.`,
  run(snap, asOf, t) {
    const out: Candidate[] = [];
    const q = quarterOf(asOf, snap.calendar);
    const review = quarterEnd(q, snap.calendar);
    const ends = new Map<string, string>();
    for (const o of snap.objectives) {
      const p = snap.partners.get(o.partnerId);
      if (!p) continue;
      const metric = o.metric as JbpMetric;
      const info = METRICS[metric];
      let dueEnd = ends.get(o.dueQuarter);
      if (dueEnd === undefined) ends.set(o.dueQuarter, (dueEnd = quarterEnd(o.dueQuarter, snap.calendar)));
      if (dueEnd < asOf) continue;
      const pace = computePace({ metric, baseline: o.baseline, target: o.target, actual: o.actual, periodStart: o.periodStart, dueQuarter: o.dueQuarter, asOf, calendar: snap.calendar });
      if (pace.status !== 'off_track' || pace.elapsed < t.jbpMinElapsed || pace.progress === null) continue;
      const progress = pace.progress;
      const isMoney = info.kind === 'money';
      const fmt = (v: number) => (isMoney ? formatMoney(Math.round(v), p.currency) : String(Math.round(v * 10) / 10));
      const from = info.shape === 'flow' ? 0 : o.baseline;
      const projected = from + (o.actual - from) / Math.max(pace.elapsed, 0.01);
      const shortfall = Math.max(0, o.target - projected);
      const gapShare = o.target > from ? Math.min(1, shortfall / (o.target - from)) : 0;
      const impact = isMoney ? Math.round(shortfall) : Math.round(gapShare * p.wonT4q);
      const tail = ` objective "${o.title}" is off track: ${fmt(o.actual)} of ${fmt(o.target)} with ${formatPercent(pace.elapsed)} of the time gone`;
      out.push({
        rule: 'jbp_off_pace',
        entityId: o.id,
        period: q,
        partnerId: p.id,
        suggestion: `${possessive(p.name)} plan${tail}`,
        suggestionHere: `Plan${tail}`,
        evidence: () => ({
          facts: [
            { label: 'Metric', value: `${info.label} — ${info.definition}` },
            { label: 'Actual', value: `${fmt(o.actual)} (${info.shape === 'flow' ? `since ${o.periodStart}` : `baseline ${fmt(o.baseline)}`})` },
            { label: 'Expected by now', value: `${fmt(pace.expected)} (${formatPercent(pace.elapsed)} of the way to ${quarterText(o.dueQuarter, snap.calendar)})` },
            { label: 'Progress', value: `${formatPercent(progress)} of the way vs ${formatPercent(pace.elapsed)} of the time (off track below ${formatPercent(PACE_AT_RISK)} of it)` },
            { label: 'At this pace by the due date', value: `${fmt(projected)} (short by ${fmt(shortfall)})` },
          ],
          links: [{ ...link('jbp_objective', o.id, `${o.jbpTitle} · ${o.title}`, p.id), planId: o.jbpId }],
        }),
        impact,
        impactText: isMoney ? 'the projected shortfall against the target' : "the shortfall's share of the partner's won ARR of the last 12 months",
        currency: p.currency,
        dueDate: dueEnd < review ? dueEnd : review,
        confidence: 0.6,
        confidenceText: 'a straight-line pace; real deals land unevenly',
      });
    }
    return out;
  },
};
