/**
 * Edits the PRM refused (validation, read-only, record gone): the server's reason, and
 * either Discard, or Edit again — a form pre-filled with the same fields that queues a
 * fresh edit (`records.edit`) and then drops the rejected one.
 */
import { useState } from 'react';
import type { OutboxEntry } from '../../../src-shared/methods/sync';
import { ApiCallError, describeError, invoke } from '../../api/client';
import { Modal } from '../../components/Dialogs';
import { EmptyState } from '../../components/ui';
import { EditHeading, EditMeta, FieldChanges } from './EditSummary';
import { currencyOf, entityLabel, fieldKind, fieldLabel } from './fields';
import { DiscardButton } from './PendingEdits';
import { fromDraft, toDraft, ValueInput } from './values';
import { useSourceName, useWorkspace } from '../../workspaces/session';

export function RejectedEdits({ entries, now, onChanged }: { entries: OutboxEntry[]; now: number; onChanged: () => void }) {
  const src = useSourceName();
  const local = useWorkspace()?.source.kind === 'spreadsheet';
  if (entries.length === 0) {
    return (
      <EmptyState compact icon="check" title={local ? 'Nothing refused' : 'Nothing rejected'}>
        {local
          ? 'An edit this book cannot take is kept here with the reason.'
          : `If ${src.name} refuses an edit — a value it does not accept, a record that was deleted — it is kept here with the reason.`}
      </EmptyState>
    );
  }
  return (
    <ul className="sv-list" data-testid="rejected-list">
      {entries.map((e) => (
        <li key={e.mutation_id} className="sv-item" data-testid="rejected-edit">
          <div className="sv-item-main">
            <EditHeading entry={e} />
            <div className="sv-reason" data-testid="rejected-reason">
              <strong>{src.Name} said:</strong> {e.error ?? 'no reason given'}
            </div>
            <FieldChanges entry={e} />
          </div>
          <div className="sv-item-side">
            <EditMeta entry={e} now={now} />
            <span className="sv-actions">
              {e.op === 'upsert' && Object.keys(e.fields).length > 0 ? <EditAgain entry={e} onDone={onChanged} /> : null}
              <DiscardButton entry={e} onDone={onChanged} />
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}

function EditAgain({ entry, onDone }: { entry: OutboxEntry; onDone: () => void }) {
  const src = useSourceName();
  const fields = Object.keys(entry.fields);
  const initial = () =>
    Object.fromEntries(fields.map((f) => [f, toDraft(fieldKind(entry.entity, f, entry.fields[f], entry.record), entry.fields[f])]));
  const [open, setOpen] = useState(false);
  const [drafts, setDrafts] = useState<Record<string, string>>(initial);
  const [serverIssues, setServerIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const currency = currencyOf(entry.fields, entry.base);

  const parsed = Object.fromEntries(fields.map((f) => [f, fromDraft(entry.entity, f, fieldKind(entry.entity, f, entry.fields[f], entry.record), drafts[f] ?? '')]));
  const invalid = Object.values(parsed).some((p) => !p.ok);

  const save = async () => {
    const values: Record<string, unknown> = {};
    for (const f of fields) {
      const p = parsed[f]!;
      if (!p.ok) return;
      values[f] = p.value;
    }
    setBusy(true);
    setError(null);
    setServerIssues({});
    try {
      // Queue the new edit first: if it is refused, the rejected one is still there.
      await invoke('records.edit', { entity: entry.entity, id: entry.record_id, op: 'upsert', fields: values });
      await invoke('sync.discard', { mutation_id: entry.mutation_id });
      setOpen(false);
      onDone();
    } catch (err) {
      if (err instanceof ApiCallError && err.issues.length > 0) {
        setServerIssues(Object.fromEntries(err.issues.map((i) => [i.path, i.message])));
      }
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        if (busy) return;
        setOpen(o);
        if (o) {
          setDrafts(initial());
          setError(null);
          setServerIssues({});
        }
      }}
      trigger={
        <button type="button" className="btn btn-small" data-testid="edit-again">
          Edit again
        </button>
      }
      title={`Edit ${entityLabel(entry.entity).toLowerCase()} “${entry.label}” again`}
      description={`${src.Name} said: ${entry.error ?? 'no reason given'}. Change the values and save; the rejected edit is replaced.`}
      testId="edit-again-dialog"
      footer={
        <>
          {error ? (
            <span className="modal-error" role="alert">
              {error}
            </span>
          ) : null}
          <button type="button" className="btn" onClick={() => setOpen(false)} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={busy || invalid} data-testid="edit-again-save">
            {busy ? 'Saving…' : 'Save edit'}
          </button>
        </>
      }
    >
      <form
        className="sv-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          void save();
        }}
      >
        {fields.map((f, i) => {
          const p = parsed[f]!;
          return (
            <label key={f} className="sv-form-row">
              <span className="sv-form-label">{fieldLabel(f)}</span>
              <ValueInput
                record={entry.record}
                entity={entry.entity}
                field={f}
                draft={drafts[f] ?? ''}
                onChange={(d) => setDrafts((s) => ({ ...s, [f]: d }))}
                error={!p.ok ? p.error : (serverIssues[f] ?? null)}
                label={fieldLabel(f)}
                currency={currency}
                autoFocus={i === 0}
                testId={`edit-again-${f}`}
              />
            </label>
          );
        })}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </form>
    </Modal>
  );
}
