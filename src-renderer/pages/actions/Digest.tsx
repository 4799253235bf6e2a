/** "Since last sync": actions that appeared and those that got resolved between the last two syncs. */
import { useState } from 'react';
import type { DigestEntry } from '../../../src-shared/methods/actions';
import { useQuery } from '../../api/hooks';
import { useBookScope } from '../../api/identity';
import { useWorkspace } from '../../workspaces/session';
import { href } from '../../app/router';
import { formatDateTime } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { REFRESH_ON } from './model';

const SHOWN = 8;

export function Digest() {
  const { scope } = useBookScope();
  const { data } = useQuery('actions.digest', { scope }, { refreshOn: REFRESH_ON, enabled: !!scope });
  const [open, setOpen] = useState(false);
  // An imported book is refreshed by importing its files again, not by a sync.
  const word = useWorkspace()?.source.kind === 'spreadsheet' ? 'import' : 'sync';
  if (!data) return null;
  if (!data.syncedAt) return <div className="act-digest muted" data-testid="action-digest">Not {word === 'import' ? 'imported' : 'synced'} yet — the digest of new and resolved actions starts with the first {word}.</div>;
  if (!data.previousSyncedAt) {
    return (
      <div className="act-digest" data-testid="action-digest">
        <strong>Since last {word}</strong>
        <span className="muted">
          First {word} {formatDateTime(data.syncedAt)} — the next one will show what changed.
        </span>
      </div>
    );
  }
  const quiet = data.added.length === 0 && data.resolved.length === 0;
  const from = formatDateTime(data.previousSyncedAt);
  const to = formatDateTime(data.syncedAt);
  return (
    <div className="act-digest" data-testid="action-digest">
      <strong>Since last {word}</strong>
      {quiet ? (
        <span className="muted">No new or resolved actions since the {word} of {from}.</span>
      ) : (
        // Two syncs in the same minute read as one time, not "07:34 → 07:34".
        <span className="muted">{from === to ? to : `${from} → ${to}`}</span>
      )}
      {quiet ? null : (
        <>
          <span className="digest-new">+{data.added.length} new</span>
          <span className="digest-resolved">{data.resolved.length} resolved</span>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(!open)} aria-expanded={open}>
            {open ? 'Hide' : 'Show'}
          </button>
        </>
      )}
      {open && !quiet ? (
        <div className="digest-lists">
          <DigestList title="New" items={data.added} />
          <DigestList title="Resolved" items={data.resolved} />
        </div>
      ) : null}
    </div>
  );
}

function DigestList({ title, items }: { title: string; items: DigestEntry[] }) {
  const money = useMoney();
  return (
    <div>
      <h3 className="ev-title">
        {title} · {items.length}
      </h3>
      <ul className="digest-list">
        {items.slice(0, SHOWN).map((e) => (
          <li key={e.key}>
            <span className="num muted">{money.short(e.impact, e.currency)}</span>
            <a href={href(`/partners/${encodeURIComponent(e.partnerId)}`)}>{e.partnerName}</a>
            <span className="digest-text" title={e.suggestion}>
              {e.suggestion}
            </span>
          </li>
        ))}
        {items.length > SHOWN ? <li className="muted">and {items.length - SHOWN} more</li> : null}
        {items.length === 0 ? <li className="muted">none</li> : null}
      </ul>
    </div>
  );
}
