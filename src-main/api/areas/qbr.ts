import { join } from 'node:path';
import type { qbrMethods } from '../../../src-shared/methods/qbr';
import { ServiceError } from '../../base/errors';
import type { QbrBatchFilter } from '../../../src-shared/methods/qbr';
import { bookFilter } from '../../services/identity';
import { deleteNote, saveNote, setCommitmentStatus } from '../../services/qbr/notes';
import { deckFileName } from '../../services/qbr/export';
import { resolvePeriod } from '../../services/qbr/period';
import { createQbrService } from '../../services/qbr/service';
import type { AreaHandlers, HandlerDeps } from './deps';
import { DestinationRegistry } from './qbr-destinations';

export function qbrHandlers(d: HandlerDeps): AreaHandlers<typeof qbrMethods> {
  const qbr = createQbrService({ db: d.db, clock: d.clock, events: d.events, dataDir: d.dataDir, pdf: d.pdfRenderer });
  // A batch export still running when its workspace closes stops between two decks.
  d.onClose?.(async () => {
    const last = qbr.batches.status();
    if (last?.state !== 'running') return;
    qbr.batches.cancel(last.id);
    await qbr.batches.wait(last.id);
  });
  /** The batch's partners: the filter within my book, or everyone's (`filter.scope`, default the remembered one). */
  const selection = ({ scope, ...filter }: QbrBatchFilter) => ({ ...filter, owners: bookFilter(d.db, scope).owners });
  // Paths the user chose in the shell's dialog, known to the renderer only by id.
  const destinations = new DestinationRegistry();
  const batchFolderName = (quarter: string | undefined) =>
    `qbr-${resolvePeriod(quarter, d.clock.today()).quarter}-${d.clock.now().replace(/[:]/g, '').slice(0, 15)}`;
  const edited = () => {
    d.events.emit('data.changed', { entities: ['qbr_note'] });
    d.sync.notifyEdit();
  };
  return {
    'qbr.capabilities': () => ({ ...qbr.capabilities(), destination: d.chooseDestination ? 'dialog' : 'exports-folder' }),
    'qbr.chooseDestination': async ({ kind, format, partnerId, quarter }) => {
      if (!d.chooseDestination) {
        throw new ServiceError('unavailable', `There is no save dialog here; exports are saved in ${qbr.exportsDir}.`);
      }
      const suggestedName =
        kind === 'file' && partnerId ? deckFileName(qbr.pack(partnerId, quarter), format) : kind === 'file' ? `qbr.${format}` : batchFolderName(quarter);
      const path = await d.chooseDestination({ kind, format, suggestedName });
      return path ? { id: destinations.add(kind, path), label: path } : null;
    },
    'qbr.pack': ({ partnerId, quarter }) => qbr.pack(partnerId, quarter),
    'qbr.notes.save': (input) => {
      const n = saveNote(d.db, d.clock, input);
      edited();
      return n;
    },
    'qbr.notes.setStatus': ({ id, status }) => {
      const n = setCommitmentStatus(d.db, d.clock, id, status);
      edited();
      return n;
    },
    'qbr.notes.delete': ({ id }) => {
      const r = deleteNote(d.db, d.clock, id);
      edited();
      return r;
    },
    'qbr.export': async ({ partnerId, quarter, format, destination }) =>
      qbr.exportOne(partnerId, quarter, format, destination ? destinations.take(destination, 'file') : undefined),
    'qbr.batch.preview': ({ filter }) => qbr.previewBatch(selection(filter)),
    // A chosen folder gets the batch's own folder inside it, so its index never overwrites anything there.
    'qbr.batch.start': async ({ filter, quarter, format, destination }) =>
      qbr.startBatch(selection(filter), quarter, format, destination ? join(destinations.take(destination, 'folder'), batchFolderName(quarter)) : undefined),
    'qbr.batch.status': ({ id }) => qbr.batches.status(id),
    'qbr.batch.cancel': ({ id }) => qbr.batches.cancel(id),
  };
}
