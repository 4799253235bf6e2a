/**
 * Words written from the numbers: the executive summary's three headlines and the SWOT.
 * Every sentence carries the figure it rests on; nothing is said that the data does not show.
 */
import type { HealthData, QbrHeadline, QbrMetric, SwotData, BenchmarksData, PipelineData } from '../../../src-shared/methods/qbr';
import { totalWon, type Figures } from './figures';
import { money, pct, plural, quarterText } from './format';
import type { FiscalCalendar } from '../../../src-shared/domain/time';

export interface NarrativeInput {
  partnerName: string;
  quarter: string;
  previousQuarter: string;
  complete: boolean;
  currency: string;
  current: Figures;
  previous: Figures;
  metrics: QbrMetric[];
  health: HealthData | null;
  benchmarks: BenchmarksData;
  pipeline: PipelineData;
  /** Tier eligibility in words (health module), if known. */
  nextTierText: string | null;
  /** The book's fiscal calendar, for the quarters' names (calendar quarters when absent). */
  calendar?: FiscalCalendar;
  /** What keeps the current tier, when the partner is at risk of losing it (health module). */
  tierAtRisk: string | null;
}

interface Candidate extends QbrHeadline {
  topic: string;
  weight: number;
}

const metric = (ms: QbrMetric[], key: string) => ms.find((m) => m.key === key);
const relChange = (a: number, b: number) => (b > 0 ? (a - b) / b : a > 0 ? 1 : 0);

export function headlines(x: NarrativeInput): QbrHeadline[] {
  const c = x.current;
  const p = x.previous;
  const prevQuarter = quarterText(x.previousQuarter, x.calendar);
  const soFar = x.complete ? '' : ' so far';
  const out: Candidate[] = [];

  const won = totalWon(c);
  const wonPrev = totalWon(p);
  const others = c.coSellWon + c.marketplaceWon;
  const prevQ = x.complete ? prevQuarter : `the same days of ${prevQuarter}`;
  const r = relChange(won, wonPrev);
  out.push({
    topic: 'revenue',
    weight: 100,
    tone: won === 0 ? 'bad' : r >= 0 ? 'good' : x.complete ? 'bad' : 'neutral',
    text:
      won === 0
        ? `No ARR won in ${quarterText(x.quarter, x.calendar)}${soFar} (${money(wonPrev, x.currency)} in ${prevQ}).`
        : `${money(won, x.currency)} ARR won${soFar} (${money(c.sourcedWon, x.currency)} sourced, ${money(c.influencedWon, x.currency)} influenced${
            others > 0 ? `, ${money(others, x.currency)} co-sell & marketplace` : ''
          }), ${
            wonPrev > 0 ? `${r >= 0 ? 'up' : 'down'} ${Math.abs(Math.round(r * 100))}% on ${prevQ}` : `after nothing in ${prevQ}`
          }.`,
  });

  const pc = metric(x.metrics, 'pipeline_created');
  if (pc && pc.target) {
    const share = (pc.current ?? 0) / pc.target;
    out.push({
      topic: 'pipeline',
      weight: 40 + Math.abs(1 - share) * 40,
      tone: pc.targetStatus === 'met' ? 'good' : 'bad',
      text: x.complete
        ? `${money(c.pipelineCreated, x.currency)} of new pipeline: ${pct(share)} of the quarter’s ${money(pc.target, x.currency)} target.`
        : `${money(c.pipelineCreated, x.currency)} of new pipeline so far, against ${pc.targetText} due by now (${money(pc.target, x.currency)} for the full quarter).`,
    });
  }
  if (c.winRate !== null) {
    const d = p.winRate === null ? null : c.winRate - p.winRate;
    out.push({
      topic: 'winrate',
      weight: 30 + (d === null ? 0 : Math.abs(d) * 150),
      tone: d === null ? 'neutral' : d >= 0 ? 'good' : 'bad',
      text: `Win rate ${pct(c.winRate)} (${c.wonCount} of ${c.wonCount + c.lostCount} closed)${
        d === null ? '' : Math.abs(d) < 0.005 ? `, flat on ${prevQ}` : `, ${d > 0 ? 'up' : 'down'} ${Math.abs(Math.round(d * 100))} pts on ${prevQ}`
      }.`,
    });
  }
  if (x.health && x.health.previousScore !== null) {
    const d = x.health.score - x.health.previousScore;
    out.push({
      topic: 'health',
      weight: 20 + Math.abs(d) * 3,
      tone: d > 0 ? 'good' : d < 0 ? 'bad' : 'neutral',
      text: `Partner health ${x.health.score}/100 (${x.health.bandLabel}), ${d === 0 ? 'unchanged' : `${d > 0 ? 'up' : 'down'} ${Math.abs(d)} points`} since the end of ${prevQuarter}.`,
    });
  }
  for (const b of x.benchmarks.items) {
    if (b.tone === 'neutral') continue;
    out.push({ topic: `bench:${b.key}`, weight: b.tone === 'good' ? 35 : 33, tone: b.tone, text: `${b.statement} (${b.valueText} vs median ${b.medianText}).` });
  }
  const cert = metric(x.metrics, 'certified_people');
  if (cert && cert.target !== null && cert.targetStatus === 'below') {
    out.push({
      topic: 'certs',
      weight: 45,
      tone: 'bad',
      text: `${plural(c.certifiedPeople, 'certified person', 'certified people')} against ${cert.target} needed (${cert.targetBasis}).`,
    });
  }
  if (c.psatDetractors > 0) {
    out.push({ topic: 'psat', weight: 38, tone: 'bad', text: `Your team’s satisfaction survey averages ${c.psat?.toFixed(1)}/10 this quarter: we want to hear what to fix.` });
  }
  // A tier at risk leads the summary slide on its own; the headlines say something else.
  if (!x.tierAtRisk && x.nextTierText) out.push({ topic: 'tier', weight: 32, tone: 'neutral', text: `${x.nextTierText}.` });
  if (x.pipeline.openAmount > 0) {
    out.push({
      topic: 'open',
      weight: 25,
      tone: 'neutral',
      text: `${money(x.pipeline.openAmount, x.currency)} open across ${plural(x.pipeline.openCount, 'opportunity', 'opportunities')}; ${x.pipeline.closingNextQuarterText} closes by next quarter’s end.`,
    });
  }

  const [first, ...rest] = out;
  const picked: Candidate[] = [first!];
  const topics = new Set<string>([first!.topic]);
  for (const cand of rest.sort((a, b) => b.weight - a.weight)) {
    if (picked.length === 3) break;
    const family = cand.topic.split(':')[0]!;
    if (topics.has(cand.topic) || (family === 'bench' && [...topics].some((t) => t.startsWith('bench')))) continue;
    topics.add(cand.topic);
    picked.push(cand);
  }
  return picked.map(({ text, tone }) => ({ text, tone }));
}

export function swot(x: NarrativeInput): SwotData {
  // The SWOT adds to the scorecard instead of repeating it: peer position, health areas,
  // what is within reach and what could go wrong. Unused MDF is an opportunity, never also a weakness.
  const s: SwotData = { strengths: [], weaknesses: [], opportunities: [], threats: [] };
  const c = x.current;
  const prevQ = quarterText(x.previousQuarter, x.calendar);
  for (const b of x.benchmarks.items) {
    if (b.tone === 'good') s.strengths.push(`${b.statement} (${b.valueText})`);
    if (b.tone === 'bad') s.weaknesses.push(`${b.statement} (${b.valueText})`);
  }
  if (x.health) {
    for (const comp of x.health.components) {
      if (comp.score >= 80) s.strengths.push(`${comp.label}: ${comp.score}/100, tier median ${comp.tierMedian}`);
      else if (comp.score < 40) s.weaknesses.push(`${comp.label}: ${comp.score}/100, tier median ${comp.tierMedian}`);
    }
  }
  if (x.pipeline.openAmount > 0) {
    s.opportunities.push(`${money(x.pipeline.openAmount, x.currency)} open pipeline; ${x.pipeline.closingNextQuarterText} expected to close by next quarter’s end`);
  }
  if (c.regsPending > 0) s.opportunities.push(`${plural(c.regsPending, 'deal registration')} awaiting a decision`);
  if (x.nextTierText && !/^Meets/.test(x.nextTierText) && !x.tierAtRisk) s.opportunities.push(x.nextTierText);
  if (c.mdf && c.mdf.allocated > c.mdf.claimed) {
    s.opportunities.push(`${money(c.mdf.allocated - c.mdf.claimed, x.currency)} of ${c.mdf.period} MDF still to use`);
  }
  if (x.tierAtRisk) s.threats.push(x.tierAtRisk);
  if (c.certsExpiringSoon > 0) s.threats.push(`${plural(c.certsExpiringSoon, 'certification')} expiring within 60 days`);
  if (x.health && x.health.previousScore !== null && x.health.score < x.health.previousScore - 4) {
    s.threats.push(`Partner health fell from ${x.health.previousScore} to ${x.health.score} since the end of ${prevQ}`);
  }
  if (x.previous.activeContacts > 0 && c.activeContacts < x.previous.activeContacts * 0.75 && x.complete) {
    s.threats.push(`Active contacts down from ${x.previous.activeContacts} to ${c.activeContacts}`);
  }
  if (c.winRate !== null && x.previous.winRate !== null && c.winRate < x.previous.winRate - 0.1) {
    s.threats.push(`Win rate slipped from ${pct(x.previous.winRate)} to ${pct(c.winRate)}`);
  }
  if (c.psatDetractors > 0) s.threats.push(`${plural(c.psatDetractors, 'survey response')} of 6/10 or less from your team`);
  const cap = (a: string[]) => a.slice(0, 4);
  return { strengths: cap(s.strengths), weaknesses: cap(s.weaknesses), opportunities: cap(s.opportunities), threats: cap(s.threats) };
}
