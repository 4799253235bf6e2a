/**
 * The meeting's attendees, edited before export: one "Name, role" a line for each side. Kept with
 * the pack for this partner and quarter (`qbr.attendees.save`); "Use the suggested list" goes back
 * to the partner's contacts and our users.
 */
import { useState } from 'react';
import { ATTENDEE_SIDES, ATTENDEES_MAX, attendeeProblems, type AgendaData } from '../../../src-shared/methods/qbr';
import { describeError, invoke } from '../../api/client';

const lines = (t: string) => t.split('\n').map((x) => x.trim()).filter(Boolean);

export function AttendeesEditor({ partnerId, quarter, agenda, onChanged }: { partnerId: string; quarter: string; agenda: AgendaData; onChanged: () => void }) {
  const [partner, setPartner] = useState(agenda.attendees.partner.join('\n'));
  const [vendor, setVendor] = useState(agenda.attendees.vendor.join('\n'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = (attendees: AgendaData['attendees'] | null) => {
    // Checked here with the API's own rule, so nothing it would refuse is sent.
    const problems = attendees ? [...attendeeProblems('partner', attendees.partner), ...attendeeProblems('vendor', attendees.vendor)] : [];
    if (problems.length) {
      setError(problems.join(' '));
      return;
    }
    setBusy(true);
    setError(null);
    invoke('qbr.attendees.save', { partnerId, quarter, attendees })
      .then((r) => {
        setPartner(r.attendees.partner.join('\n'));
        setVendor(r.attendees.vendor.join('\n'));
        onChanged();
      })
      .catch((err: unknown) => setError(describeError(err)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="qbr-attendees" data-testid="qbr-attendees">
      <div className="qbr-side-title">Attendees {agenda.attendeesEdited ? '(edited)' : '(suggested)'}</div>
      <label>
        {ATTENDEE_SIDES.partner}, one “Name, role” a line
        <textarea className="input" rows={4} value={partner} disabled={busy} data-testid="qbr-attendees-partner" onChange={(e) => setPartner(e.target.value)} />
        <Count text={partner} />
      </label>
      <label>
        {ATTENDEE_SIDES.vendor}
        <textarea className="input" rows={3} value={vendor} disabled={busy} data-testid="qbr-attendees-vendor" onChange={(e) => setVendor(e.target.value)} />
        <Count text={vendor} />
      </label>
      {error ? (
        <div className="qbr-result error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="qbr-attendees-actions">
        <button type="button" className="btn btn-primary" disabled={busy} data-testid="qbr-attendees-save" onClick={() => save({ partner: lines(partner), vendor: lines(vendor) })}>
          Save attendees
        </button>
        {agenda.attendeesEdited ? (
          <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => save(null)}>
            Use the suggested list
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** "4 of 12 people", red past the limit, as the list is typed. */
function Count({ text }: { text: string }) {
  const n = lines(text).length;
  return (
    <span className={`qbr-attendees-count ${n > ATTENDEES_MAX ? 'danger-text' : 'muted'}`} data-testid="qbr-attendees-count">
      {n} of {ATTENDEES_MAX} people
    </span>
  );
}
