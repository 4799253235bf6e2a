/**
 * A small crafted book for the voice of the partner: two partners in two tiers, PSAT
 * answers in this quarter (2026-Q4) and the last, a note marked as partner feedback, one
 * not marked, and a marked note that is a local edit not yet synced.
 */
import { fixedClock } from '../../../src-main/base/clock';
import { queueEdits } from '../../../src-main/sync/edits';
import { AS_OF, book } from '../actions/fixture';

export function crafted() {
  const b = book();
  b.partner('P-GOLD', { tier_id: 'gold', name: 'Globex' });
  b.partner('P-SILVER', { tier_id: 'silver', name: 'Initech', owner_id: 'U-2' });
  b.contact('C-1', 'P-GOLD', { name: 'Rita Moss' });
  const psat = (id: string, pid: string, score: number, at: string, comment: string | null, contact: string | null = null) =>
    b.insert('psat_response', { id, partner_id: pid, contact_id: contact, score, comment, responded_at: at, version: 1 });
  // Globex: happy last quarter (Q3), unhappy this quarter (Q4) about registration and conflict.
  psat('S-1', 'P-GOLD', 9, '2026-08-10', 'Deal registration is fast and fair.', 'C-1');
  psat('S-2', 'P-GOLD', 3, '2026-10-20', 'Deal registration approvals take far too long.', 'C-1');
  psat('S-3', 'P-GOLD', 4, '2026-11-02', 'We lost two deals to your direct team this quarter.');
  psat('S-4', 'P-GOLD', 8, '2026-11-10', null); // an answer without a comment: in the PSAT mean, not a quote
  psat('S-5', 'P-GOLD', 2, '2026-12-01', 'After the as-of date.');
  // Initech: training praised in Q3, support complaint in Q4.
  psat('S-6', 'P-SILVER', 10, '2026-07-15', 'Training and certifications are top-notch.');
  psat('S-7', 'P-SILVER', 5, '2026-11-05', 'Support tickets sit for a week before anyone answers. Hard to reach anyone.');
  const note = (id: string, pid: string, body: string, at: string) =>
    b.insert('note', { id, partner_id: pid, body, created_at: `${at}T09:00:00Z`, updated_at: `${at}T09:00:00Z`, version: 1 });
  note('N-1', 'P-GOLD', 'Partner feedback: MDF claims are paid months late.', '2026-11-12');
  note('N-2', 'P-GOLD', 'Follow up on the overdue MDF claim.', '2026-11-13'); // not marked: not the partner's voice
  queueEdits(b.db.sqlite, fixedClock(AS_OF), [
    { entity: 'note', id: 'N-LOCAL', op: 'upsert', fields: { partner_id: 'P-GOLD', body: 'partner FEEDBACK — Margins no longer justify the effort.', created_at: '2026-11-15T10:00:00Z', updated_at: '2026-11-15T10:00:00Z' } },
  ]);
  return b;
}
