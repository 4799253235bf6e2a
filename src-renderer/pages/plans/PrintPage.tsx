/** A printable one-page plan (`/plans/:id/print`): header, summary, objectives with actuals, initiatives, sign-off. */
import { METRICS } from '../../../src-shared/domain/plans';
import { useQuery } from '../../api/hooks';
import { usePageCrumbs } from '../../app/crumbs';
import { href, type Params } from '../../app/router';
import { ErrorBanner, Loading } from '../../components/ui';
import { formatDate, humanize } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { useBookLoading } from '../../api/bookLoading';
import { PLAN_REFRESH } from './PlanPage';
import { formatMetric, PACE_LABELS } from './planFormat';
import { RichText } from './Summary';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import './plans.css';

function PrintPage({ params }: { params: Params }) {
  const id = params.id ?? '';
  const money = useMoney();
  // A linked objective's actual and pace are the book's figures: not printed from part of it.
  const arriving = useBookLoading() !== null;
  const pending = (metric: string) => arriving && metric !== 'custom';
  const q = useQuery('plans.get', { id }, { refreshOn: PLAN_REFRESH });
  const d = q.data && q.data.plan.id === id ? q.data : undefined;
  usePageCrumbs([d?.partner.name, d ? `${d.plan.period} · print` : null]);
  if (q.error && !d) return <div className="page page-narrow"><ErrorBanner error={q.error} /></div>;
  if (!d) return <Loading label="Loading plan…" />;
  const p = d.plan;
  const cur = d.partner.currency;
  const objTitle = new Map(d.objectives.map((o) => [o.id, o.title]));
  return (
    <div className="print-page" data-testid="plan-print">
      <div className="print-toolbar no-print">
        <a className="btn btn-small" href={href(`/plans/${encodeURIComponent(p.id)}`)}>
          Back to the editor
        </a>
        <button type="button" className="btn btn-small btn-primary" onClick={() => window.print()} data-testid="print-now">
          Print…
        </button>
        <span className="muted">One page, A4 or Letter.</span>
      </div>
      <article className="print-sheet">
        <header className="print-head">
          <div>
            <div className="print-kicker">Joint business plan · {p.period}</div>
            <h1 className="print-title">{p.title}</h1>
            <div className="print-sub">
              {d.partner.name} · {d.partner.tier_name} · {formatDate(d.period.start)} – {formatDate(d.period.end)}
            </div>
          </div>
          <div className="print-status">
            <div className={`print-stamp ${p.status}`}>{p.status === 'signed' ? 'Signed' : 'Draft'}</div>
            <div className="muted">
              Revision {p.revision} · {arriving ? 'linked actuals appear when the whole book is here (its first sync is still running)' : `actuals as of ${formatDate(d.as_of)}`}
            </div>
          </div>
        </header>
        <section className="print-summary">
          <RichText text={p.summary} />
        </section>
        <section>
          <h2 className="print-h">Objectives</h2>
          <table className="print-table">
            <thead>
              <tr>
                <th>Objective</th>
                <th>Metric</th>
                <th className="num">Baseline</th>
                <th className="num">Target</th>
                <th>Due</th>
                <th className="num">Weight</th>
                <th className="num">Actual</th>
                <th className="num">% to target</th>
                <th>Pace</th>
              </tr>
            </thead>
            <tbody>
              {d.objectives.map((o) => (
                <tr key={o.id}>
                  <td className="strong">{o.title}</td>
                  <td>{METRICS[o.metric].label}</td>
                  <td className="num">{formatMetric(money, o.metric, o.baseline, cur, o.unit)}</td>
                  <td className="num">{formatMetric(money, o.metric, o.target, cur, o.unit)}</td>
                  <td>{quarterText(o.due_quarter, d.calendar)}</td>
                  <td className="num">{o.weight}</td>
                  <td className="num">{pending(o.metric) ? '…' : formatMetric(money, o.metric, o.actual, cur, o.unit)}</td>
                  <td className="num">{pending(o.metric) ? '…' : o.pace.pctToTarget == null ? '—' : `${Math.round(o.pace.pctToTarget)}%`}</td>
                  <td>{pending(o.metric) ? '…' : PACE_LABELS[o.pace.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h2 className="print-h">Initiatives</h2>
          <table className="print-table">
            <thead>
              <tr>
                <th>Initiative</th>
                <th>Objective</th>
                <th>Owner</th>
                <th>Due</th>
                <th>Status</th>
                <th className="num">MDF</th>
              </tr>
            </thead>
            <tbody>
              {d.initiatives.map((i) => (
                <tr key={i.id}>
                  <td className="strong">{i.title}</td>
                  <td>{i.objective_id ? (objTitle.get(i.objective_id) ?? '—') : '—'}</td>
                  <td>
                    {i.owner_name || '—'} <span className="muted">({i.owner_side === 'vendor' ? 'us' : 'partner'})</span>
                  </td>
                  <td>{formatDate(i.due_date)}</td>
                  <td>{humanize(i.status)}</td>
                  <td className="num">{i.mdf_investment ? money.full(i.mdf_investment, i.currency) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <footer className="print-sign">
          <div className="print-sig">
            <div className="print-sig-line">{p.vendor_signoff_name ?? ''}</div>
            <div className="muted">For us{p.vendor_signoff_at ? ` · ${formatDate(p.vendor_signoff_at)}` : ''}</div>
          </div>
          <div className="print-sig">
            <div className="print-sig-line">{p.partner_signoff_name ?? ''}</div>
            <div className="muted">
              For {d.partner.name}
              {p.partner_signoff_at ? ` · ${formatDate(p.partner_signoff_at)}` : ''}
            </div>
          </div>
        </footer>
      </article>
    </div>
  );
}

export default PrintPage;
