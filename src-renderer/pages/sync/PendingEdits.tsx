/** Edits saved on this computer and not yet on the PRM; each can be discarded after asking. */
import { possessive } from '../../../src-shared/format';
import type { OutboxEntry } from '../../../src-shared/methods/sync';
import { invoke } from '../../api/client';
import { ConfirmDialog } from '../../components/Dialogs';
import { EmptyState } from '../../components/ui';
import { EditHeading, EditMeta, FieldChanges } from './EditSummary';
import { entityLabel } from './fields';
import { useSourceName, useWorkspace } from '../../workspaces/session';

export function PendingEdits({
  entries,
  now,
  onChanged,
}: {
  entries: OutboxEntry[];
  now: number;
  onChanged: () => void;
}) {
  const src = useSourceName();
  const local = useWorkspace()?.source.kind === 'spreadsheet';
  if (entries.length === 0) {
    return (
      <EmptyState compact icon="check" title="Nothing waiting">
        {local
          ? 'Edits you make to plans, notes and actions show here for the moment it takes to save them into this book.'
          : `Edits you make to plans, notes and actions are saved on this computer first and appear here until ${src.name} has them.`}
      </EmptyState>
    );
  }
  return (
    <ul className="sv-list" data-testid="pending-list">
      {entries.map((e) => (
        <li key={e.mutation_id} className="sv-item" data-testid="pending-edit">
          <div className="sv-item-main">
            <EditHeading entry={e} />
            <FieldChanges entry={e} />
          </div>
          <div className="sv-item-side">
            <EditMeta entry={e} now={now} />
            <DiscardButton entry={e} onDone={onChanged} />
          </div>
        </li>
      ))}
    </ul>
  );
}

export function DiscardButton({ entry, onDone, label = 'Discard' }: { entry: OutboxEntry; onDone: () => void; label?: string }) {
  const src = useSourceName();
  const what = `${entityLabel(entry.entity).toLowerCase()} “${entry.label}”`;
  return (
    <ConfirmDialog
      testId="discard-dialog"
      trigger={
        <button type="button" className="btn btn-small btn-quiet" data-testid="discard-edit">
          {label}
        </button>
      }
      title="Discard this edit?"
      description={
        entry.status === 'pending'
          ? `Your change to ${what} will not be sent to ${src.name} and disappears from this computer. ${possessive(src.Name, '’')} copy stays as it is.`
          : `Your change to ${what} is dropped; the record keeps ${possessive(src.name, '’')} values.`
      }
      confirmLabel="Discard edit"
      danger
      onConfirm={async () => {
        await invoke('sync.discard', { mutation_id: entry.mutation_id });
        onDone();
      }}
    >
      <div className="sv-confirm-box">
        <FieldChanges entry={entry} />
      </div>
    </ConfirmDialog>
  );
}
