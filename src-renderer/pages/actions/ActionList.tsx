/**
 * A worked-through list of actions: grouped (today / this week / later) or flat, one
 * selected row, evidence expanded inline, commands by mouse or keyboard
 * (j/k move, Enter evidence, e done, s snooze, x or d dismiss, u undo).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ActionItem, ActionList as ActionListResult } from '../../../src-shared/methods/actions';
import { href } from '../../app/router';
import { ActionRow } from './ActionRow';
import { DismissDialog, SnoozeDialog } from './dialogs';
import { formatCount } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { BUCKETS } from './model';
import { useActionCommands } from './useActionCommands';

const PAGE = 100;

function moreLabel(remaining: number): string {
  return remaining > PAGE ? `Show ${PAGE} more of ${remaining}` : `Show ${remaining} more`;
}

function isTyping(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) || !!el.closest('[role="dialog"]');
}

/** Whether the action at `index` is one of a partner's several in a row (Today groups them under a heading). */
function inPartnerGroup(items: ActionItem[], index: number): boolean {
  const id = items[index]!.partnerId;
  return items[index - 1]?.partnerId === id || items[index + 1]?.partnerId === id;
}

/** In Today, a partner with several actions gets a heading over them (they arrive grouped). */
function PartnerHead({ show, items, index, children }: { show: boolean; items: ActionItem[]; index: number; children: ReactNode }) {
  const a = items[index]!;
  if (!show || items[index - 1]?.partnerId === a.partnerId) return <>{children}</>;
  let n = 1;
  while (items[index + n]?.partnerId === a.partnerId) n++;
  if (n < 2) return <>{children}</>;
  return (
    <>
      <li className="act-partner-head" role="presentation" data-testid="today-partner-head">
        <a href={href(`/partners/${encodeURIComponent(a.partnerId)}`)}>{a.partnerName}</a>
        <span className="muted"> · {n} actions</span>
      </li>
      {children}
    </>
  );
}

export function ActionList({
  actions,
  asOf,
  grouped = true,
  keyboard = false,
  showPartner = true,
  canInitiative = true,
  pageSize = PAGE,
  buckets,
  capacity,
  onMore,
}: {
  actions: ActionItem[];
  asOf: string;
  grouped?: boolean;
  keyboard?: boolean;
  showPartner?: boolean;
  canInitiative?: boolean;
  /** Rows shown per group before "Show more". */
  pageSize?: number;
  /** Server-side totals per bucket when the server pages the list; `onMore` asks it for more. */
  buckets?: ActionListResult['buckets'];
  /** Today's capacity, shown beside its count. */
  capacity?: number;
  onMore?: () => void;
}) {
  const money = useMoney();
  const cmd = useActionCommands();
  const [limits, setLimits] = useState<Record<string, number>>({});
  const groups = useMemo(
    () =>
      grouped
        ? BUCKETS.map((b) => {
            const all = actions.filter((a) => a.bucket === b.id);
            const items = buckets ? all : all.slice(0, limits[b.id] ?? pageSize);
            const total = buckets ? buckets[b.id] : { count: all.length, impact: all.reduce((sum, a) => sum + a.impact, 0) };
            return { ...b, all, items, total };
          })
        : [{ id: 'all', label: '', all: actions, items: actions.slice(0, limits.all ?? pageSize), total: { count: actions.length, impact: 0 } }],
    [actions, grouped, limits, pageSize, buckets],
  );
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups]);

  // The selection remembers its position, so after "done" the next row is selected.
  const [sel, setSel] = useState<{ key: string | null; index: number }>({ key: null, index: 0 });
  let index = sel.key ? flat.findIndex((a) => a.key === sel.key) : -1;
  if (index < 0 && flat.length > 0 && keyboard) index = Math.min(sel.index, flat.length - 1);
  const selected = index >= 0 ? flat[index] : undefined;
  const setSelKey = useCallback((key: string) => setSel({ key, index: Math.max(0, flat.findIndex((a) => a.key === key)) }), [flat]);

  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const toggle = useCallback((key: string) => {
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(key)) n.delete(key);
      else n.add(key);
      return n;
    });
  }, []);
  const [snoozeFor, setSnoozeFor] = useState<ActionItem | null>(null);
  const [dismissFor, setDismissFor] = useState<ActionItem | null>(null);

  const rowRefs = useRef(new Map<string, HTMLLIElement>());
  const select = useCallback(
    (a: ActionItem | undefined) => {
      if (!a) return;
      setSelKey(a.key);
      rowRefs.current.get(a.key)?.scrollIntoView({ block: 'nearest' });
    },
    [setSelKey],
  );

  const { done, snooze, dismiss, reopen, toInitiative, notice, setNotice, busy } = cmd;
  useEffect(() => {
    if (!keyboard) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (snoozeFor || dismissFor) return;
      const k = e.key;
      if (k === 'j' || k === 'ArrowDown') select(flat[Math.min(flat.length - 1, index + 1)]);
      else if (k === 'k' || k === 'ArrowUp') select(flat[Math.max(0, index - 1)]);
      else if (k === 'Enter' && selected) toggle(selected.key);
      else if (k === 'e' && selected) void done(selected);
      else if (k === 's' && selected) setSnoozeFor(selected);
      else if ((k === 'x' || k === 'd') && selected) setDismissFor(selected);
      else if (k === 'u' && notice?.undoKey) void reopen(notice.undoKey);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keyboard, flat, index, selected, snoozeFor, dismissFor, notice, select, toggle, done, reopen]);

  return (
    <>
      <div className="act-groups" role="listbox" aria-label="Actions" aria-activedescendant={undefined}>
        {groups.map((g) =>
          g.total.count === 0 && grouped ? null : (
            <section key={g.id} className="act-group" data-testid={`group-${g.id}`}>
              {grouped ? (
                <header className="act-group-head">
                  <h2>{g.label}</h2>
                  <span className="count" data-testid={`group-count-${g.id}`}>
                    {formatCount(g.total.count)}
                    {g.id === 'today' && capacity ? <span className="act-cap"> of {formatCount(capacity)} a day</span> : null}
                  </span>
                  <span className="muted num">{money.short(g.total.impact, g.all[0]?.currency ?? 'USD')} at stake</span>
                </header>
              ) : null}
              <ul className="act-list">
                {g.items.map((a, i) => (
                  <PartnerHead key={a.key} show={g.id === 'today'} items={g.items} index={i}>
                  <ActionRow
                    key={a.key}
                    ref={(el) => {
                      if (el) rowRefs.current.set(a.key, el);
                      else rowRefs.current.delete(a.key);
                    }}
                    a={a}
                    asOf={asOf}
                    selected={keyboard && selected?.key === a.key}
                    expanded={open.has(a.key)}
                    showPartner={showPartner}
                    underPartnerHead={g.id === 'today' && inPartnerGroup(g.items, i)}
                    busy={busy}
                    onSelect={() => setSelKey(a.key)}
                    onToggle={() => {
                      setSelKey(a.key);
                      toggle(a.key);
                    }}
                    onDone={() => void done(a)}
                    onSnooze={() => setSnoozeFor(a)}
                    onDismiss={() => setDismissFor(a)}
                    onReopen={() => void reopen(a.key)}
                    onInitiative={canInitiative ? () => void toInitiative(a) : undefined}
                  />
                  </PartnerHead>
                ))}
              </ul>
              {g.total.count > g.items.length ? (
                <button
                  type="button"
                  className="btn btn-small btn-ghost act-more"
                  onClick={() => (onMore ? onMore() : setLimits((l) => ({ ...l, [g.id]: (l[g.id] ?? pageSize) + PAGE })))}
                  data-testid="action-more"
                >
                  {moreLabel(g.total.count - g.items.length)}
                </button>
              ) : null}
            </section>
          ),
        )}
      </div>
      {notice ? (
        <div className={`act-notice${notice.error ? ' is-error' : ''}`} role="status" data-testid="action-notice">
          <span className="act-notice-text">{notice.text}</span>
          {notice.link ? <a href={href(notice.link.path)}>{notice.link.label}</a> : null}
          {notice.undoKey ? (
            <button type="button" className="btn btn-small" onClick={() => void reopen(notice.undoKey!)}>
              Undo{keyboard ? ' (u)' : ''}
            </button>
          ) : null}
          <button type="button" className="icon-btn" aria-label="Close" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      ) : null}
      <SnoozeDialog
        key={snoozeFor?.key ?? 'none'}
        action={snoozeFor}
        asOf={asOf}
        onClose={() => setSnoozeFor(null)}
        onSnooze={(a, until) => {
          setSnoozeFor(null);
          void snooze(a, until);
        }}
      />
      <DismissDialog
        key={`d-${dismissFor?.key ?? 'none'}`}
        action={dismissFor}
        onClose={() => setDismissFor(null)}
        onDismiss={(a, reason) => {
          setDismissFor(null);
          void dismiss(a, reason);
        }}
      />
    </>
  );
}
