import type { ropiMethods } from '../../../src-shared/methods/ropi';
import { ServiceError } from '../../base/errors';
import { bookFilter } from '../../services/identity';
import { readCalendar } from '../../services/calendar';
import { mdfRequestRoi } from '../../services/ropi/mdf';
import { ropiBook } from '../../services/ropi/cache';
import { bookWorkerFor } from '../../services/book-worker/pool';
import { quarterEnd, quarterStart } from '../../../src-shared/domain/time';
import { readRopiSettings, writeRopiSettings } from '../../services/ropi/settings';
import type { AreaHandlers, HandlerDeps } from './deps';

/**
 * ROPI and attribution (issue 16): the whole book from the replica and the stored settings,
 * kept until the replica changes (services/ropi/cache.ts), computed in a book worker on a
 * file-backed replica so the API answers other calls meanwhile.
 */
export function ropiHandlers(d: HandlerDeps): AreaHandlers<typeof ropiMethods> {
  const worker = bookWorkerFor(d.db, d.backgroundBook, {
    failure: 'Computing ROPI failed',
    closed: 'The workspace was closed while its ROPI was being computed.',
  });
  if (worker) d.onClose?.(() => worker.close());
  const settled = () => d.sync.status().state !== 'syncing';
  return {
    'ropi.book': async ({ asOf, scope }) => {
      const book = await ropiBook(d.db, asOf ?? d.clock.today(), worker, settled());
      const { owners } = bookFilter(d.db, scope);
      return owners ? { ...book, rows: book.rows.filter((r) => owners.has(r.owner_id)) } : book;
    },
    'ropi.partner': async ({ id, asOf }) => {
      const book = await ropiBook(d.db, asOf ?? d.clock.today(), worker, settled());
      const row = book.rows.find((r) => r.id === id);
      if (!row) throw new ServiceError('not_found', `There is no partner with id ${id} in this book.`);
      const { rows: _rows, tiers, ...rest } = book;
      const cal = readCalendar(d.db);
      const mdf = mdfRequestRoi(d.db, id, quarterStart(book.quarters[0]!, cal), quarterEnd(book.quarters[book.quarters.length - 1]!, cal));
      return { ...rest, row, tier: tiers.find((t) => t.tier_id === row.tier_id) ?? null, mdf };
    },
    'ropi.settings.get': () => readRopiSettings(d.db),
    'ropi.settings.set': (input) => {
      const saved = writeRopiSettings(d.db, input);
      d.events.emit('data.changed', { entities: ['setting'] });
      return saved;
    },
  };
}
