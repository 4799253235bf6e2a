/**
 * One partner: header, KPI tiles, monthly activity, recent activity, and tabs for
 * contacts, opportunities, deal registrations and certifications.
 */
import { lazy, Suspense, useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { formatPercent, plural } from '../../../src-shared/format';
import { toIsoDate } from '../../../src-shared/domain/time';
import type { PartnerDetail } from '../../../src-shared/methods/partners';
import { useQuery } from '../../api/hooks';
import { ApiCallError } from '../../api/client';
import { usePageCrumbs } from '../../app/crumbs';
import { href, type Params } from '../../app/router';
import { Icon } from '../../components/Icon';
import { Chip, EmptyState, ErrorBanner, Kpi, Loading, Panel, StatusChip, TierChip, type Tone } from '../../components/ui';
import { daysFrom, formatCount, formatDate, humanize } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { PartnerPlans } from '../plans/PartnerPlans';
import { PartnerActions } from '../actions/PartnerActions';
import { PartnerLinks } from './PartnerLinks';
import { ForecastPanel } from './ForecastPanel';
import { RopiPanel } from './RopiPanel';
import { VoicePanel } from '../voice/VoicePanel';

const ActivityChart = lazy(() => import('./ActivityChart'));

const STALLED_DAYS = 45;
const CERT_EXPIRING_DAYS = 60;
const REG_EXPIRING_DAYS = 14;
const ACTIVE_CONTACT_DAYS = 30;

const STAGE_TONES: Record<string, Tone> = {
  prospecting: 'neutral',
  qualification: 'blue',
  proposal: 'violet',
  negotiation: 'amber',
  closed_won: 'green',
  closed_lost: 'red',
};
const REG_TONES: Record<string, Tone> = {
  submitted: 'blue',
  approved: 'green',
  rejected: 'red',
  expired: 'neutral',
  converted: 'violet',
};

const isOpen = (stage: string) => stage !== 'closed_won' && stage !== 'closed_lost';

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
  const m = useMemo(() => {
    const open = d.opportunities.filter((o) => isOpen(o.stage));
    const stalled = open.filter((o) => daysFrom(o.last_activity_at, today) > STALLED_DAYS);
    const validCerts = d.certifications.filter((c) => c.expires_at >= today);
    const certified = new Set(validCerts.map((c) => c.contact_id));
    const expiring = validCerts.filter((c) => daysFrom(today, c.expires_at) <= CERT_EXPIRING_DAYS);
    const active = d.contacts.filter((c) => c.last_login_at && daysFrom(c.last_login_at, today) <= ACTIVE_CONTACT_DAYS);
    const pendingRegs = d.deal_registrations.filter((r) => r.status === 'submitted');
    const conflicts = d.deal_registrations.filter((r) => r.matched_opportunity_id && r.status !== 'rejected' && r.status !== 'expired');
    return {
      pipeline: open.reduce((s, o) => s + o.amount, 0),
      open,
      stalled,
      certified,
      expiring,
      active,
      pendingRegs,
      conflicts,
    };
  }, [d, today]);

  const revenueShare = d.tier.revenue_target > 0 ? d.revenue_t4q / d.tier.revenue_target : null;
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
          <PartnerLinks partnerId={p.id} />
        </div>
        <dl className="facts">
          <Fact label="Id">{p.id}</Fact>
          <Fact label="Type">{humanize(p.type)}</Fact>
          <Fact label="Region">
            {p.region} · {p.country}
          </Fact>
          <Fact label="Owner">{d.owner?.name ?? '—'}</Fact>
          <Fact label="Agreement signed">{formatDate(p.agreement_signed_at)}</Fact>
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
          testId="kpi-pipeline"
        />
        <Kpi
          label="Contacts"
          value={formatCount(d.contacts.length)}
          sub={`${formatCount(m.active.length)} active in the last ${ACTIVE_CONTACT_DAYS} days`}
          testId="kpi-contacts"
        />
        <Kpi
          label="Certified people"
          value={formatCount(m.certified.size)}
          sub={
            <>
              <span className={m.certified.size < d.tier.min_certified ? 'warn-text' : undefined}>
                {d.tier.name} needs {d.tier.min_certified}
              </span>
              {m.expiring.length ? <span className="warn-text"> · {m.expiring.length} expiring soon</span> : null}
            </>
          }
          testId="kpi-certified"
        />
        <Kpi
          label="Deal registrations"
          value={formatCount(d.deal_registrations.length)}
          sub={
            <>
              {m.pendingRegs.length} pending
              {m.conflicts.length ? <span className="danger-text"> · {m.conflicts.length} conflicts</span> : null}
            </>
          }
          testId="kpi-dealregs"
        />
      </div>

      <PartnerActions partnerId={p.id} />

      <div className="partner-intel">
        <ForecastPanel partnerId={p.id} />
        <RopiPanel partnerId={p.id} />
      </div>

      <VoicePanel partnerId={p.id} />

      <div className="partner-grid">
        <Panel title="Activity by month" className="panel-chart">
          {d.activity_by_month.some((m) => m.count > 0) ? (
            <Suspense fallback={<div className="chart" />}>
              <ActivityChart data={d.activity_by_month} />
            </Suspense>
          ) : (
            <EmptyState compact title="No recorded activity" />
          )}
        </Panel>
        <Panel title="Recent activity" className="panel-activity">
          <RecentActivity d={d} />
        </Panel>
      </div>

      <PartnerPlans partnerId={p.id} />

      <Tabs
        tabs={[
          { id: 'contacts', label: 'Contacts', count: d.contacts.length, render: () => <Contacts d={d} today={today} /> },
          {
            id: 'opportunities',
            label: 'Opportunities',
            count: d.opportunities.length,
            render: () => <Opportunities d={d} today={today} />,
          },
          {
            id: 'dealregs',
            label: 'Deal registrations',
            count: d.deal_registrations.length,
            render: () => <DealRegs d={d} today={today} />,
          },
          {
            id: 'certifications',
            label: 'Certifications',
            count: d.certifications.length,
            render: () => <Certifications d={d} today={today} />,
          },
        ]}
      />
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

// ---------------------------------------------------------------------------------------

interface TabDef {
  id: string;
  label: string;
  count: number;
  render: () => ReactNode;
}

/** Remembers the open tab across partners (module state, like a user preference). */
const tabMemory = { last: 'contacts' };

function Tabs({ tabs }: { tabs: TabDef[] }) {
  const [active, setActive] = useState(() => (tabs.some((t) => t.id === tabMemory.last) ? tabMemory.last : tabs[0]!.id));
  useEffect(() => {
    tabMemory.last = active;
  }, [active]);
  const select = setActive;
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((t) => t.id === active);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    if (next < 0) return;
    e.preventDefault();
    select(tabs[next]!.id);
    document.getElementById(`tab-${tabs[next]!.id}`)?.focus();
  };
  const current = tabs.find((t) => t.id === active) ?? tabs[0]!;
  return (
    <section className="tabs-wrap">
      <div className="tabs" role="tablist" aria-label="Partner details" onKeyDown={onKey}>
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={t.id === active}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={t.id === active ? 0 : -1}
            className={`tab${t.id === active ? ' is-active' : ''}`}
            onClick={() => select(t.id)}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
            <span className="tab-count num">{formatCount(t.count)}</span>
          </button>
        ))}
      </div>
      <div className="tabpanel" role="tabpanel" id={`tabpanel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
        {current.render()}
      </div>
    </section>
  );
}

// ---------------------------------------------------------------------------------------

function Contacts({ d, today }: { d: PartnerDetail; today: string }) {
  const certsByContact = useMemo(() => {
    const map = new Map<string, number>();
    for (const c of d.certifications) if (c.expires_at >= today) map.set(c.contact_id, (map.get(c.contact_id) ?? 0) + 1);
    return map;
  }, [d, today]);
  if (!d.contacts.length) return <EmptyState compact title="No contacts recorded for this partner" />;
  const rows = [...d.contacts].sort((a, b) => (b.last_login_at ?? '').localeCompare(a.last_login_at ?? ''));
  return (
    <table className="dtable" data-testid="contacts-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Role</th>
          <th>Email</th>
          <th className="num">Certifications</th>
          <th>Last portal login</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => {
          const days = c.last_login_at ? daysFrom(c.last_login_at, today) : null;
          return (
            <tr key={c.id} data-testid="contact-row">
              <td className="strong">{c.name}</td>
              <td>{c.role}</td>
              <td className="selectable">{c.email}</td>
              <td className="num">{certsByContact.get(c.id) ?? '—'}</td>
              <td>
                {c.last_login_at ? formatDate(c.last_login_at) : <span className="muted">Never</span>}
                {days != null && days > 90 ? <span className="muted"> · {days} days ago</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Opportunities({ d, today }: { d: PartnerDetail; today: string }) {
  const money = useMoney();
  if (!d.opportunities.length) return <EmptyState compact title="No opportunities for this partner" />;
  const rows = [...d.opportunities].sort((a, b) => {
    const ao = isOpen(a.stage);
    const bo = isOpen(b.stage);
    if (ao !== bo) return ao ? -1 : 1;
    return ao ? a.close_date.localeCompare(b.close_date) : b.close_date.localeCompare(a.close_date);
  });
  return (
    <table className="dtable" data-testid="opportunities-table">
      <thead>
        <tr>
          <th>Customer</th>
          <th>Stage</th>
          <th>Partner role</th>
          <th className="num">Amount</th>
          <th>Close date</th>
          <th>Last activity</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => {
          const open = isOpen(o.stage);
          const idle = daysFrom(o.last_activity_at, today);
          const stalled = open && idle > STALLED_DAYS;
          const overdue = open && o.close_date < today;
          return (
            <tr key={o.id} data-testid="opportunity-row" className={open ? undefined : 'is-closed'}>
              <td className="strong">
                {o.customer}
                <span className="cell-id">{o.id}</span>
              </td>
              <td>
                <Chip tone={STAGE_TONES[o.stage] ?? 'neutral'}>{humanize(o.stage)}</Chip>
              </td>
              <td>{humanize(o.partner_role)}</td>
              <td className="num">{money.full(o.amount, o.currency)}</td>
              <td className={overdue ? 'warn-text' : undefined} title={overdue ? 'Close date has passed' : undefined}>
                {formatDate(o.close_date)}
              </td>
              <td>
                {formatDate(o.last_activity_at)}
                {stalled ? (
                  <span className="marker marker-warn" title={`No activity for ${idle} days`} data-testid="stalled-marker">
                    Stalled {idle}d
                  </span>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function DealRegs({ d, today }: { d: PartnerDetail; today: string }) {
  const money = useMoney();
  if (!d.deal_registrations.length) return <EmptyState compact title="No deal registrations for this partner" />;
  const rows = [...d.deal_registrations].sort((a, b) => b.submitted_at.localeCompare(a.submitted_at));
  return (
    <table className="dtable" data-testid="dealregs-table">
      <thead>
        <tr>
          <th>Customer</th>
          <th>Status</th>
          <th className="num">Amount</th>
          <th>Submitted</th>
          <th>Decided</th>
          <th>Expires</th>
          <th>Channel conflict</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const live = r.status === 'submitted' || r.status === 'approved';
          const left = daysFrom(today, r.expires_at);
          const expiring = live && left >= 0 && left <= REG_EXPIRING_DAYS;
          return (
            <tr key={r.id} data-testid="dealreg-row">
              <td className="strong">
                {r.customer}
                <span className="cell-id">{r.id}</span>
              </td>
              <td>
                <Chip tone={REG_TONES[r.status] ?? 'neutral'}>{humanize(r.status)}</Chip>
              </td>
              <td className="num">{money.full(r.amount, r.currency)}</td>
              <td>{formatDate(r.submitted_at)}</td>
              <td>{r.decided_at ? formatDate(r.decided_at) : <span className="muted">Pending</span>}</td>
              <td className={expiring ? 'warn-text' : undefined}>
                {formatDate(r.expires_at)}
                {expiring ? <span className="muted"> · in {left}d</span> : null}
              </td>
              <td>
                {r.matched_opportunity_id ? (
                  <span className="marker marker-danger" title={`Matches direct opportunity ${r.matched_opportunity_id}`} data-testid="conflict-marker">
                    Conflict · {r.matched_opportunity_id}
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Certifications({ d, today }: { d: PartnerDetail; today: string }) {
  const names = useMemo(() => new Map(d.contacts.map((c) => [c.id, c.name])), [d]);
  if (!d.certifications.length) return <EmptyState compact title="No certifications at this partner yet" />;
  const rows = [...d.certifications].sort((a, b) => a.expires_at.localeCompare(b.expires_at));
  return (
    <table className="dtable" data-testid="certifications-table">
      <thead>
        <tr>
          <th>Certification</th>
          <th>Person</th>
          <th>Earned</th>
          <th>Expires</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => {
          const left = daysFrom(today, c.expires_at);
          const expired = left < 0;
          const soon = !expired && left <= CERT_EXPIRING_DAYS;
          return (
            <tr key={c.id} data-testid="cert-row" className={expired ? 'is-closed' : soon ? 'is-warn' : undefined}>
              <td className="strong">{c.name}</td>
              <td>{names.get(c.contact_id) ?? c.contact_id}</td>
              <td>{formatDate(c.earned_at)}</td>
              <td>
                {formatDate(c.expires_at)}
                {soon ? (
                  <span className="marker marker-warn" data-testid="cert-expiring">
                    Expires in {left}d
                  </span>
                ) : null}
                {expired ? <span className="muted"> · expired</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const KIND_LABELS: Record<string, string> = {
  portal_login: 'logged in to the portal',
  content_download: 'downloaded content',
  training_started: 'started a training',
  training_completed: 'completed a training',
  webinar: 'attended a webinar',
};

function RecentActivity({ d }: { d: PartnerDetail }) {
  if (!d.recent_activity.length) return <EmptyState compact title="No recent activity" />;
  return (
    <ol className="activity-list" data-testid="recent-activity">
      {d.recent_activity.slice(0, 30).map((e) => (
        <li key={e.id} className="activity-item">
          <span className={`activity-dot kind-${e.kind}`} aria-hidden="true" />
          <span className="activity-text">
            <span className="strong">{e.contact_name ?? 'Someone'}</span> {KIND_LABELS[e.kind] ?? humanize(e.kind)}
            {e.detail ? <span className="muted"> · {e.detail}</span> : null}
          </span>
          <time className="activity-time num" dateTime={e.occurred_at}>
            {formatDate(e.occurred_at)}
          </time>
        </li>
      ))}
    </ol>
  );
}

export default PartnerPage;
