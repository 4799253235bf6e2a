/**
 * `partnerbook health`: health scores with their explanations, from a replica file.
 * Without --partner: every partner in the book; with it: that partner's full health
 * picture (trend, movers, peer percentiles, tier eligibility, churn risk). The book is
 * my book or everyone (--mine / --all; default as in the app, cli/scope.ts).
 */
import { existsSync } from 'node:fs';
import { ServiceError } from '../base/errors';
import { fixedClock, systemClock } from '../base/clock';
import { createHealthService } from '../services/health/service';
import { openCliReplica } from './replica';
import { CliError, dateOption, parseOptions } from './args';
import { replicaPath, WORKSPACE_OPTIONS } from './workspace-option';
import { resolveScope, scopeFlag, SCOPE_USAGE } from './scope';

const USAGE = `usage: partnerbook health --db PATH|--workspace NAME [--as-of YYYY-MM-DD] [--partner ID] [--mine|--all] [--json]\n${SCOPE_USAGE}`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(
    argv,
    {
      db: { type: 'string' },
      ...WORKSPACE_OPTIONS,
      'as-of': { type: 'string' },
      partner: { type: 'string' },
      mine: { type: 'boolean' },
      all: { type: 'boolean' },
      scope: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dbPath = replicaPath(values, USAGE);
  if (!existsSync(dbPath)) throw new CliError(`no replica at ${dbPath} (run \`partnerbook sync\` first)`);
  const asOf = dateOption(values['as-of'], '--as-of');
  const askedScope = scopeFlag(values);
  const clock = asOf ? fixedClock(asOf) : systemClock;
  // Only reads: a read-only open takes no write lock and works on a replica it may not write.
  const db = openCliReplica(dbPath, { readonly: true });
  try {
    const health = createHealthService({ db, clock });
    const day = clock.today();
    if (values.partner) {
      let detail;
      try {
        detail = health.partner(values.partner, day);
      } catch (err) {
        if (err instanceof ServiceError) throw new CliError(err.message);
        throw err;
      }
      if (values.json) {
        process.stdout.write(`${JSON.stringify(detail)}\n`);
        return 0;
      }
      const s = detail.current;
      const lines = [
        `${detail.partner.name} (${detail.partner.id}, ${detail.partner.tier_name}) — health ${s.score} (${s.band.replace('_', ' ')}) as of ${detail.asOf}`,
        ...s.measures.map(
          (m) => `  ${String(m.points).padStart(3)} pts  ${m.label}: ${m.rawText} → ${m.measureScore}/100 × ${m.weight}%${m.noData ? ' [no data]' : ''}`,
        ),
        `  ${'='.padStart(3)} ${s.score}`,
        `Trend: ${detail.trend.map((t) => `${t.quarter} ${t.score ?? '—'}`).join(', ')}`,
        ...(detail.movers.length ? [`Movers since ${detail.previousAsOf}: ${detail.movers.map((m) => m.text).join('; ')}`] : []),
        `Tier: ${detail.eligibility.currentText}${detail.eligibility.nextText ? `; ${detail.eligibility.nextText}` : ''}`,
        `Churn risk: ${Math.round(detail.churn.probability * 100)}% (${detail.churn.level}; ${detail.model.kind === 'logistic' ? 'fitted model' : 'rules'})`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    }
    const book = resolveScope(db, askedScope);
    const model = health.model(day);
    const scores = health.scores(day).filter(({ partner }) => !book.owners || book.owners.has(partner.owner_id));
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({
          asOf: day,
          scope: book.scope,
          settings: health.getSettings(),
          model,
          partners: scores.map(({ partner, score }) => ({
            id: partner.id,
            name: partner.name,
            tier_id: partner.tier_id,
            owner_id: partner.owner_id,
            status: partner.status,
            ...score,
          })),
        })}\n`,
      );
      return 0;
    }
    const bands = { healthy: 0, watch: 0, at_risk: 0 };
    for (const { score } of scores) bands[score.band]++;
    process.stdout.write(
      `${scores.length} partners${book.inBook} as of ${day}: ${bands.healthy} healthy, ${bands.watch} watch, ${bands.at_risk} at risk. Churn model: ${model.kind}${model.auc === null ? '' : ` (AUC ${model.auc.toFixed(2)})`}.\n` +
        scores
          .map(({ partner, score }) => `${partner.id.padEnd(10)} ${String(score.score).padStart(3)} ${score.band.padEnd(8)} ${partner.name}`)
          .join('\n') +
        '\n',
    );
    return 0;
  } finally {
    db.close();
  }
}
