/**
 * One partner: header, KPI tiles, monthly activity, recent activity, and tabs for
 * contacts, opportunities, deal registrations and certifications.
 */
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { formatPercent, plural } from '../../../src-shared/format';
import { toIsoDate } from '../../../src-shared/domain/time';
import type { PartnerDetail } from '../../../src-shared/methods/partners';
import { useBookLoading } from '../../api/bookLoading';
import { useQuery } from '../../api/hooks';
import { ApiCallError } from '../../api/client';
import { usePageCrumbs } from '../../app/crumbs';
import { href, type Params } from '../../app/router';
import { BookLoadingNotice } from '../../components/BookLoadingNotice';
import { Icon } from '../../components/Icon';
import { ChartLoading, EmptyState, ErrorBanner, Kpi, Loading, Panel, StatusChip, TierChip } from '../../components/ui';
import { daysFrom, formatCount, formatDate, humanize } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { PartnerPlans } from '../plans/PartnerPlans';
import { PartnerActions } from '../actions/PartnerActions';
import { PartnerLinks } from './PartnerLinks';
import { ForecastPanel } from './ForecastPanel';
import { RopiPanel } from './RopiPanel';
import { VoicePanel } from '../voice/VoicePanel';
import { PartnerTabs } from './PartnerTabs';
import { NoEventsInBook, RecentActivity } from './RecentActivity';
import { isOpen } from './thresholds';

const ActivityChart = lazy(() => import('./ActivityChart'));
/** Under a figure the book's source does not hold (a Salesforce book without a certification object is no file). */
const NOT_IN_BOOK = 'Not in this book.';

function PartnerPage({ params }: { params: Params }) {
  const id = params.id ?? '';
  const refresh = ['partner', 'contact', 'opportunity', 'deal_registration', 'certification', 'engagement_event', 'tier', 'user'];
  const { data, error, loading, refetch } = useQuery('partners.get', { id }, { refreshOn: refresh });
  const info = useQuery('app.info', {});
  const today = info.data?.today ?? toIsoDate(new Date());
  usePageCrumbs([data?.partner.id === id ? data.partner.name : null]);

  if (error && !(data && data.partner.id === id)) {
    if (error instanceof ApiCallError && error.code === 'not_found') {
      return (
        <div className="page page-narrow">
          <EmptyState icon="search" title={`No partner with id ${id} in your book`}>
            It may have been removed in the PRM. <a href={href('/portfolio')}>Back to the portfolio</a>
          </EmptyState>
        </div>
      );
    }
    return (
      <div className="page page-narrow">
        <ErrorBanner error={error} onRetry={() => void refetch()} />
      </div>
    );
  }
  if (!data || data.partner.id !== id) return <Loading label={loading ? 'Loading partner…' : ''} />;
  return <PartnerView d={data} today={today} />;
}

function PartnerView({ d, today }: { d: PartnerDetail; today: string }) {
  const p = d.partner;
  const cur = p.currency;
  const money = useMoney();
  // While the first sync brings the book in, nothing is computed on part of it.
  const bookLoad = useBookLoading();
  const m = useMemo(() => {
    const open = d.opportunities.filter((o) => isOpen(o.stage));
    const stalled = open.filter((o) => daysFrom(o.last_activity_at, today) >= d.thresholds.stalledDays);
    const validCerts = d.certifications.filter((c) => c.expires_at >= today);
    const certified = new Set(validCerts.map((c) => c.contact_id));
    const expiring = validCerts.filter((c) => daysFrom(today, c.expires_at) <= d.thresholds.certExpiringDays);
    const pendingRegs = d.deal_registrations.filter((r) => r.status === 'submitted');
    const conflicts = d.deal_registrations.filter((r) => r.matched_opportunity_id && r.status !== 'rejected' && r.status !== 'expired');
    return {
      pipeline: open.reduce((s, o) => s + o.amount, 0),
      open,
      stalled,
      certified,
      expiring,
      pendingRegs,
      conflicts,
    };
  }, [d, today]);

  const revenueShare = d.tier.revenue_target > 0 ? d.revenue_t4q / d.tier.revenue_target : null;
  // What the book's source does not hold reads "no data", never 0 (an import of order files: only closed deals).
  const missing = new Set(d.notInBook);
  const website = p.website ? (/^https?:\/\//i.test(p.website) ? p.website : `https://${p.website}`) : null;

  return (
    <div className="page partner" data-testid="page-partner">
      <header className="partner-head">
        <div className="partner-title-row">
          <a className="back-link" href={href('/portfolio')} title="Back to the portfolio">
            <Icon name="back" size={16} />
            <span className="sr-only">Back to the portfolio</span>
          </a>
          <h2 className="partner-name" data-testid="partner-name">
            {p.name}
          </h2>
          <TierChip name={d.tier.name} rank={d.tier.rank} />
          <StatusChip status={p.status} />
          <PartnerLinks partnerId={p.id} bookLoad={bookLoad} />
        </div>
        <dl className="facts">
          <Fact label="Id">{p.id}</Fact>
          <Fact label="Type">{humanize(p.type)}</Fact>
          <Fact label="Region">
            {p.region} · {p.country}
          </Fact>
          <Fact label="Owner">{d.owner?.name ?? '—'}</Fact>
          <Fact label="Agreement signed">
            {missing.has('agreement_date') ? <span className="muted" title="This book’s files hold no agreement dates: its views date each partner from its first order.">not in this book</span> : formatDate(p.agreement_signed_at)}
          </Fact>
          {website ? (
            <Fact label="Website">
              <a href={website} target="_blank" rel="noreferrer" className="ext-link">
                {p.website!.replace(/^https?:\/\//i, '').replace(/\/$/, '')}
                <Icon name="external" size={12} />
              </a>
            </Fact>
          ) : null}
        </dl>
      </header>

      <div className="kpis">
        <Kpi
          label="Revenue T4Q"
          value={money.full(d.revenue_t4q, cur)}
          sub={revenueShare != null ? `${formatPercent(revenueShare)} of the ${money.short(d.tier.revenue_target, d.tier.currency)} tier target` : null}
          noData={missing.has('opportunity') ? 'This book’s files hold no orders or opportunities.' : null}
          testId="kpi-revenue"
        />
        <Kpi
          label="Open pipeline"
          value={money.full(m.pipeline, cur)}
          sub={
            <>
              {plural(m.open.length, 'open deal')}
              {m.stalled.length ? <span className="warn-text"> · {m.stalled.length} stalled</span> : null}
            </>
          }
          noData={missing.has('opportunity') ? 'This book’s files hold no orders or opportunities.' : missing.has('open_pipeline') ? 'This book’s files hold closed deals only.' : null}
          testId="kpi-pipeline"
        />
        <Kpi
          label="Contacts"
          value={formatCount(d.contacts.length)}
          sub={`${formatCount(d.active_contacts)} active in the last 30 days`}
          noData={missing.has('contact') ? NOT_IN_BOOK : null}
          testId="kpi-contacts"
        />
        <Kpi
          label="Certified people"
          value={formatCount(m.certified.size)}
          sub={
            <>
              <span className={m.certified.size < d.tier.min_certified ? 'warn-text' : undefined}>
                {/* "Registered needs 0" read as if something were missing. */}
                {d.tier.min_certified > 0 ? `${d.tier.name} needs ${formatCount(d.tier.min_certified)}` : `${d.tier.name} needs none`}
              </span>
              {m.expiring.length ? <span className="warn-text"> · {m.expiring.length} expiring soon</span> : null}
            </>
          }
          noData={missing.has('certification') ? NOT_IN_BOOK : null}
          testId="kpi-certified"
        />
        <Kpi
          label="Deal registrations"
          value={formatCount(d.deal_registrations.length)}
          sub={
            <>
              {m.pendingRegs.length} pending
              {m.conflicts.length ? <span className="danger-text"> · {plural(m.conflicts.length, 'conflict')}</span> : null}
            </>
          }
          noData={missing.has('deal_registration') ? NOT_IN_BOOK : null}
          testId="kpi-dealregs"
        />
      </div>

      {bookLoad ? (
        <BookLoadingNotice load={bookLoad} what="Its health, next-best actions, forecast and ROPI" />
      ) : (
        <>
          <PartnerActions partnerId={p.id} />
          <div className="partner-intel">
            <ForecastPanel partnerId={p.id} />
            <RopiPanel partnerId={p.id} />
          </div>
        </>
      )}

      <VoicePanel partnerId={p.id} arriving={!!bookLoad} />

      <div className="partner-grid">
        <Panel title="Activity by month" className="panel-chart">
          {missing.has('engagement_event') ? (
            <NoEventsInBook />
          ) : d.activity_by_month.some((m) => m.count > 0) ? (
            <Suspense fallback={<ChartLoading className="chart" />}>
              <ActivityChart data={d.activity_by_month} />
            </Suspense>
          ) : (
            <EmptyState compact title={bookLoad ? 'No activity arrived yet' : 'No recorded activity'} />
          )}
        </Panel>
        <Panel title="Recent activity" className="panel-activity">
          <RecentActivity d={d} arriving={!!bookLoad} />
        </Panel>
      </div>

      <PartnerPlans partnerId={p.id} />

      <PartnerTabs d={d} today={today} />
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default PartnerPage;
