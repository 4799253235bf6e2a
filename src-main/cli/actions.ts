/**
 * `partnerbook actions`: the ranked next-best actions of a replica, with their evidence
 * and the priority arithmetic, for my book or every partner (--mine / --all; default as in
 * the app, cli/scope.ts). Snoozed, done and dismissed actions are left out unless
 * --include-hidden is given. The list comes from the app's API (`actions.list`), validated
 * by its schema (cli/local-api.ts).
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { ACTION_RULE_IDS, type ActionBucket, type ActionRuleId } from '../../src-shared/methods/actions';
import { explainPriority } from '../../src-shared/domain/actions';
import { formatCount, formatMoneyShort, plural } from '../../src-shared/format';
import { fixedClock, systemClock } from '../base/clock';
import { createLocalApi, replicaClock } from './local-api';
import { openCliReplica, refuseArrivingBook } from './replica';
import { CliError, dateOption, parseOptions, usageText, type CommandHelp } from './args';
import { replicaPath, WORKSPACE_HELP, WORKSPACE_OPTIONS } from './workspace-option';
import { resolveScope, scopeFlag, SCOPE_HELP } from './scope';

const BUCKET_LABELS: Record<ActionBucket, string> = { today: 'Today', week: 'This week', later: 'Backlog' };

const OPTIONS = {
  db: { type: 'string' },
  ...WORKSPACE_OPTIONS,
  'as-of': { type: 'string' },
  rule: { type: 'string' },
  partner: { type: 'string' },
  mine: { type: 'boolean' },
  all: { type: 'boolean' },
  scope: { type: 'string' },
  'include-hidden': { type: 'boolean' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const HELP: CommandHelp<typeof OPTIONS> = {
  usage: ['actions [--db PATH|--workspace NAME] [--as-of YYYY-MM-DD] [--rule RULE] [--partner ID] [--mine|--all] [--include-hidden] [--limit N] [--json]'],
  summary: 'The ranked next-best actions with their evidence and priority arithmetic. Opens the replica read-only.',
  options: {
    ...WORKSPACE_HELP,
    'as-of': ['YYYY-MM-DD', 'compute as of this day (default: today, or the last day of an imported book)'],
    rule: ['RULE', `only this rule's actions: ${ACTION_RULE_IDS.join(', ')}`],
    partner: ['ID', "only this partner's actions (whoever owns it)"],
    ...SCOPE_HELP,
    'include-hidden': 'also the snoozed, done and dismissed actions',
    limit: ['N', 'print at most N actions'],
    json: 'print JSON instead of lines',
  },
};
const USAGE = usageText(HELP);

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, OPTIONS, HELP);
  const dbPath = replicaPath(values, USAGE);
  if (!existsSync(dbPath)) throw new CliError(`no replica at ${dbPath} (run \`partnerbook sync\` first)`);
  const asOf = dateOption(values['as-of'], '--as-of');
  const rule = values.rule;
  if (rule !== undefined && !(ACTION_RULE_IDS as readonly string[]).includes(rule)) {
    throw new CliError(`--rule must be one of ${ACTION_RULE_IDS.join(', ')}, got '${rule}'`, 2);
  }
  let limit = Infinity;
  if (values.limit !== undefined) {
    const n = Number(values.limit);
    if (!Number.isInteger(n) || n < 1) throw new CliError(`--limit must be a whole number ≥ 1, got '${values.limit}'`, 2);
    limit = n;
  }
  const askedScope = scopeFlag(values);
  // Only reads (listing writes no snapshot): a read-only open takes no write lock.
  const db = openCliReplica(dbPath, { readonly: true });
  const clock = asOf ? fixedClock(asOf) : replicaClock(db, systemClock);
  const api = createLocalApi({ db, clock, dataDir: dirname(dbPath) });
  try {
    refuseArrivingBook(db, dbPath, 'its actions');
    if (values.partner !== undefined && !db.sqlite.prepare('SELECT 1 FROM partner WHERE id = ?').get(values.partner)) {
      throw new CliError(`there is no partner '${values.partner}' in this replica`);
    }
    // One partner's actions whoever owns it; the book-wide list defaults to my book, as in the app.
    const book = resolveScope(db, askedScope ?? (values.partner !== undefined ? 'all' : undefined));
    const list = await api.call('actions.list', {
      asOf: clock.today(),
      ...(rule !== undefined ? { rule: rule as ActionRuleId } : {}),
      ...(values.partner !== undefined ? { partnerId: values.partner } : {}),
      scope: book.scope,
      includeHidden: values['include-hidden'] ?? false,
      // The first `limit` actions are the first `limit` of Today, then of This week, then of the
      // Backlog: asking for that many per bucket gives the same ones (and the same counts)
      // without building the evidence of the rest of the book.
      ...(Number.isFinite(limit) ? { perBucket: Math.min(limit, 100_000) } : {}),
    });
    const shown = list.actions.slice(0, limit);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ...list, scope: book.scope, actions: shown })}\n`);
      return 0;
    }
    const b = list.buckets;
    const lines = [
      `${plural(list.openCount, 'open action')}${book.inBook} as of ${list.asOf}${list.hiddenCount ? ` (${formatCount(list.hiddenCount)} snoozed, done or dismissed)` : ''}, computed in ${formatCount(list.computeMs)} ms`,
      `Today ${formatCount(b.today.count)} (at most ${formatCount(list.capacity)}) · This week ${formatCount(b.week.count)} · Backlog ${formatCount(b.later.count)}`,
    ];
    let section = '';
    for (const a of shown) {
      if (a.bucket !== section) {
        section = a.bucket;
        lines.push(`— ${BUCKET_LABELS[a.bucket]} —`);
      }
      lines.push(
        `${String(a.priority.score).padStart(10)}  ${a.dueDate}  [${a.ruleLabel}] ${a.suggestion}${a.state ? `  (${a.state.state}${a.state.snoozeUntil ? ` until ${a.state.snoozeUntil}` : ''})` : ''}`,
        `${' '.repeat(24)}${a.key} · ${formatMoneyShort(a.impact, a.currency)} at stake · ${explainPriority(a.priority, a.currency).formula}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await api.close();
    db.close();
  }
}
