import type { qbrMethods } from '../../../src-shared/methods/qbr';
import { ServiceError } from '../../base/errors';
import type { QbrBatchFilter } from '../../../src-shared/methods/qbr';
import { bookFilter } from '../../services/identity';
import { deleteNote, saveNote, setCommitmentStatus } from '../../services/qbr/notes';
import { deckFileName } from '../../services/qbr/export';
import type { QbrService } from '../../services/qbr/service';
import type { AreaHandlers, HandlerDeps } from './deps';
import { DestinationRegistry } from './qbr-destinations';

/** `qbr` is the workspace's one QBR service (see handlers.ts), built on its health service. */
export function qbrHandlers(d: HandlerDeps, qbr: QbrService): AreaHandlers<typeof qbrMethods> {
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
        kind === 'file' && partnerId ? deckFileName(qbr.pack(partnerId, quarter), format) : kind === 'file' ? `qbr.${format}` : qbr.batchFolderName(quarter);
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
    'qbr.export': async ({ partnerId, quarter, format, destination, internalAppendix }) =>
      qbr.exportOne(partnerId, quarter, format, destination ? destinations.take(destination, 'file') : undefined, { internalAppendix }),
    'qbr.batch.preview': ({ filter }) => qbr.previewBatch(selection(filter)),
    // The batch gets a new folder of its own inside the chosen one (or the exports folder), so it never overwrites anything.
    'qbr.batch.start': async ({ filter, quarter, format, destination }) =>
      qbr.startBatch(selection(filter), quarter, format, destination ? destinations.take(destination, 'folder') : undefined),
    'qbr.batch.status': ({ id }) => qbr.batches.status(id),
    'qbr.batch.cancel': ({ id }) => qbr.batches.cancel(id),
  };
}
