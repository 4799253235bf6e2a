/**
 * `partnerbook health`: health scores with their explanations, from a replica file.
 * Without --partner: every partner in the book; with it: that partner's full health
 * picture (trend, movers, peer percentiles, tier eligibility, churn risk). The book is
 * my book or everyone (--mine / --all; default as in the app, cli/scope.ts).
 * Reads go through the app's API (`health.portfolio`, `health.partner`), validated by
 * its schemas (cli/local-api.ts).
 */
import { parseOptions, usageText, type CommandHelp } from './args';
import { READ_OPTIONS, readHelp, withReadOnlyReplica } from './read-only';
import { teamAtRisk, teamPartners } from '../services/health/at-risk';

const OPTIONS = { ...READ_OPTIONS, partner: { type: 'string' }, 'include-churned': { type: 'boolean' } } as const;

const HELP: CommandHelp<typeof OPTIONS> = {
  usage: ['health [--db PATH|--workspace NAME] [--as-of YYYY-MM-DD] [--partner ID] [--mine|--all] [--include-churned] [--json]'],
  summary: 'Health scores with their explanations (measures, rules, points, movers), churn risk and tier eligibility. Opens the replica read-only.',
  options: {
    ...readHelp('compute'),
    partner: ['ID', "one partner's full health picture: trend, movers, peers, tier eligibility, churn risk"],
    'include-churned': 'count churned partners too (left out by default, as on the Team page)',
  },
};
const USAGE = usageText(HELP);

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, OPTIONS, HELP);
  return withReadOnlyReplica(values, USAGE, async ({ api, day, book: resolveBook }) => {
    if (values.partner !== undefined) {
      const detail = await api.call('health.partner', { id: values.partner, asOf: day });
      if (values.json) {
        process.stdout.write(`${JSON.stringify(detail)}\n`);
        return 0;
      }
      const s = detail.current;
      const who = `${detail.partner.name} (${detail.partner.id}, ${detail.partner.tier_name})`;
      const lines = [
        s.band === 'no_data'
          ? `${who} — no health score: this book holds none of what health counts (as of ${detail.asOf})`
          : `${who} — health ${s.score} (${s.band.replace('_', ' ')}) as of ${detail.asOf}`,
        ...s.measures.map(
          // A measure the book does not hold says so once ("no data: …"), and that it is not counted.
          (m) => `  ${String(m.points).padStart(3)} pts  ${m.label}: ${m.rawText}${m.noData ? '; not counted' : ` → ${m.measureScore}/100 × ${m.weight}%`}`,
        ),
        `  ${'='.padStart(3)} ${s.band === 'no_data' ? 'no score' : s.score}`,
        `Trend: ${detail.trend.map((t) => `${t.quarter} ${t.score ?? '—'}`).join(', ')}`,
        ...(detail.movers.length ? [`Movers since ${detail.previousAsOf}: ${detail.movers.map((m) => m.text).join('; ')}`] : []),
        `Tier: ${detail.eligibility.currentText}${detail.eligibility.nextText ? `; ${detail.eligibility.nextText}` : ''}`,
        detail.churn.noData
          ? 'Churn risk: no data (this book holds none of what it is estimated from)'
          : `Churn risk: ${Math.round(detail.churn.probability * 100)}% (${detail.churn.level}; ${detail.model.kind === 'logistic' ? 'fitted model' : 'rules'})`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    }
    const book = resolveBook();
    const portfolio = await api.call('health.portfolio', { asOf: day, scope: book.scope });
    const { model, settings } = portfolio;
    // Count what the Team page counts: live partners, "at risk" = the health band (services/health/at-risk.ts).
    const includeChurned = values['include-churned'] ?? false;
    const rows = teamPartners(portfolio.rows, { includeChurned });
    const atRisk = teamAtRisk(portfolio.rows, { includeChurned }).length;
    const left = portfolio.rows.length - rows.length;
    if (values.json) {
      // Each score with its explanation (measures, components): the API gives it per partner
      // (`health.partner`, whose `current` is the same explained score); one health service
      // behind the table, so the model is fitted once and each date's inputs read once.
      const partners = [];
      for (const row of rows) {
        const { current } = await api.call('health.partner', { id: row.id, asOf: day });
        partners.push({ id: row.id, name: row.name, tier_id: row.tier_id, owner_id: row.owner_id, status: row.status, live: row.live, ...current });
      }
      process.stdout.write(`${JSON.stringify({ asOf: day, scope: book.scope, includeChurned, atRisk, settings, model, partners })}\n`);
      return 0;
    }
    const bands = { healthy: 0, watch: 0, at_risk: 0, no_data: 0 };
    for (const row of rows) bands[row.band]++;
    const churnedNote = left > 0 ? ` (${left} churned or not yet signed left out; --include-churned counts them)` : '';
    // A book holding none of what health counts (a partner list alone) has no scores: it says so, not "all at risk".
    const counts =
      rows.length > 0 && bands.no_data === rows.length
        ? ` have no health score, as this book holds none of what health counts (not in it: ${portfolio.bookGaps.join(', ')})`
        : `: ${bands.healthy} healthy, ${bands.watch} watch, ${atRisk} at risk (health band)${bands.no_data ? `, ${bands.no_data} not scored` : ''}`;
    process.stdout.write(
      `${rows.length} partners${book.inBook} as of ${day}${counts}${churnedNote}. Churn model: ${model.kind}${model.auc === null ? '' : ` (AUC ${model.auc.toFixed(2)})`}.\n` +
        rows
          .map(
            (row) =>
              `${row.id.padEnd(10)} ${(row.band === 'no_data' ? '—' : String(row.score)).padStart(3)} ${row.band.replace('_', ' ').padEnd(8)} ${row.name}${row.status === 'at_risk' ? ' (PRM status: at risk)' : ''}`,
          )
          .join('\n') +
        '\n',
    );
    return 0;
  });
}
