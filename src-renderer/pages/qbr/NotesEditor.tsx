/** The CAM's commentary and commitments for one section of the pack, saved as qbr_note (synced). */
import { useState } from 'react';
import type { QbrNoteView, QbrSectionKey } from '../../../src-shared/methods/qbr';
import { quarterEnd, shiftQuarter } from '../../../src-shared/domain/time';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import { useCalendar } from '../../api/calendar';
import { describeError, invoke } from '../../api/client';
import { href } from '../../app/router';
import { LimitCount } from '../../components/LimitCount';
import { LIMITS } from '../../../src-shared/domain/rules';

export function NotesEditor({
  partnerId,
  quarter,
  section,
  notes,
  onChanged,
  allowCommitments,
}: {
  partnerId: string;
  quarter: string;
  section: QbrSectionKey;
  notes: QbrNoteView[];
  onChanged: () => void;
  allowCommitments: boolean;
}) {
  const [draft, setDraft] = useState('');
  const [kind, setKind] = useState<'commentary' | 'commitment'>('commentary');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<{ noteId: string; planId: string; created: boolean } | null>(null);
  const mine = notes.filter((n) => n.section === section);
  const calendar = useCalendar();

  /** A commitment becomes an initiative of the partner's draft plan, due at the end of next quarter. */
  const makeInitiative = (noteId: string, body: string) =>
    run(async () => {
      const res = await invoke('initiatives.createFrom', {
        partnerId,
        title: body.length > 200 ? `${body.slice(0, 197)}…` : body,
        dueDate: quarterEnd(shiftQuarter(quarter, 1), calendar),
        source: `qbr:${noteId}`,
        notes: `From the ${quarterText(quarter, calendar)} QBR commitments.`,
      });
      setMade({ noteId, planId: res.planId, created: res.created });
    });

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onChanged();
      return true;
    } catch (err) {
      setError(describeError(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="qn-editor" data-testid={`notes-${section}`}>
      {mine.length ? (
        <ul className="qn-list">
          {mine.map((n) => (
            <li key={n.id} className="qn-item">
              <span className={`qn-kind ${n.kind}`}>{n.kind === 'commitment' ? 'Commitment' : 'Commentary'}</span>
              <span className="qn-body">{n.body}</span>
              {n.author ? (
                <span className="qn-author" data-testid="note-author">
                  {n.author}
                </span>
              ) : null}
              {n.kind === 'commitment' ? (
                <select
                  className="select"
                  aria-label="Commitment status"
                  value={n.commitment_status ?? 'open'}
                  disabled={busy}
                  onChange={(e) => void run(() => invoke('qbr.notes.setStatus', { id: n.id, status: e.target.value as 'open' | 'done' | 'missed' }))}
                >
                  <option value="open">Open</option>
                  <option value="done">Done</option>
                  <option value="missed">Missed</option>
                </select>
              ) : null}
              {n.kind === 'commitment' ? (
                made?.noteId === n.id ? (
                  <a className="btn btn-ghost btn-small" href={href(`/plans/${made.planId}`)}>
                    {made.created ? 'Added to plan →' : 'Already in plan →'}
                  </a>
                ) : (
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    disabled={busy}
                    title="Add this commitment to the partner's draft joint business plan as an initiative"
                    onClick={() => void makeInitiative(n.id, n.body)}
                  >
                    Make plan initiative
                  </button>
                )
              ) : null}
              {n.pending ? <span className="qn-pending" title="Saved locally; waiting to sync">not synced</span> : null}
              <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => void run(() => invoke('qbr.notes.delete', { id: n.id }))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="qn-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => invoke('qbr.notes.save', { partnerId, quarter, section, kind, body: draft })).then((ok) => ok && setDraft(''));
        }}
      >
        {allowCommitments ? (
          <select className="select" aria-label="Note kind" value={kind} onChange={(e) => setKind(e.target.value as 'commentary' | 'commitment')}>
            <option value="commentary">{section === 'next_steps' ? 'Ask / note' : 'Commentary'}</option>
            <option value="commitment">Commitment</option>
          </select>
        ) : null}
        <textarea
          aria-label={`Add ${kind} for this slide`}
          rows={2}
          value={draft}
          maxLength={LIMITS.qbrNoteBody}
          placeholder={kind === 'commitment' ? 'Who commits to what, by when…' : 'What the numbers do not say…'}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
          }}
        />
        <LimitCount value={draft} max={LIMITS.qbrNoteBody} testId="qbr-note-count" />
        <button type="submit" className="btn btn-small" disabled={busy || !draft.trim()}>
          Add
        </button>
      </form>
      {error ? <div className="qn-error" role="alert">{error}</div> : null}
    </div>
  );
}

/** Status pickers for last quarter's commitments (shown on the commitments slide). */
export function CommitmentStatuses({ items, onChanged }: { items: { id: string; body: string; status: 'open' | 'done' | 'missed' }[]; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <table className="qs-table">
        <tbody>
          {items.map((it) => (
            <tr key={it.id}>
              <td>{it.body}</td>
              <td className="qn-status-cell">
                <select
                  aria-label={`Status of: ${it.body}`}
                  value={it.status}
                  className={`select qn-status ${it.status}`}
                  onChange={(e) => {
                    setError(null);
                    invoke('qbr.notes.setStatus', { id: it.id, status: e.target.value as 'open' | 'done' | 'missed' }).then(onChanged, (err: unknown) => setError(describeError(err)));
                  }}
                >
                  <option value="open">Open</option>
                  <option value="done">Done</option>
                  <option value="missed">Missed</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? <div className="qn-error" role="alert">{error}</div> : null}
    </div>
  );
}
