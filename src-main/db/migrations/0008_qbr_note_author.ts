import type { Migration } from './types';

/**
 * Who wrote a QBR note: the person signed in to the source when it was last saved. A
 * synced field of `qbr_note`; null for notes written before it existed or where nobody
 * was known.
 */
export const m0008: Migration = {
  version: 8,
  name: 'qbr_note_author',
  up(db) {
    db.exec('ALTER TABLE qbr_note ADD COLUMN author TEXT');
  },
};
