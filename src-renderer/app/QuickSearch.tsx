/** Ctrl/Cmd+K: find a partner by name or id (typos and any word order welcome) and open it. */
import * as Dialog from '@radix-ui/react-dialog';
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { PartnerRow } from '../../src-shared/methods/partners';
import { useQuery } from '../api/hooks';
import { Icon } from '../components/Icon';
import { StatusChip, TierChip } from '../components/ui';
import { humanize } from '../lib/format';
import { partnerIndex } from '../lib/partner-search';
import { navigate } from './router';

const MAX_RESULTS = 40;

export function QuickSearch({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog quick-search" aria-describedby={undefined} data-testid="quick-search">
          <Dialog.Title className="sr-only">Find a partner</Dialog.Title>
          {open ? <SearchBody onDone={() => onOpenChange(false)} /> : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function SearchBody({ onDone }: { onDone: () => void }) {
  // Finds any partner in the book, not only my book's.
  const { data, loading } = useQuery('partners.list', { scope: 'all' }, { refreshOn: ['partner'] });
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const index = useMemo(() => partnerIndex(data ?? []), [data]);
  const results = useMemo(() => index.search(q, MAX_RESULTS), [index, q]);
  const current = Math.min(active, Math.max(results.length - 1, 0));

  const open = (r: PartnerRow | undefined) => {
    if (!r) return;
    onDone();
    navigate(`/partners/${encodeURIComponent(r.id)}`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(Math.min(current + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(current - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(results[current]);
    }
  };

  return (
    <>
      <div className="qs-input-row">
        <Icon name="search" size={17} />
        <input
          className="qs-input"
          autoFocus
          placeholder="Find a partner by name or id…"
          maxLength={200}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls="qs-results"
          aria-activedescendant={results[current] ? `qs-${results[current].id}` : undefined}
          data-testid="quick-search-input"
        />
        <kbd>Esc</kbd>
      </div>
      <ul className="qs-results" id="qs-results" role="listbox" aria-label="Partners">
        {results.map((r, i) => (
          <li
            key={r.id}
            id={`qs-${r.id}`}
            role="option"
            aria-selected={i === current}
            className={`qs-item${i === current ? ' is-active' : ''}`}
            onMouseMove={() => i !== current && setActive(i)}
            onClick={() => open(r)}
            data-testid="quick-search-result"
          >
            <span className="qs-name">{r.name}</span>
            <span className="qs-meta">
              {humanize(r.type)} · {r.region} · {r.owner_name}
            </span>
            <TierChip name={r.tier_name} rank={r.tier_rank} />
            <StatusChip status={r.status} />
          </li>
        ))}
      </ul>
      {q.trim() && results.length === 0 ? (
        <div className="qs-empty">{loading && !data ? 'Loading your partners…' : `No partner matches “${shortQuery(q.trim())}”.`}</div>
      ) : null}
      {!q.trim() ? (
        <div className="qs-empty">
          Type a name or an id. <kbd>↑</kbd> <kbd>↓</kbd> to move, <kbd>Enter</kbd> to open.
        </div>
      ) : null}
    </>
  );
}

/** A typed query as the "no match" line quotes it: at most 60 characters, so a pasted paragraph does not fill the box. */
function shortQuery(q: string): string {
  const chars = [...q];
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : q;
}
