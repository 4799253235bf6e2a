/**
 * What the source said about itself at the last sync (kept across restarts): its API
 * usage ("API requests: 1,234 of 15,000 in the last 24 h") and the parts of the book it
 * could not read ("Not available in your org: deal registrations — <reason>").
 */
import type { SyncSourceNotes } from '../../../src-shared/methods/sync';
import { entityWords, entityWordsFor } from '../../../src-shared/domain/entity-words';
import { formatCount, formatDateTime } from '../../lib/format';
import './source-notes.css';


/** The reason without its closing "…, so deal registrations are not available in your org." (the line already says that). */
export function shortReason(reason: string): string {
  return reason.replace(/,? so [^,]+ (?:is|are) not available in your org\.$/, '.');
}

export function apiUsageText(usage: NonNullable<SyncSourceNotes['apiUsage']>, salesforce: boolean): string {
  return `API requests: ${formatCount(usage.used)} of ${formatCount(usage.limit)}${salesforce ? ' in the last 24 h' : ''}`;
}

export function SourceNotes({ notes, salesforce }: { notes: SyncSourceNotes | null; salesforce: boolean }) {
  if (!notes || (!notes.apiUsage && notes.unavailable.length === 0 && notes.leftOut.length === 0)) return null;
  const share = notes.apiUsage && notes.apiUsage.limit > 0 ? notes.apiUsage.used / notes.apiUsage.limit : 0;
  return (
    <section className="panel sv-source-notes" aria-label="About the source" data-testid="sync-source-notes">
      {notes.apiUsage ? (
        <div className="sv-api-usage">
          <span className={share >= 0.9 ? 'danger-text' : share >= 0.75 ? 'warn-text' : undefined} data-testid="sync-api-usage">
            {apiUsageText(notes.apiUsage, salesforce)}
          </span>
          <span className="sv-api-meter" aria-hidden="true">
            <span className="sv-api-meter-fill" style={{ width: `${Math.min(100, Math.round(share * 100))}%` }} />
          </span>
          <span className="muted sv-api-when">as of the sync at {formatDateTime(notes.at)}</span>
        </div>
      ) : null}
      {notes.unavailable.length > 0 ? (
        <ul className="sv-unavailable" data-testid="sync-unavailable">
          {notes.unavailable.map((u) => (
            <li key={u.entity}>
              <strong>Not available in your {salesforce ? 'org' : 'source'}: {entityWords(u.entity)}</strong> — {shortReason(u.reason)}
            </li>
          ))}
        </ul>
      ) : null}
      {notes.leftOut.length > 0 ? (
        <ul className="sv-unavailable" data-testid="sync-left-out">
          {notes.leftOut.map((l) => (
            <li key={`${l.entity} ${l.reason}`}>
              <strong>
                Left out: {formatCount(l.count)} {entityWordsFor(l.count, l.entity)}
              </strong>{' '}
              — {l.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
