/**
 * "Plan my week": Today's list, then the next working days filled from This week and the
 * Backlog by due date and priority (the main process plans it: actions.week), each day at
 * most the capacity; what does not fit is counted after the week. Plus the capacity control.
 */
import { useState } from 'react';
import { TODAY_CAPACITY_MAX, type WeekPlan } from '../../../src-shared/methods/actions';
import type { BookScope } from '../../../src-shared/methods/identity';
import { describeError, invoke } from '../../api/client';
import { invalidate, useQuery } from '../../api/hooks';
import { href } from '../../app/router';
import { EmptyState, ErrorBanner, Loading } from '../../components/ui';
import { formatCount, formatDate } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { parseDate } from '../../../src-shared/domain/time';
import { dueText, REFRESH_ON } from './model';

const WEEKDAY = new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'UTC' });
const CHOICES = [3, 5, 8, 10, 12, 15, 20, 25, 30, 40, TODAY_CAPACITY_MAX];

function refreshLists(): void {
  invalidate('actions.list');
  invalidate('actions.summary');
  invalidate('actions.week');
  invalidate('actions.settings');
}

/** "Today holds [12] actions": the capacity, saved in the workspace's action settings. */
export function CapacityControl({ capacity }: { capacity: number }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choices = CHOICES.includes(capacity) ? CHOICES : [...CHOICES, capacity].sort((a, b) => a - b);
  const change = async (n: number) => {
    setBusy(true);
    setError(null);
    try {
      await invoke('actions.updateSettings', { todayCapacity: n });
      refreshLists();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <label className="act-capacity" title="How many actions Today holds; the rest wait in This week and the Backlog">
      Today holds
      <select className="select" value={capacity} disabled={busy} onChange={(e) => void change(Number(e.target.value))} data-testid="today-capacity">
        {choices.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      actions
      {error ? <span className="danger-text"> {error}</span> : null}
    </label>
  );
}

export function WeekView({ scope }: { scope: BookScope }) {
  const { data, error, refetch } = useQuery('actions.week', { scope }, { refreshOn: REFRESH_ON });
  if (error && !data) return <ErrorBanner error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Planning the week…" />;
  return <WeekDays plan={data} />;
}

function WeekDays({ plan }: { plan: WeekPlan }) {
  const money = useMoney();
  const total = plan.days.reduce((n, d) => n + d.actions.length, 0);
  if (total === 0) return <EmptyState icon="check" title="Nothing to plan this week: no open action" />;
  return (
    <div className="act-week" data-testid="week-plan">
      {plan.days.map((d, i) => (
        <section key={d.date} className="act-day" data-testid="week-day" data-date={d.date}>
          <header className="act-day-head">
            <h2>{i === 0 ? 'Today' : WEEKDAY.format(parseDate(d.date))}</h2>
            <span className="muted">{formatDate(d.date)}</span>
            <span className="count" data-testid="week-day-count">
              {formatCount(d.actions.length)} of {formatCount(plan.capacity)}
            </span>
            <span className="muted num">{money.short(d.impact, plan.currency)} at stake</span>
          </header>
          {d.actions.length === 0 ? (
            <p className="muted act-day-empty">Free.</p>
          ) : (
            <ol className="act-day-list">
              {d.actions.map((a) => {
                const due = dueText(plan.asOf, a.dueDate);
                return (
                  <li key={a.key} className="act-day-item" data-testid="week-item">
                    <span className="act-day-rule">{a.ruleLabel}</span>
                    <span className="act-day-text" title={a.suggestion}>
                      {a.suggestion}
                    </span>
                    <a className="act-day-partner" href={href(`/partners/${encodeURIComponent(a.partnerId)}`)} title={a.partnerName}>
                      {a.partnerName}
                    </a>
                    <span className={`act-day-due num${due.overdue ? ' danger-text' : ''}`} title={`Due ${formatDate(a.dueDate)}`}>
                      {due.text}
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      ))}
      <p className="muted act-week-after" data-testid="week-after">
        {plan.after.count
          ? `${formatCount(plan.after.count)} more wait after this week (${money.short(plan.after.impact, plan.currency)} at stake).`
          : 'Everything open fits in this week.'}
      </p>
    </div>
  );
}
