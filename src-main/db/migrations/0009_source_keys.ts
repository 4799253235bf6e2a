import type { Migration } from './types';

/**
 * A source's own keys of the records it pulled, for sources that name some records only by
 * their own key later (Salesforce's `deleted` feed gives the Salesforce Id, not the
 * Partnerbook id): `source_key` → the record's entity and id, and the partner it belongs
 * to. Written by the pull in the same transaction as the page and its cursor, so the two
 * never disagree; it replaces a map that travelled in the cursor (about 70 bytes a record).
 */
export const m0009: Migration = {
  version: 9,
  name: 'source_keys',
  up(db) {
    db.exec(`
      CREATE TABLE source_key (
        source_key TEXT PRIMARY KEY,
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        partner_id TEXT
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
