/**
 * MDF ROI per fund request (issue 16): each approved or claimed request of a partner in the
 * window, its spend (the claimed amount once claimed, else the approved amount) and the
 * pipeline the source attributes to it (`attributed_pipeline`, a figure the PRM carries;
 * the replica holds no link from a request to the opportunities themselves).
 * Pipeline ROI = attributed pipeline ÷ spend.
 */
import type { MdfRequestRoi } from '../../../src-shared/methods/ropi';
import type { Db } from '../../db/connection';

export function mdfRequestRoi(db: Db, partnerId: string, from: string, to: string): MdfRequestRoi[] {
  const rows = db.sqlite
    .prepare(
      `SELECT id, activity, status, submitted_at, CASE status WHEN 'claimed' THEN claimed_amount ELSE amount END AS spend, attributed_pipeline AS pipeline
         FROM mdf_request WHERE partner_id = ? AND status IN ('approved','claimed') AND submitted_at >= ? AND submitted_at <= ?
        ORDER BY submitted_at DESC, id`,
    )
    .all(partnerId, from, to) as Omit<MdfRequestRoi, 'roi'>[];
  return rows.map((r) => ({ ...r, roi: r.spend > 0 ? r.pipeline / r.spend : null }));
}
