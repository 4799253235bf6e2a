import type { QbrBatchStatus, qbrMethods } from '../../../src-shared/methods/qbr';
import { ServiceError } from '../../base/errors';
import type { QbrBatchFilter } from '../../../src-shared/methods/qbr';
import { bookFilter } from '../../services/identity';
import { deleteNote, saveNote, setCommitmentStatus } from '../../services/qbr/notes';
import { deckFileName } from '../../services/qbr/export';
import type { QbrService } from '../../services/qbr/service';
import { refuseWhileArriving } from './book-arriving';
import type { AreaHandlers, HandlerDeps } from './deps';
import { DestinationRegistry } from './qbr-destinations';
import { FileLinks, lastSaveFolder, rememberSaveFolder } from './qbr-files';

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
  // Files the exports wrote, known to the renderer by ref: "Open", "Show in folder", or the harness's URL.
  const files = new FileLinks(d.openFile ?? null, d.shareFolder ?? null);
  /** A batch's status with its finished index as a link. */
  const withIndex = (s: QbrBatchStatus): QbrBatchStatus => ({ ...s, index: s.indexPath ? files.link(s.indexPath) : null });
  const edited = () => {
    d.events.emit('data.changed', { entities: ['qbr_note'] });
    d.sync.notifyEdit();
  };
  return {
    'qbr.capabilities': () => ({ ...qbr.capabilities(), destination: d.chooseDestination ? 'dialog' : 'download' }),
    'qbr.chooseDestination': async ({ kind, format, partnerId, quarter }) => {
      if (!d.chooseDestination) {
        throw new ServiceError('unavailable', `There is no save dialog here; exports are saved in ${qbr.exportsDir}.`);
      }
      const suggestedName =
        kind === 'file' && partnerId ? deckFileName(await qbr.buildPack(partnerId, quarter), format) : kind === 'file' ? `qbr.${format}` : qbr.batchFolderName(quarter);
      const path = await d.chooseDestination({ kind, format, suggestedName, lastFolder: lastSaveFolder(d.db) });
      return path ? { id: destinations.add(kind, path), label: path } : null;
    },
    // The book's actions are awaited from the workspace's actions cache, so other calls are answered
    // meanwhile; the book's forecast is not awaited (seconds on a large book): exports wait for it.
    'qbr.pack': ({ partnerId, quarter }) => {
      refuseWhileArriving(d, 'a QBR pack');
      return qbr.previewPack(partnerId, quarter);
    },
    'qbr.notes.save': (input) => {
      const n = saveNote(d.db, d.clock, input);
      edited();
      return n;
    },
    'qbr.attendees.save': ({ partnerId, quarter, attendees }) => {
      const r = qbr.saveAttendees(partnerId, quarter, attendees);
      d.events.emit('data.changed', { entities: ['qbr_attendees'] });
      return r;
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
    'qbr.export': async ({ partnerId, quarter, format, destination, internalAppendix }) => {
      refuseWhileArriving(d, 'a QBR deck');
      const chosen = destination ? destinations.take(destination, 'file') : undefined;
      const written = await qbr.exportOne(partnerId, quarter, format, chosen, { internalAppendix });
      if (chosen) rememberSaveFolder(d.db, written.path, 'file');
      return { ...written, file: files.link(written.path) };
    },
    'qbr.download': ({ partnerId, quarter, format, internalAppendix }) => {
      refuseWhileArriving(d, 'a QBR deck');
      return qbr.download(partnerId, quarter, format, { internalAppendix });
    },
    'qbr.openFile': async ({ ref, action }) => {
      await files.act(ref, action);
      return { ok: true as const };
    },
    'qbr.batch.preview': ({ filter }) => qbr.previewBatch(selection(filter)),
    // The batch gets a new folder of its own inside the chosen one (or the exports folder), so it never overwrites anything.
    'qbr.batch.start': async ({ filter, quarter, format, destination, internalAppendix }) => {
      refuseWhileArriving(d, 'QBR decks');
      const chosen = destination ? destinations.take(destination, 'folder') : undefined;
      const started = qbr.startBatch(selection(filter), quarter, format, chosen, { internalAppendix });
      if (chosen) rememberSaveFolder(d.db, chosen, 'folder');
      return withIndex(started);
    },
    'qbr.batch.status': ({ id }) => {
      const s = qbr.batches.status(id);
      return s ? withIndex(s) : null;
    },
    'qbr.batch.cancel': ({ id }) => withIndex(qbr.batches.cancel(id)),
  };
}
