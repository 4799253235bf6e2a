/**
 * Detractors' comments about channel conflict or deal registration (ESCALATED_THEMES), for
 * the `partner_voice` action rule: PSAT answers in the last `psatRecentDays` at or below
 * `psatDetractorMax` whose comment the lexicon files under one of those themes. Themes only:
 * the sentiment model is not loaded on the actions path.
 */
import { addDays } from '../../../src-shared/domain/time';
import type { ActionSettings } from '../../../src-shared/methods/actions';
import { ESCALATED_THEMES, type VoiceTheme } from '../../../src-shared/methods/voice';
import type { Db } from '../../db/connection';
import { matchThemes } from './lexicon';
import { readVoiceSettings } from './settings';

export interface DetractorComplaint {
  id: string;
  partnerId: string;
  score: number;
  comment: string;
  respondedAt: string;
  contactId: string | null;
  contactName: string | null;
  /** The escalated themes it is about, each with the lexicon term that matched. */
  themes: { theme: VoiceTheme; term: string }[];
}

export function detractorComplaints(db: Db, asOf: string, t: Pick<ActionSettings, 'psatDetractorMax' | 'psatRecentDays'>): DetractorComplaint[] {
  const rows = db.sqlite
    .prepare(
      `SELECT r.id, r.partner_id AS partnerId, r.score, r.comment, r.responded_at AS respondedAt, r.contact_id AS contactId, c.name AS contactName
         FROM psat_response r LEFT JOIN contact c ON c.id = r.contact_id
        WHERE r.responded_at <= @asOf AND r.responded_at >= @since AND r.score <= @max
          AND r.comment IS NOT NULL AND trim(r.comment) <> ''
        ORDER BY r.responded_at, r.id`,
    )
    .all({ asOf, since: addDays(asOf, -t.psatRecentDays), max: t.psatDetractorMax }) as Omit<DetractorComplaint, 'themes'>[];
  const s = readVoiceSettings(db);
  const out: DetractorComplaint[] = [];
  for (const r of rows) {
    const themes = matchThemes(r.comment, s).terms.filter((x) => ESCALATED_THEMES.includes(x.theme));
    if (themes.length > 0) out.push({ ...r, comment: r.comment.trim(), themes });
  }
  return out;
}
