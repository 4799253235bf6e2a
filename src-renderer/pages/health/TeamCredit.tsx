/**
 * "Under-credited by resale-only views" on the Team page (issue 16 point 3): the partners
 * whose attributed revenue (every won deal they touched, credited by the attribution rule)
 * most exceeds the revenue a resale-only view gives them (the deals they sourced), over
 * the last four complete quarters. Follows my book / all partners.
 */
import { formatPercent, plural } from '../../../src-shared/format';
import type { BookScope } from '../../../src-shared/methods/identity';
import type { PartnerRopi } from '../../../src-shared/methods/ropi';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import { useCalendar } from '../../api/calendar';
import { useQuery } from '../../api/hooks';
import { navigate } from '../../app/router';
import { EmptyState, ErrorBanner, Loading, Panel } from '../../components/ui';
import { useMoney } from '../../lib/money';
import { HEALTH_REFRESH } from './refresh';

const TOP = 8;

/** Attributed minus sourced revenue: what a resale-only view leaves out. */
export const uncredited = (r: PartnerRopi) => r.trailing.attributed - r.trailing.sourced;

export function TeamCredit({ scope }: { scope: BookScope | undefined }) {
  const money = useMoney();
  const calendar = useCalendar();
  const { data, error, loading } = useQuery('ropi.book', { scope }, { refreshOn: [...HEALTH_REFRESH, 'setting', 'mdf_request'], enabled: !!scope });
  const rows = data ? data.rows.filter((r) => uncredited(r) > 0).sort((a, b) => uncredited(b) - uncredited(a) || a.id.localeCompare(b.id)) : [];
  const top = rows.slice(0, TOP);
  const cur = rows[0]?.currency ?? 'USD';
  const total = rows.reduce((a, r) => a + uncredited(r), 0);
  const window = data ? `${quarterText(data.quarters[0]!, calendar)}–${quarterText(data.quarters[data.quarters.length - 1]!, calendar)}` : '';
  return (
    <Panel title="Under-credited by resale-only views" testId="team-credit">
      {error ? (
        <ErrorBanner error={error} />
      ) : loading && !data ? (
        <Loading />
      ) : !data || rows.length === 0 ? (
        <EmptyState compact title="No partner earns more credit for influence than for resale in this book." />
      ) : (
        <>
          <p className="panel-pad muted hl-risk-note" data-testid="team-credit-summary">
            {plural(rows.length, 'partner')} {rows.length === 1 ? 'earns' : 'earn'} more attributed revenue than a resale-only view credits, {money.short(total, cur)} in all over {window}. Attributed
            revenue credits every won deal a partner touched by the rule in Settings → ROPI; sourced counts only the deals it resold.
          </p>
          <table className="dtable hl-credit">
            <thead>
              <tr>
                <th>Partner</th>
                <th>Tier</th>
                <th className="num">Sourced (resale)</th>
                <th className="num">Influenced</th>
                <th className="num">Attributed</th>
                <th className="num">Left out</th>
                <th className="num">× sourced</th>
              </tr>
            </thead>
            <tbody>
              {top.map((r) => (
                <tr key={r.id} className="selectable" onClick={() => navigate(`/partners/${encodeURIComponent(r.id)}`)} data-testid="team-credit-row">
                  <td className="strong hl-risk-name" title={`${r.name} · ${r.id}`}>
                    {r.name} <span className="cell-id">{r.id}</span>
                  </td>
                  <td>{r.tier_name}</td>
                  <td className="num">{money.short(r.trailing.sourced, r.currency)}</td>
                  <td className="num muted">{money.short(r.trailing.influenced, r.currency)}</td>
                  <td className="num strong">{money.short(r.trailing.attributed, r.currency)}</td>
                  <td className="num hl-t-healthy" data-testid="team-credit-gap">
                    +{money.short(uncredited(r), r.currency)}
                  </td>
                  <td className="num">{r.trailing.sourced > 0 ? `${(r.trailing.attributed / r.trailing.sourced).toFixed(1)}×` : 'no resale'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > TOP ? <p className="panel-pad muted hl-risk-note">and {plural(rows.length - TOP, 'more partner')}; {formatPercent(top.reduce((a, r) => a + uncredited(r), 0) / total)} of the uncredited revenue is in the top {TOP}.</p> : null}
        </>
      )}
    </Panel>
  );
}
