/**
 * The CAM's QBR commentary and commitments per section: `qbr_note` rows, written only
 * through the outbox (queueEdits) so they sync, and read overlaid (pending edits included).
 */
import { randomUUID } from 'node:crypto';
import type { QbrNote } from '../../../src-shared/domain/entities';
import type { QbrNoteView } from '../../../src-shared/methods/qbr';
import { fieldError } from '../../base/errors';
import type { Db } from '../../db/connection';
import { queueEdits } from '../../sync/edits';
import { readOneOverlaid, readOverlaid, type Overlaid } from '../../sync/overlay';
import type { Clock } from '../../base/clock';
import { editorName } from '../plans/store';
import { resolvePeriod } from './period';
import { readCalendar } from '../calendar';

function view(n: Overlaid<'qbr_note'>): QbrNoteView {
  return {
    id: n.id,
    quarter: n.quarter,
    section: n.section,
    kind: n.kind,
    body: n.body,
    commitment_status: n.commitment_status,
    updated_at: n.updated_at,
    author: n.author,
    pending: n.pending_fields.length > 0 || n.version === 0,
    conflict: n.conflict_fields.length > 0,
  };
}

/** A partner's notes for `quarter`, oldest first. */
export function listNotes(db: Db, partnerId: string, quarter: string): QbrNoteView[] {
  return readOverlaid(db.sqlite, 'qbr_note', { column: 'partner_id', value: partnerId })
    .filter((n) => n.quarter === quarter)
    .sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.id.localeCompare(b.id))
    .map(view);
}

export interface SaveNoteInput {
  id?: string;
  partnerId: string;
  quarter: string;
  section: string;
  kind: 'commentary' | 'commitment';
  body: string;
  commitmentStatus?: 'open' | 'done' | 'missed';
}

function requirePartner(db: Db, partnerId: string): void {
  const ok = db.sqlite.prepare('SELECT 1 FROM partner WHERE id = ?').get(partnerId);
  if (!ok) throw fieldError('not_found', 'partnerId', `No partner with id '${partnerId}' in this book.`);
}

export function saveNote(db: Db, clock: Clock, input: SaveNoteInput): QbrNoteView {
  requirePartner(db, input.partnerId);
  resolvePeriod(input.quarter, clock.today(), readCalendar(db));
  const body = input.body.trim();
  if (!body) throw fieldError('invalid_input', 'body', 'The note is empty; write something first.');
  if (input.kind === 'commentary' && input.commitmentStatus) {
    throw fieldError('invalid_input', 'commitmentStatus', 'Only a commitment has a status; commentary has none.');
  }
  let existing: Overlaid<'qbr_note'> | null = null;
  if (input.id) {
    existing = readOneOverlaid(db.sqlite, 'qbr_note', input.id);
    if (!existing) throw fieldError('not_found', 'id', `No QBR note with id '${input.id}'.`);
    if (existing.partner_id !== input.partnerId) {
      throw fieldError('invalid_input', 'id', `QBR note '${input.id}' belongs to another partner.`);
    }
  }
  const id = input.id ?? `QN-${randomUUID()}`;
  const fields: Partial<QbrNote> = {
    partner_id: input.partnerId,
    quarter: input.quarter,
    section: input.section,
    kind: input.kind,
    body,
    commitment_status: input.kind === 'commitment' ? (input.commitmentStatus ?? existing?.commitment_status ?? 'open') : null,
    updated_at: clock.now(),
    author: editorName(db),
  };
  queueEdits(db.sqlite, clock, [{ entity: 'qbr_note', id, op: 'upsert', fields }]);
  return view(readOneOverlaid(db.sqlite, 'qbr_note', id)!);
}

export function setCommitmentStatus(db: Db, clock: Clock, id: string, status: 'open' | 'done' | 'missed'): QbrNoteView {
  const n = readOneOverlaid(db.sqlite, 'qbr_note', id);
  if (!n) throw fieldError('not_found', 'id', `No QBR note with id '${id}'.`);
  if (n.kind !== 'commitment') {
    throw fieldError('invalid_input', 'status', `Only a commitment has a status; QBR note '${id}' is commentary.`);
  }
  queueEdits(db.sqlite, clock, [
    { entity: 'qbr_note', id, op: 'upsert', fields: { commitment_status: status, updated_at: clock.now(), author: editorName(db) } },
  ]);
  return view(readOneOverlaid(db.sqlite, 'qbr_note', id)!);
}

export function deleteNote(db: Db, clock: Clock, id: string): { id: string } {
  const n = readOneOverlaid(db.sqlite, 'qbr_note', id);
  if (!n) throw fieldError('not_found', 'id', `No QBR note with id '${id}'.`);
  queueEdits(db.sqlite, clock, [{ entity: 'qbr_note', id, op: 'delete' }]);
  return { id };
}
