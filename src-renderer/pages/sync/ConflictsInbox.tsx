/**
 * The conflicts inbox: for each edit the PRM could not apply because someone changed the
 * same field there, a field-by-field resolver showing the value before (base), the PRM's
 * (theirs) and yours (mine). Keep mine, take theirs, or type a value; Resolve queues a new
 * edit on the PRM's version and the conflict leaves the inbox.
 */
import { useState } from 'react';
import { plural } from '../../../src-shared/format';
import type { ConflictResolution, FieldConflict, OutboxEntry } from '../../../src-shared/methods/sync';
import { describeError, invoke } from '../../api/client';
import { EmptyState } from '../../components/ui';
import { EditHeading, EditMeta } from './EditSummary';
import { currencyOf, fieldKind, fieldLabel } from './fields';
import { DiscardButton } from './PendingEdits';
import { fromDraft, toDraft, Value, ValueInput } from './values';
import { useSourceName } from '../../workspaces/session';

type Choice = 'mine' | 'theirs' | 'value';

export function ConflictsInbox({ entries, now, onChanged }: { entries: OutboxEntry[]; now: number; onChanged: () => void }) {
  const src = useSourceName();
  if (entries.length === 0) {
    return (
      <EmptyState compact icon="check" title="No conflicts">
        When someone changes the same field in {src.name} while you edit it here, both versions are kept and shown here for you to choose.
      </EmptyState>
    );
  }
  return (
    <div className="sv-conflicts" data-testid="conflict-list">
      {entries.map((e) => (
        <ConflictCard key={e.mutation_id} entry={e} now={now} onResolved={onChanged} />
      ))}
    </div>
  );
}

function ConflictCard({ entry, now, onResolved }: { entry: OutboxEntry; now: number; onResolved: () => void }) {
  const src = useSourceName();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const currency = currencyOf(entry.fields, entry.base);

  const parsed = new Map(
    entry.conflicts.map((c) => [
      c.field,
      choices[c.field] === 'value' ? fromDraft(entry.entity, c.field, fieldKind(entry.entity, c.field, c.mine, entry.record), drafts[c.field] ?? '') : null,
    ]),
  );
  const missing = entry.conflicts.filter((c) => !choices[c.field]).length;
  const invalid = [...parsed.values()].some((p) => p && !p.ok);
  const ready = missing === 0 && !invalid && entry.conflicts.length > 0;

  const choose = (c: FieldConflict, choice: Choice) => {
    setChoices((s) => ({ ...s, [c.field]: choice }));
    if (choice === 'value' && drafts[c.field] === undefined) {
      setDrafts((d) => ({ ...d, [c.field]: toDraft(fieldKind(entry.entity, c.field, c.mine, entry.record), c.mine) }));
    }
  };
  const chooseAll = (choice: 'mine' | 'theirs') =>
    setChoices(Object.fromEntries(entry.conflicts.map((c) => [c.field, choice])));

  const resolve = () => {
    const resolutions: ConflictResolution[] = entry.conflicts.map((c) => {
      const choice = choices[c.field]!;
      if (choice !== 'value') return { field: c.field, choice };
      const p = parsed.get(c.field);
      return { field: c.field, choice: 'value', value: p && p.ok ? p.value : null };
    });
    setBusy(true);
    setError(null);
    invoke('sync.resolve', { mutation_id: entry.mutation_id, resolutions }).then(
      () => {
        setBusy(false);
        onResolved();
      },
      (err: unknown) => {
        setBusy(false);
        setError(describeError(err));
      },
    );
  };

  const name = `conflict-${entry.mutation_id}`;
  return (
    <section className="sv-card" data-testid="conflict" aria-label={`Conflict on ${entry.label}`}>
      <header className="sv-card-head">
        <EditHeading entry={entry} />
        <EditMeta entry={entry} now={now} />
        <span className="sv-card-tools">
          <button type="button" className="btn btn-small btn-ghost" onClick={() => chooseAll('mine')}>
            Keep all mine
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => chooseAll('theirs')}>
            Take all theirs
          </button>
        </span>
      </header>
      <table className="dtable sv-resolver">
        <thead>
          <tr>
            <th>Field</th>
            <th>Before</th>
            <th>In {src.name} now</th>
            <th>Yours</th>
            <th>Keep</th>
          </tr>
        </thead>
        <tbody>
          {entry.conflicts.map((c) => {
            const choice = choices[c.field];
            const p = parsed.get(c.field);
            return (
              <tr key={c.field} data-testid="conflict-field" data-field={c.field}>
                <td className="strong">{fieldLabel(c.field)}</td>
                <td className="sv-base">
                  <Value entity={entry.entity} field={c.field} value={c.base} currency={currency} record={entry.record} />
                </td>
                <td className={choice === 'theirs' ? 'sv-picked' : undefined}>
                  <Value entity={entry.entity} field={c.field} value={c.theirs} currency={currency} record={entry.record} />
                </td>
                <td className={choice === 'mine' ? 'sv-picked' : undefined}>
                  <Value entity={entry.entity} field={c.field} value={c.mine} currency={currency} record={entry.record} />
                </td>
                <td className="sv-choice-cell">
                  <div className="sv-choices" role="radiogroup" aria-label={`Which value to keep for ${fieldLabel(c.field)}`}>
                    {(
                      [
                        ['mine', 'Keep mine'],
                        ['theirs', 'Take theirs'],
                        ['value', 'Edit'],
                      ] as const
                    ).map(([value, label]) => (
                      <label key={value} className={`sv-choice${choice === value ? ' is-on' : ''}`}>
                        <input
                          type="radio"
                          name={`${name}-${c.field}`}
                          value={value}
                          checked={choice === value}
                          onChange={() => choose(c, value)}
                          data-testid={`choice-${value}`}
                        />
                        {label}
                      </label>
                    ))}
                  </div>
                  {choice === 'value' ? (
                    <ValueInput
                      record={entry.record}
                      entity={entry.entity}
                      field={c.field}
                      draft={drafts[c.field] ?? ''}
                      onChange={(d) => setDrafts((s) => ({ ...s, [c.field]: d }))}
                      error={p && !p.ok ? p.error : null}
                      label={`New value for ${fieldLabel(c.field)}`}
                      currency={currency}
                      autoFocus
                      testId="choice-input"
                    />
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <footer className="sv-card-foot">
        {error ? (
          <span className="danger-text" role="alert">
            {error}
          </span>
        ) : (
          <span className="muted">
            {missing > 0
              ? `Choose a value for ${missing === entry.conflicts.length && missing > 1 ? 'each field' : plural(missing, 'more field')}.`
              : invalid
                ? 'Fix the highlighted value.'
                : `Your choice is sent to ${src.name} at the next sync.`}
          </span>
        )}
        <DiscardButton entry={entry} onDone={onResolved} label="Discard my edit" />
        <button type="button" className="btn btn-primary btn-small" disabled={!ready || busy} onClick={resolve} data-testid="resolve">
          {busy ? 'Resolving…' : 'Resolve'}
        </button>
      </footer>
    </section>
  );
}
