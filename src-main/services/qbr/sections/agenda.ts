/**
 * Today's meeting: who attends from both sides and the agenda. Attendees are suggested from the
 * partner's contacts and our users (the partner's owner and their manager), or the list the CAM
 * edited in the app for this partner and quarter (kept with the pack). The agenda is filled in
 * by assemble.ts from the slides the deck has.
 */
import { z } from 'zod';
import type { AgendaData, QbrAttendees } from '../../../../src-shared/methods/qbr';
import type { Db } from '../../../db/connection';
import { readSetting, writeSetting } from '../../../settings';
import { section, type SectionBuilder } from './define';

/** Contacts listed first, by role; others after them by name. */
const ROLE_ORDER = ['partner principal', 'alliance manager'];
export const MAX_PARTNER_ATTENDEES = 4;

export const attendeesSchema = z.object({ partner: z.array(z.string()), vendor: z.array(z.string()) });
export const attendeesKey = (partnerId: string, quarter: string) => `qbr.attendees.${partnerId}.${quarter}`;

/** The edited list for the partner and quarter, if the CAM saved one. */
export function savedAttendees(db: Db, partnerId: string, quarter: string): QbrAttendees | null {
  return readSetting(db, attendeesKey(partnerId, quarter), attendeesSchema);
}

/** Keeps the CAM's list for the partner and quarter (with the pack); null goes back to the suggested list. */
export function saveAttendees(db: Db, partnerId: string, quarter: string, a: QbrAttendees | null): void {
  writeSetting(db, attendeesKey(partnerId, quarter), a === null ? null : { partner: a.partner.map((x) => x.trim()), vendor: a.vendor.map((x) => x.trim()) });
}

/** Suggested attendees: the partner's lead contacts, and our owner of the partner with their manager. */
export function suggestedAttendees(db: Db, partnerId: string, ownerId: string | null, presenter: string | null): QbrAttendees {
  const contacts = db.sqlite.prepare('SELECT name, role FROM contact WHERE partner_id = ? ORDER BY name').all(partnerId) as { name: string; role: string }[];
  const rank = (r: string) => {
    const i = ROLE_ORDER.indexOf(r.toLowerCase());
    return i < 0 ? ROLE_ORDER.length : i;
  };
  const partner = [...contacts]
    .sort((a, b) => rank(a.role) - rank(b.role))
    .slice(0, MAX_PARTNER_ATTENDEES)
    .map((c) => `${c.name}, ${c.role}`);
  const vendor: string[] = [];
  if (ownerId) {
    const users = db.sqlite
      .prepare(
        `SELECT u.name, 'Channel account manager' AS role FROM user u WHERE u.id = ?
         UNION ALL
         SELECT m.name, 'Channel sales manager' FROM user u JOIN user m ON m.id = u.manager_id WHERE u.id = ?`,
      )
      .all(ownerId, ownerId) as { name: string; role: string }[];
    vendor.push(...users.map((u) => `${u.name}, ${u.role}`));
  } else if (presenter) vendor.push(`${presenter}, Channel account manager`);
  return { partner, vendor };
}

export function agendaData(meetingText: string, attendees: QbrAttendees, edited: boolean): AgendaData {
  return { meetingText, attendees, attendeesEdited: edited, agenda: [] };
}

export const buildAgenda: SectionBuilder<'agenda'> = (x) =>
  section(x, 'agenda', 'Partner contacts and our users (or the list edited in the app)', x.agenda, {
    say: [
      `Introductions: ${[...x.agenda.attendees.vendor, ...x.agenda.attendees.partner].map((a) => a.replace(/,.*/, '')).join(', ')}.`,
      'Agree the agenda and how much time each part gets.',
    ],
    ask: ['Is anyone missing who should hear this?', 'Anything to add to the agenda?'],
    internal: x.agenda.attendeesEdited ? [] : ['Attendees are suggested from the partner’s contacts and our users: edit them in the app before you export.'],
  });
