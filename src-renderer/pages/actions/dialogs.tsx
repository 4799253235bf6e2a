/** Snooze (date with presets) and dismiss (with a reason) dialogs. */
import * as Dialog from '@radix-ui/react-dialog';
import { useState, type FormEvent } from 'react';
import type { ActionItem } from '../../../src-shared/methods/actions';
import { formatDate } from '../../lib/format';
import { presets } from './model';
import { isCalendarDate, MAX_YEAR } from '../../../src-shared/domain/time';

export function SnoozeDialog({
  action,
  asOf,
  onClose,
  onSnooze,
}: {
  action: ActionItem | null;
  asOf: string;
  onClose(): void;
  onSnooze(a: ActionItem, until: string): void;
}) {
  const opts = presets(asOf);
  const [date, setDate] = useState(opts[1]!.date);
  const problem = snoozeProblem(date, asOf);
  const valid = problem === null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (action && valid) onSnooze(action, date);
  };
  return (
    <Dialog.Root open={action !== null} onOpenChange={(o) => !o && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog act-dialog" data-testid="snooze-dialog" aria-describedby={undefined}>
          <form onSubmit={submit}>
            <Dialog.Title className="act-dialog-title">Snooze until</Dialog.Title>
            <p className="act-dialog-sub">{action?.suggestion}</p>
            <div className="act-presets">
              {opts.map((o, i) => (
                <button
                  key={o.label}
                  type="button"
                  className={`btn btn-small${date === o.date ? ' is-on' : ''}`}
                  onClick={() => setDate(o.date)}
                  onKeyDown={(e) => {
                    // Enter on a focused preset snoozes until its date (Space only picks it).
                    if (e.key !== 'Enter' || !action) return;
                    e.preventDefault();
                    onSnooze(action, o.date);
                  }}
                  autoFocus={i === 1}
                  data-testid={`snooze-${o.label.toLowerCase().replace(' ', '-')}`}
                >
                  {o.label}
                  <span className="muted"> · {formatDate(o.date)}</span>
                </button>
              ))}
            </div>
            <label className="act-field">
              <span>Date</span>
              <input
                type="date"
                className="input"
                value={date}
                min={opts[0]!.date}
                max={LAST_SNOOZE_DATE}
                onChange={(e) => setDate(e.target.value)}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? 'snooze-problem' : undefined}
                data-testid="snooze-date"
              />
            </label>
            {problem ? (
              <p className="danger-text" id="snooze-problem" role="alert" data-testid="snooze-problem">
                {problem}
              </p>
            ) : null}
            <div className="act-dialog-buttons">
              <button type="button" className="btn" onClick={onClose}>
                Cancel
              </button>
              <button type="submit" className="btn btn-primary" disabled={!valid} data-testid="snooze-confirm">
                Snooze
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The last day a date can be (the app's dates stop at MAX_YEAR). */
const LAST_SNOOZE_DATE = `${MAX_YEAR}-12-31`;

/** Why `date` cannot be snoozed until, in the dialog's words; null when it can. What the server would refuse is refused here first. */
export function snoozeProblem(date: string, asOf: string): string | null {
  // A date input holds '' while what is typed is not a whole date yet.
  if (date === '') return 'Type a whole date, or pick one of the choices above.';
  if (!isCalendarDate(date)) {
    const year = Number(date.slice(0, 4));
    return year > MAX_YEAR ? `${formatDate(LAST_SNOOZE_DATE)} is the latest date a snooze can run to; pick an earlier one.` : 'Type a whole date, or pick one of the choices above.';
  }
  if (date <= asOf) return `Pick a date after ${formatDate(asOf)}.`;
  return null;
}

const REASONS = ['Already handled', 'Not relevant for this partner', 'Data is wrong in the PRM'];

export function DismissDialog({ action, onClose, onDismiss }: { action: ActionItem | null; onClose(): void; onDismiss(a: ActionItem, reason: string): void }) {
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (action && reason.trim()) onDismiss(action, reason.trim());
  };
  return (
    <Dialog.Root open={action !== null} onOpenChange={(o) => !o && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog act-dialog" data-testid="dismiss-dialog" aria-describedby={undefined}>
          <form onSubmit={submit}>
            <Dialog.Title className="act-dialog-title">Dismiss — why?</Dialog.Title>
            <p className="act-dialog-sub">{action?.suggestion}</p>
            <div className="act-presets">
              {REASONS.map((r) => (
                <button key={r} type="button" className={`btn btn-small${reason === r ? ' is-on' : ''}`} onClick={() => setReason(r)}>
                  {r}
                </button>
              ))}
            </div>
            <label className="act-field">
              <span>Reason</span>
              <input className="input" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="A few words for later" autoFocus maxLength={500} data-testid="dismiss-reason" />
            </label>
            <p className="muted act-dialog-note">It will not come back for this period; a new period brings a new action.</p>
            <div className="act-dialog-buttons">
              <button type="button" className="btn" onClick={onClose}>
                Cancel
              </button>
              <button type="submit" className="btn btn-primary" disabled={!reason.trim()} data-testid="dismiss-confirm">
                Dismiss
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
