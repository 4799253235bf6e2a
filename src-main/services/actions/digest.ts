/**
 * "Since last sync": the keys that fired at each of the last two syncs (an imported book:
 * imports) are recorded in `action_snapshot`; the digest is the difference — actions that
 * appeared, and actions that no longer fire (resolved in the PRM or by time). Recording
 * happens when a sync finishes, and lazily when the digest is asked for after a sync or
 * import that was not recorded. The recorded arrivals are kept in `action_snapshot_run`, so
 * an arrival at which nothing fired is recorded too.
 */
import type { ActionDigest, ActionRuleId, DigestEntry } from '../../../src-shared/methods/actions';
import { safeAmount } from '../../../src-shared/domain/money';
import type { Db } from '../../db/connection';
import { IMPORTED_BOOK } from '../../db/integrity';
import { getState } from '../../sync/state';

export function recordedSyncs(db: Db): string[] {
  return db.sqlite.prepare('SELECT synced_at FROM action_snapshot_run ORDER BY synced_at DESC').pluck().all() as string[];
}

/** Stores the fired set for `syncedAt` (replacing it) and keeps only the two latest syncs. */
export function recordSnapshot(db: Db, syncedAt: string, entries: readonly DigestEntry[]): void {
  const { sqlite } = db;
  const insert = sqlite.prepare(
    `INSERT INTO action_snapshot (synced_at, key, rule, partner_id, partner_name, suggestion, impact, currency)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM action_snapshot WHERE synced_at = ?').run(syncedAt);
    sqlite.prepare('INSERT OR IGNORE INTO action_snapshot_run (synced_at) VALUES (?)').run(syncedAt);
    // impact: a whole number within the money bound, so no stored value can make the INTEGER column refuse the row
    for (const e of entries) insert.run(syncedAt, e.key, e.rule, e.partnerId, e.partnerName, e.suggestion, safeAmount(e.impact), e.currency);
    const keep = recordedSyncs(db).slice(0, 2);
    const kept = keep.map(() => '?').join(',');
    sqlite.prepare(`DELETE FROM action_snapshot WHERE synced_at NOT IN (${kept})`).run(...keep);
    sqlite.prepare(`DELETE FROM action_snapshot_run WHERE synced_at NOT IN (${kept})`).run(...keep);
  })();
}

/**
 * When the book last arrived: an imported book's last import (its syncs run every few
 * minutes and bring nothing, so between two of them nothing would ever be new), else the
 * last sync.
 */
function arrivedAt(db: Db): string | null {
  const imported = db.sqlite.prepare("SELECT json_extract(value, '$.importedAt') FROM setting WHERE key = ?").pluck().get(IMPORTED_BOOK) as unknown;
  if (typeof imported === 'string') return imported;
  return getState(db.sqlite, 'last_synced_at');
}

/** The time the book last arrived (`arrivedAt`) when its fired set has not been recorded yet, else null. */
export function needsRecording(db: Db): string | null {
  const last = arrivedAt(db);
  if (!last) return null;
  // A book with no partners has not arrived: a workspace made for an import syncs (nothing)
  // before its first import, and that empty arrival must not be what the import is compared with.
  if (!db.sqlite.prepare('SELECT 1 FROM partner LIMIT 1').get()) return null;
  // Among the recorded, not only the latest: a book imported before its digest followed
  // imports has a later sync recorded, and would otherwise be recorded again on every call.
  return recordedSyncs(db).includes(last) ? null : last;
}

function entriesAt(db: Db, syncedAt: string): Map<string, DigestEntry> {
  const rows = db.sqlite
    .prepare(
      `SELECT key, rule, partner_id AS partnerId, partner_name AS partnerName, suggestion, impact, currency
         FROM action_snapshot WHERE synced_at = ? ORDER BY impact DESC, key`,
    )
    .all(syncedAt) as (Omit<DigestEntry, 'rule'> & { rule: string })[];
  return new Map(rows.map((r) => [r.key, { ...r, rule: r.rule as ActionRuleId }]));
}

export function readDigest(db: Db): ActionDigest {
  const [latest, previous] = recordedSyncs(db);
  if (!latest) return { syncedAt: null, previousSyncedAt: null, added: [], resolved: [] };
  if (!previous) return { syncedAt: latest, previousSyncedAt: null, added: [], resolved: [] };
  const now = entriesAt(db, latest);
  const before = entriesAt(db, previous);
  return {
    syncedAt: latest,
    previousSyncedAt: previous,
    added: [...now.values()].filter((e) => !before.has(e.key)),
    resolved: [...before.values()].filter((e) => !now.has(e.key)),
  };
}

/**
 * Forgets the recorded fired sets: after the fiscal calendar changes, the keys of the
 * quarter rules mean other days, so the next digest starts over rather than reporting the
 * change as actions added and resolved.
 */
export function forgetDigest(db: Db): void {
  db.sqlite.transaction(() => {
    db.sqlite.prepare('DELETE FROM action_snapshot').run();
    db.sqlite.prepare('DELETE FROM action_snapshot_run').run();
  })();
}
