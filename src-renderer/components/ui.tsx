/** Small presentational pieces shared by every page. Styling lives in styles/app.css. */
import type { ReactNode } from 'react';
import { ApiCallError, describeError } from '../api/client';
import { humanize } from '../lib/format';
import { Icon, type IconName } from './Icon';

export type Tone = 'neutral' | 'blue' | 'green' | 'amber' | 'red' | 'violet' | 'gold' | 'silver' | 'platinum' | 'bronze';

export function Chip({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`chip chip-${tone}`} title={title}>
      {children}
    </span>
  );
}

/** Tier colours follow the rank, so any program's tier names work. */
export function tierTone(rank: number, name = ''): Tone {
  const n = name.toLowerCase();
  if (n.includes('platinum') || n.includes('diamond')) return 'platinum';
  if (n.includes('gold')) return 'gold';
  if (n.includes('silver')) return 'silver';
  if (n.includes('bronze')) return 'bronze';
  return (['neutral', 'bronze', 'silver', 'gold', 'platinum'] as const)[Math.min(Math.max(rank - 1, 0), 4)]!;
}

export function TierChip({ name, rank }: { name: string; rank: number }) {
  return <Chip tone={tierTone(rank, name)}>{name}</Chip>;
}

const STATUS_TONES: Record<string, Tone> = {
  active: 'green',
  onboarding: 'blue',
  at_risk: 'amber',
  churned: 'neutral',
};

/** The partner's status as the PRM keeps it — named as such, never to be read as the health band. */
export function StatusChip({ status }: { status: string }) {
  return (
    <span className="status-chip" title="The partner's status in the PRM (not its health band)" data-testid="prm-status">
      <Chip tone={STATUS_TONES[status] ?? 'neutral'}>
        <span className="chip-dot" aria-hidden="true" />
        PRM status: {humanize(status).toLowerCase()}
      </Chip>
    </span>
  );
}

export function EmptyState({
  icon = 'inbox',
  title,
  children,
  compact,
}: {
  icon?: IconName;
  title: string;
  children?: ReactNode;
  compact?: boolean;
}) {
  return (
    <div className={compact ? 'empty empty-compact' : 'empty'}>
      <div className="empty-icon">
        <Icon name={icon} size={compact ? 18 : 22} />
      </div>
      <div className="empty-title">{title}</div>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  );
}

export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  // A refusal of the request itself (bad input, nothing by that id) reads the same on a retry: no "Try again".
  const retryable = !(error instanceof ApiCallError && (error.code === 'invalid_input' || error.code === 'not_found'));
  return (
    <div className="banner banner-error" role="alert">
      <Icon name="alert" />
      <span>{describeError(error)}</span>
      {onRetry && retryable ? (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/**
 * What a chart's box shows while its code (the charts chunk, loaded on first use) arrives:
 * the box at the chart's size with a loading line, not an empty panel.
 */
export function ChartLoading({ className }: { className: string }) {
  return (
    <div className={`${className} chart-loading`} data-testid="chart-loading">
      <Loading label="Drawing the chart…" />
    </div>
  );
}

/** `noData`: the figure is not in the book (its source does not hold it), said instead of the value: "no data" and why, never a 0 that reads as a fact. */
export function Kpi({ label, value, sub, noData, testId }: { label: string; value: ReactNode; sub?: ReactNode; noData?: string | null; testId?: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value num">{noData ? <span className="hl-nodata">no data</span> : value}</div>
      {noData ? <div className="kpi-sub">{noData}</div> : sub ? <div className="kpi-sub">{sub}</div> : null}
    </div>
  );
}

export function Panel({
  title,
  actions,
  children,
  className,
  testId,
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      {title || actions ? (
        <header className="panel-head">
          {title ? <h2 className="panel-title">{title}</h2> : <span />}
          {actions}
        </header>
      ) : null}
      {children}
    </section>
  );
}
