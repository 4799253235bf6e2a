/**
 * `partnerbook ropi`: return on partner investment over the last four complete quarters —
 * each partner's attributed revenue (sourced and influenced, credited by the attribution
 * rule in settings) over its investment (approved and claimed MDF + CAM time), with the tier
 * medians; with --partner, the formula with that partner's numbers (the lines the partner
 * page shows), its quarters and its MDF requests' pipeline ROI. Opens the replica read-only;
 * reads go through the app's API (`ropi.book`, `ropi.partner`).
 */
import { formatMoneyShort } from '../../src-shared/format';
import type { PartnerRopi, RopiPartnerDetail } from '../../src-shared/methods/ropi';
import { formatQuarterRopi, formatRopi, NO_RETURN_FOR_ROPI, ropiFormula } from '../../src-shared/ropi-formula';
import { parseOptions, usageText, type CommandHelp } from './args';
import { READ_OPTIONS, readHelp, withReadOnlyReplica } from './read-only';

const OPTIONS = { ...READ_OPTIONS, partner: { type: 'string' } } as const;

const HELP: CommandHelp<typeof OPTIONS> = {
  usage: ['ropi [--db PATH|--workspace NAME] [--as-of YYYY-MM-DD] [--partner ID] [--mine|--all] [--json]'],
  summary:
    "Return on partner investment over the last four complete quarters: attributed revenue ÷ (approved and claimed MDF + CAM time), per partner with the tier medians; with --partner, the formula with that partner's numbers. Opens the replica read-only.",
  options: {
    ...readHelp('compute'),
    partner: ['ID', "one partner: the formula with its numbers, its four quarters and its MDF requests' pipeline ROI"],
  },
};
/** Why the ratios of a book without MDF run high (every partner's, and the tier medians): said once, under the header. */
const MDF_NOT_IN_BOOK = 'MDF is not in this book’s files: the investment is CAM time alone.';
const USAGE = usageText(HELP);

function partnerText(d: RopiPartnerDetail): string {
  if (!d.returnKnown) return `${d.row.name} (${d.row.id}, ${d.row.tier_name}) — ${NO_RETURN_FOR_ROPI}`;
  const money = (m: number) => formatMoneyShort(m, d.row.currency);
  const lines = ropiFormula(d.row.trailing, money, d.tier?.median ?? null, d.mdfKnown);
  return [
    `${d.row.name} (${d.row.id}, ${d.row.tier_name}) — ROPI ${formatRopi(d.row.trailing.ropi)}, ${d.quarters[0]} to ${d.quarters.at(-1)} as of ${d.asOf}`,
    `  ${lines.return}`,
    `  ${lines.investment}`,
    `  ${lines.ropi}`,
    ...(lines.note ? [`  ${lines.note}`] : []),
    `Quarters: ${d.row.quarters.map((q) => (q.partnerThen ? `${q.quarter} ${formatRopi(q.ropi)} (${money(q.attributed)} / ${money(q.investment)})` : `${q.quarter} ${formatQuarterRopi(q)}`)).join(', ')}`,
    ...(d.mdf.length ? [`MDF requests: ${d.mdf.map((m) => `${m.activity} ${money(m.pipeline)} pipeline ÷ ${money(m.spend)} = ${formatRopi(m.roi)}`).join('; ')}`] : []),
    `${d.ruleText}. ${d.camFormula}.`,
  ].join('\n');
}

function rowText(r: PartnerRopi): string {
  const money = (m: number) => formatMoneyShort(m, r.currency);
  const t = r.trailing;
  return `${r.id.padEnd(10)} ${formatRopi(t.ropi).padStart(14)}  ${money(t.attributed).padStart(8)} attributed (${money(t.sourced)} sourced, ${money(t.influenced)} influenced) ÷ ${money(t.investment)}  ${r.name}`;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, OPTIONS, HELP);
  return withReadOnlyReplica(values, USAGE, async ({ api, day, book: resolveBook }) => {
    if (values.partner !== undefined) {
      const d = await api.call('ropi.partner', { id: values.partner, asOf: day });
      process.stdout.write(`${values.json ? JSON.stringify(d) : partnerText(d)}\n`);
      return 0;
    }
    const book = resolveBook();
    const r = await api.call('ropi.book', { asOf: day, scope: book.scope });
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ...r, scope: book.scope })}\n`);
      return 0;
    }
    if (!r.returnKnown) {
      process.stdout.write(`${r.rows.length} partners${book.inBook}. ${NO_RETURN_FOR_ROPI}\n`);
      return 0;
    }
    const rows = [...r.rows].sort((a, b) => (b.trailing.ropi ?? -1) - (a.trailing.ropi ?? -1) || a.id.localeCompare(b.id));
    const tiers = r.tiers.map((t) => `${t.tier_name} ${formatRopi(t.median)}`).join(', ');
    process.stdout.write(
      `${rows.length} partners${book.inBook}, ROPI over ${r.quarters[0]} to ${r.quarters.at(-1)} as of ${r.asOf}, highest first. Tier medians: ${tiers || '—'}.\n` +
        `${r.ruleText}. ${r.camFormula}.${r.mdfKnown ? '' : ` ${MDF_NOT_IN_BOOK}`}\n` +
        `${rows.map(rowText).join('\n')}\n`,
    );
    return 0;
  });
}
