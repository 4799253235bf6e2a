/**
 * A partner picker for books of any size: a searchable combobox (WAI-ARIA combobox with a
 * listbox popup) instead of a native dropdown of a thousand names. Typing searches names
 * and ids the way quick search does (typos, any word order); ↑/↓ move, Enter picks,
 * Escape closes the list (and only the list, inside a dialog).
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PartnerRow } from '../../src-shared/methods/partners';
import { partnerIndex } from '../lib/partner-search';
import { humanize } from '../lib/format';
import './partner-picker.css';

const SHOWN = 50;

export interface PartnerPickerProps {
  partners: readonly PartnerRow[];
  /** The chosen partner's id, or '' for none. */
  value: string;
  onChange: (id: string) => void;
  /** Accessible name when no visible <label> wraps the picker. */
  ariaLabel?: string;
  placeholder?: string;
  testId?: string;
  disabled?: boolean;
  /** Extra words after the name in the list (e.g. "(churned)"). */
  note?: (row: PartnerRow) => string | null;
}

export function PartnerPicker({ partners, value, onChange, ariaLabel, placeholder, testId, disabled, note }: PartnerPickerProps) {
  const listId = useId();
  const sorted = useMemo(() => [...partners].sort((a, b) => a.name.localeCompare(b.name)), [partners]);
  const index = useMemo(() => partnerIndex(sorted), [sorted]);
  const chosen = useMemo(() => partners.find((p) => p.id === value) ?? null, [partners, value]);
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  const q = query ?? '';
  const results = useMemo(() => (q.trim() ? index.search(q, SHOWN) : sorted.slice(0, SHOWN)), [index, sorted, q]);
  const current = Math.min(active, Math.max(results.length - 1, 0));
  const more = q.trim() ? 0 : Math.max(sorted.length - SHOWN, 0);

  const pick = (row: PartnerRow | undefined) => {
    if (!row) return;
    onChange(row.id);
    setQuery(null);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive(Math.min(current + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(current - 1, 0));
    } else if (e.key === 'Enter') {
      if (open && results.length) {
        e.preventDefault();
        pick(results[current]);
      }
    }
  };

  // Escape while the list is open or a search is typed closes the list, not the dialog
  // around it. Dialogs listen for Escape on the document in the capture phase, so this
  // listens on the window, which comes first.
  const input = useRef<HTMLInputElement>(null);
  const searching = open || query !== null;
  useEffect(() => {
    if (!searching) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || e.target !== input.current) return;
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setQuery(null);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [searching]);

  return (
    <div className="partner-picker" data-testid={testId}>
      <input
        ref={input}
        className="input partner-picker-input"
        role="combobox"
        aria-label={ariaLabel}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && results[current] ? `${listId}-${results[current].id}` : undefined}
        placeholder={placeholder ?? `Search ${sorted.length.toLocaleString('en-US')} partners by name or id…`}
        value={query ?? chosen?.name ?? ''}
        disabled={disabled}
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => setOpen(true)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onBlur={() => {
          setOpen(false);
          setQuery(null);
        }}
        onKeyDown={onKeyDown}
        data-testid={testId ? `${testId}-input` : undefined}
      />
      {open ? (
        <ul className="partner-picker-list" id={listId} role="listbox" aria-label="Partners">
          {results.map((r, i) => (
            <li
              key={r.id}
              id={`${listId}-${r.id}`}
              role="option"
              aria-selected={i === current}
              className={`partner-picker-item${i === current ? ' is-active' : ''}${r.id === value ? ' is-chosen' : ''}`}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(r);
              }}
              onMouseMove={() => i !== current && setActive(i)}
              data-testid={testId ? `${testId}-option` : undefined}
            >
              <span className="partner-picker-name">{r.name}</span>
              <span className="partner-picker-meta">
                {r.tier_name} · {humanize(r.type)} · {r.region}
                {note?.(r) ? ` · ${note(r)}` : ''}
              </span>
            </li>
          ))}
          {!results.length ? <li className="partner-picker-empty">No partner matches “{q.trim()}”.</li> : null}
          {more ? <li className="partner-picker-empty">and {more.toLocaleString('en-US')} more — type to search</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
