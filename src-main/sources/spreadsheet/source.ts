/**
 * The source of a spreadsheet workspace. The book arrives by import (services/import), not
 * by pull: `changes` is always caught up. Client-editable records (plans, objectives,
 * initiatives, QBR notes, action states, notes) live only in this replica: `mutations`
 * accepts every edit as the record of record, so the outbox empties at the next sync exactly
 * as with a PRM, and conflicts cannot happen. It reads the replica it serves to answer with
 * the full record, like a server would.
 */
import { EDITABLE_ENTITIES, ENTITIES, isEntityName } from '../../../src-shared/domain/entities';
import type { MutationResult } from '../../../src-shared/domain/protocol';
import type { Db } from '../../db/connection';
import type { Source, SourceConnector, SourceDescription } from '../contract';

export const SPREADSHEET_SOURCE_NAME = 'Spreadsheet files on this computer';
/** The cursor this source hands out: a replica holding any other one syncs from a PRM. */
export const SPREADSHEET_CURSOR = 'imported';

export function spreadsheetConnector(db: Db, who: () => SourceDescription['user'] = () => null): SourceConnector {
  const label = 'spreadsheet files';
  const open = (): Source => ({
    label,
    // The book arrives by import: a refresh from here would sweep all of it (sync/pull.ts).
    sendsWholeBook: false,
    describe: async () => ({ name: SPREADSHEET_SOURCE_NAME, user: who(), writable: [...EDITABLE_ENTITIES] }),
    changes: async () => ({ cursor: SPREADSHEET_CURSOR, has_more: false, changes: [] }),
    mutations: async (request) => {
      const results: MutationResult[] = request.mutations.map((m) => {
        if (!isEntityName(m.entity) || !ENTITIES[m.entity].editable) {
          return { mutation_id: m.mutation_id, status: 'rejected', code: 'read_only', message: `${m.entity} comes from the imported files; change it there and import again.` };
        }
        const row = db.sqlite.prepare(`SELECT * FROM "${m.entity}" WHERE id = ?`).get(m.id) as Record<string, unknown> | undefined;
        const version = ((row?.version as number | undefined) ?? 0) + 1;
        if (m.op === 'delete') return { mutation_id: m.mutation_id, status: 'applied', version, record: null };
        const { version: _v, ...data } = row ?? {};
        return { mutation_id: m.mutation_id, status: 'applied', version, record: { ...data, ...m.fields, id: m.id } };
      });
      return { results };
    },
  });
  return { kind: 'spreadsheet', label, open };
}
