/** Today's meeting in the in-app preview: attendees from both sides and the agenda (the attendees are edited beside it: AttendeesEditor). */
import type { AgendaData } from '../../../../src-shared/methods/qbr';

export function Agenda({ d }: { d: AgendaData }) {
  return (
    <div className="qs-two">
      <div>
        <div className="strong qs-meeting-date">{d.meetingText}</div>
        <div className="qs-label">Your team</div>
        <ul className="qs-list" data-testid="attendees-partner">
          {d.attendees.partner.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
        <div className="qs-label">Our team</div>
        <ul className="qs-list" data-testid="attendees-vendor">
          {d.attendees.vendor.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </div>
      <div>
        <div className="qs-label">Agenda</div>
        <ol className="qs-list">
          {d.agenda.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ol>
      </div>
    </div>
  );
}
