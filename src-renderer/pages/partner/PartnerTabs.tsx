/**
 * The partner page's tabs: contacts, opportunities, deal registrations and certifications,
 * the open one remembered across partners.
 */
import { useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { PartnerDetail } from '../../../src-shared/methods/partners';
import { Chip, EmptyState } from '../../components/ui';
import { daysFrom, formatCount, formatDate, humanize } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { isOpen, REG_TONES, STAGE_TONES } from './thresholds';

/** The four tabs of one partner's records. */
export function PartnerTabs({ d, today }: { d: PartnerDetail; today: string }) {
  return (
    <Tabs
      tabs={[
        { id: 'contacts', label: 'Contacts', count: d.contacts.length, render: () => <Contacts d={d} today={today} /> },
        { id: 'opportunities', label: 'Opportunities', count: d.opportunities.length, render: () => <Opportunities d={d} today={today} /> },
        { id: 'dealregs', label: 'Deal registrations', count: d.deal_registrations.length, render: () => <DealRegs d={d} today={today} /> },
        { id: 'certifications', label: 'Certifications', count: d.certifications.length, render: () => <Certifications d={d} today={today} /> },
      ]}
    />
  );
}

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
          // As the Actions list's stalled rule counts it (Settings › Actions).
          const stalled = open && idle >= d.thresholds.stalledDays;
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
          const expiring = live && left >= 0 && left <= d.thresholds.regExpiringDays;
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
          const soon = !expired && left <= d.thresholds.certExpiringDays;
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
