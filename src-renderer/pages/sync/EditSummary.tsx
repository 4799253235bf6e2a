/** One local edit, as a CAM reads it: which record, and each field's old → new value. */
import type { OutboxEntry } from '../../../src-shared/methods/sync';
import { plural } from '../../../src-shared/format';
import { formatAgo, formatDateTime } from '../../lib/format';
import { currencyOf, entityLabel, fieldLabel } from './fields';
import { Value } from './values';
import { actionStateWords, shownFields } from './edit-words';
import { useSourceName } from '../../workspaces/session';

/** "Beacon Distribution GmbH · Plan FY2027 · [Plan objective] Sourced ARR": where, what kind, which. */
export function EditHeading({ entry }: { entry: OutboxEntry }) {
  const where = entry.context.join(' · ');
  return (
    <div className="sv-edit-head" data-testid="edit-heading">
      {where ? (
        <span className="sv-context" title={where}>
          {where} ·
        </span>
      ) : null}
      <span className="sv-entity">{entityLabel(entry.entity)}</span>
      <span className="sv-record" title={entry.label}>
        {entry.label}
      </span>
    </div>
  );
}

export function EditMeta({ entry, now }: { entry: OutboxEntry; now: number }) {
  const src = useSourceName();
  return (
    <span className="sv-meta">
      <span title={formatDateTime(entry.created_at)}>queued {formatAgo(entry.created_at, now)}</span>
      {entry.attempts > 0 ? (
        <span title={`Times this edit was sent to ${src.name} without an answer`}>
          {' · '}
          {plural(entry.attempts, 'attempt')}
        </span>
      ) : null}
    </span>
  );
}

/** The changed fields: `Target: 100,000 → 120,000` (a new record's fields come from —). */
export function FieldChanges({ entry }: { entry: OutboxEntry }) {
  // An action's done, snooze or dismissal reads as what the user did, not as its stored fields.
  const action = actionStateWords(entry);
  if (action) {
    return (
      <div className="sv-change" data-testid="edit-change">
        {action}
      </div>
    );
  }
  if (entry.op === 'delete') return <div className="sv-change sv-delete">Delete this record</div>;
  const currency = currencyOf(entry.fields, entry.base);
  const names = shownFields(entry);
  if (names.length === 0) return <div className="sv-change muted">No field changes</div>;
  return (
    <ul className="sv-changes">
      {names.map((f) => (
        <li key={f} className="sv-change" data-testid="edit-change">
          <span className="sv-field-name">{fieldLabel(f)}</span>
          <Value entity={entry.entity} field={f} value={entry.base[f]} currency={currency} record={entry.record} names={entry.refs[f]} />
          <span className="sv-arrow" aria-label="changed to">
            →
          </span>
          <strong>
            <Value entity={entry.entity} field={f} value={entry.fields[f]} currency={currency} record={entry.record} names={entry.refs[f]} />
          </strong>
        </li>
      ))}
    </ul>
  );
}
