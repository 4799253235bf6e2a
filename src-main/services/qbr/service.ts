/** The QBR service: packs, notes, single exports and batches, for the API, the CLI and tests. */
import { join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { QbrAttendees, QbrCapabilities, QbrDownload, QbrFormat, QbrPack } from '../../../src-shared/methods/qbr';
import type { Db } from '../../db/connection';
import type { EventBus } from '../../events';
import { warmDeckWorkers } from '../../export/deck-worker/pool';
import { createLibreOfficeRenderer } from '../../export/pdf/libreoffice-renderer';
import type { PdfRenderer } from '../../export/pdf/renderer';
import type { Clock } from '../../base/clock';
import { getBranding } from '../branding/service';
import { QbrBatches, selectPartners, type BatchSelection } from './batch';
import { batchFolderName } from './batch-index';
import { ensureWritableFolder } from '../../base/write-files';
import { deckFileName, exportPack, resolveTarget, type WrittenExport } from './export';
import { createQbrBuilder, type PackOptions } from './pack';
import { resolvePeriod } from './period';
import { readCalendar } from '../calendar';
import { defaultSources, readySources, type QbrSources } from './sources';
import type { ActionsCache } from '../actions/background';
import type { ForecastService } from '../forecast/service';
import type { HealthService } from '../health/service';
import { fieldError } from '../../base/errors';
import { saveAttendees } from './sections/agenda';

export interface QbrServiceDeps {
  db: Db;
  clock: Clock;
  events?: EventBus;
  /** Default folder for exports: `<dataDir>/exports`. */
  dataDir: string;
  sources?: QbrSources;
  /** The workspace's health service, so decks and the Health screens share one model and cache. */
  health?: HealthService;
  /** The workspace's forecast service: a deck of the running quarter has its forecast in the summary's internal notes. */
  forecast?: ForecastService;
  /** The PDF engine; LibreOffice (converting the .pptx) when not given. */
  pdf?: PdfRenderer;
  /**
   * The workspace's actions cache, the one the Actions screens use: packs built through
   * `buildPack`, exports and batches await the book's ranking from it (in the actions worker
   * on a file-backed replica) instead of ranking on the API's thread.
   */
  actions?: ActionsCache;
}

export function createQbrService(deps: QbrServiceDeps) {
  const sources = deps.sources ?? defaultSources(deps);
  const builder = (s: QbrSources = sources) => createQbrBuilder({ db: deps.db, clock: deps.clock, sources: s });
  /**
   * A builder for packs of `quarter` whose sources were readied first (the book's actions
   * awaited, and its forecast as `forecast` says: not computed on this thread).
   */
  const readyBuilder = async (quarter: string | undefined, forecast: 'await' | 'kept' = 'await') => {
    const { asOf, complete } = resolvePeriod(quarter, deps.clock.today(), readCalendar(deps.db));
    // Only a deck of the running quarter carries the forecast (pack.ts).
    return builder(await readySources(sources, asOf, complete ? 'none' : forecast));
  };
  const buildPack = async (partnerId: string, quarter?: string, opts?: PackOptions): Promise<QbrPack> => (await readyBuilder(quarter)).pack(partnerId, quarter, opts);
  const exportsDir = join(deps.dataDir, 'exports');
  const pdf = deps.pdf ?? createLibreOfficeRenderer({ pack: (partnerId, quarter) => buildPack(partnerId, quarter) });
  const batches = new QbrBatches({ db: deps.db, clock: deps.clock, builder: readyBuilder, pdf });
  return {
    exportsDir,
    sources,
    batches,
    pdf,
    capabilities(): QbrCapabilities {
      return {
        pdf: pdf.info(),
        exportsDir,
        sources: { health: !!sources.health, plans: !!sources.jbpActuals, actions: !!sources.actions },
      };
    },
    /** The pack, every source read on the calling thread (the book's actions ranked here): tests and benches. */
    pack(partnerId: string, quarter?: string, opts?: PackOptions): QbrPack {
      return builder().pack(partnerId, quarter, opts);
    },
    /** The pack, the book's actions awaited from the actions cache first (the API): other calls are answered meanwhile. */
    buildPack,
    /**
     * The pack as the QBR page previews it: as `buildPack`, but the book's forecast only if it
     * is kept (else its note says it is being computed, and `data.changed` ['forecast'] follows).
     */
    previewPack: async (partnerId: string, quarter?: string): Promise<QbrPack> => (await readyBuilder(quarter, 'kept')).pack(partnerId, quarter),
    /** Keeps the attendees edited for the partner's review of `quarter` (null: back to the suggested ones); returns what the deck will show. */
    saveAttendees(partnerId: string, quarter: string | undefined, attendees: QbrAttendees | null): { attendees: QbrAttendees; edited: boolean } {
      const q = resolvePeriod(quarter, deps.clock.today(), readCalendar(deps.db)).quarter;
      if (!deps.db.sqlite.prepare('SELECT 1 FROM partner WHERE id = ?').get(partnerId)) {
        throw fieldError('not_found', 'partnerId', `No partner with id '${partnerId}' in this book.`);
      }
      saveAttendees(deps.db, partnerId, q, attendees);
      // Only the agenda is read: the book's actions are not needed for it.
      const agenda = builder({ ...sources, actions: null }).pack(partnerId, q).sections.find((s) => s.key === 'agenda');
      const data = agenda?.key === 'agenda' ? agenda.data : null;
      return data ? { attendees: data.attendees, edited: data.attendeesEdited } : { attendees: attendees ?? { partner: [], vendor: [] }, edited: attendees !== null };
    },
    async exportOne(
      partnerId: string,
      quarter: string | undefined,
      format: QbrFormat,
      path?: string,
      opts: { internalAppendix?: boolean } = {},
    ): Promise<WrittenExport> {
      if (format === 'pptx') warmDeckWorkers();
      const pack = await buildPack(partnerId, quarter, { internalAppendix: opts.internalAppendix ?? false });
      const target = resolveTarget(path, exportsDir, deckFileName(pack, format), format);
      return exportPack(pack, format, target, { pdf, branding: getBranding(deps.db) });
    },
    /**
     * One deck as bytes for a browser download (the harness): written in a private
     * temporary folder, read, and removed, so nothing is left in the app's data folder.
     */
    async download(partnerId: string, quarter: string | undefined, format: QbrFormat, opts: { internalAppendix?: boolean } = {}): Promise<QbrDownload> {
      if (format === 'pptx') warmDeckWorkers();
      const pack = await buildPack(partnerId, quarter, { internalAppendix: opts.internalAppendix ?? false });
      const fileName = deckFileName(pack, format);
      const tmp = mkdtempSync(join(tmpdir(), 'partnerbook-download-'));
      try {
        const written = await exportPack(pack, format, join(tmp, fileName), { pdf, branding: getBranding(deps.db) });
        const bytes = readFileSync(written.path);
        return { fileName, format, mime: MIME[format], bytes: bytes.length, slides: written.slides, base64: bytes.toString('base64') };
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
    previewBatch(filter: BatchSelection, quarter?: string) {
      const period = resolvePeriod(quarter, deps.clock.today(), readCalendar(deps.db));
      const partners = selectPartners(deps.db, filter, period.start, period.asOf);
      return { count: partners.length, partners: partners.slice(0, 200).map((p) => ({ id: p.id, name: p.name })) };
    },
    /** The name a batch's own folder gets: "QBR Q4 2026 — 2026-11-30 14-05" (with " (2)", " (3)"… when taken). */
    batchFolderName(quarter: string | undefined): string {
      return batchFolderName(resolvePeriod(quarter, deps.clock.today(), readCalendar(deps.db)).quarter, deps.clock.now(), readCalendar(deps.db));
    },
    /**
     * Starts a batch in a new folder of its own inside `parent` (default: the exports
     * folder), so a batch never overwrites another's decks or index, even within a minute.
     */
    startBatch(filter: BatchSelection, quarter: string | undefined, format: QbrFormat, parent?: string, opts: { internalAppendix?: boolean } = {}) {
      const period = resolvePeriod(quarter, deps.clock.today(), readCalendar(deps.db));
      const base = parent ?? exportsDir;
      ensureWritableFolder(base, 'dir');
      return batches.start({ filter, quarter: period.quarter, format, dir: join(base, this.batchFolderName(quarter)), internalAppendix: opts.internalAppendix ?? false });
    },
  };
}

export type QbrService = ReturnType<typeof createQbrService>;

const MIME: Record<QbrFormat, string> = {
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  pdf: 'application/pdf',
};

