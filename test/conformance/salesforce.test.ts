/**
 * The Salesforce connector (through jsforce) against the fake org, with the Partnerbook
 * package (writable), under the source conformance suite. The book is small and hand-made
 * (test/integration/salesforce/book.ts): users, partner Accounts and their Opportunities,
 * and per partner a plan with objectives and initiatives, notes, a QBR note and an action
 * state as the package's custom records. The fake's query pages hold 3 records, so every
 * load also pages through nextRecordsUrl.
 *
 * Server controls act on the org the way someone working in Salesforce would: edits and
 * deletes of records (each a minute later on the fake clock, so replication windows
 * cover it); an expired cursor is the delete log purged (the documented early purge),
 * after which Salesforce refuses the old start date with INVALID_REPLICATION_DATE.
 */
import type { SourceConnector } from '../../src-main/sources/contract';
import type { EditableEntityName } from '../../src-shared/domain/entities';
import { startSfBook } from '../integration/salesforce/book';
import { runSourceConformance, type EditableField } from './source-conformance';

runSourceConformance({
  name: 'Salesforce (fake org with the Partnerbook package)',
  writable: true,
  async start() {
    const book = await startSfBook();
    const base = book.connector();
    // Time passes between two pushes, as it does for a real org (the fake's clock is
    // frozen): each push starts a second later. (Several edits of one record in one push get
    // the same SystemModstamp; the replica keeps the last one: same-second.test.ts.)
    const connector: SourceConnector = {
      ...base,
      open(opts) {
        const source = base.open(opts);
        return {
          ...source,
          async mutations(request) {
            book.sf.org.clock.advance(1000);
            return source.mutations(request);
          },
        };
      },
    };
    return {
      connector,
      server: {
        rows: (entity) => book.rows(entity),
        edit: (entity, id, fields) => book.edit(entity, id, fields),
        remove: (entity, id) => book.remove(entity, id),
        expireCursors: () => {
          book.sf.org.purgeDeleteLog();
          book.tick();
        },
        editableFields: () => {
          const out: EditableField[] = [];
          const add = (entity: EditableEntityName, id: string, field: string) => {
            if (book.sfRow(entity, id)) out.push({ entity, id, field });
          };
          for (const c of book.cases) {
            for (const id of c.notes) add('note', id, 'body');
            for (const id of c.initiatives) add('jbp_initiative', id, 'title');
            for (const id of c.objectives) add('jbp_objective', id, 'title');
          }
          return out;
        },
        serverOwnedFields: () => book.cases.map((c) => ({ entity: 'partner' as const, id: c.partner, field: 'name' })),
      },
      stop: () => book.close(),
    };
  },
});
