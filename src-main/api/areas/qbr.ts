import type { qbrMethods } from '../../../src-shared/methods/qbr';
import type { QbrBatchFilter } from '../../../src-shared/methods/qbr';
import { bookFilter } from '../../services/identity';
import { deleteNote, saveNote, setCommitmentStatus } from '../../services/qbr/notes';
import { createQbrService } from '../../services/qbr/service';
import type { AreaHandlers, HandlerDeps } from './deps';

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
  const edited = () => {
    d.events.emit('data.changed', { entities: ['qbr_note'] });
    d.sync.notifyEdit();
  };
  return {
    'qbr.capabilities': () => qbr.capabilities(),
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
    'qbr.export': ({ partnerId, quarter, format, path }) => qbr.exportOne(partnerId, quarter, format, path),
    'qbr.batch.preview': ({ filter }) => qbr.previewBatch(selection(filter)),
    'qbr.batch.start': ({ filter, quarter, format, dir }) => qbr.startBatch(selection(filter), quarter, format, dir),
    'qbr.batch.status': ({ id }) => qbr.batches.status(id),
    'qbr.batch.cancel': ({ id }) => qbr.batches.cancel(id),
  };
}
