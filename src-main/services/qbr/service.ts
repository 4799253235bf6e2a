/** The QBR service: packs, notes, single exports and batches, for the API, the CLI and tests. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { QbrCapabilities, QbrExportResult, QbrFormat, QbrPack } from '../../../src-shared/methods/qbr';
import type { Db } from '../../db/connection';
import type { EventBus } from '../../events';
import { warmDeckWorkers } from '../../export/deck-worker/pool';
import { createLibreOfficeRenderer } from '../../export/pdf/libreoffice-renderer';
import type { PdfRenderer } from '../../export/pdf/renderer';
import type { Clock } from '../../base/clock';
import { QbrBatches, selectPartners, type BatchSelection } from './batch';
import { ensureWritableFolder } from './destination';
import { deckFileName, exportPack, resolveTarget } from './export';
import { createQbrBuilder, type PackOptions } from './pack';
import { resolvePeriod } from './period';
import { defaultSources, type QbrSources } from './sources';
import type { HealthService } from '../health/service';

export interface QbrServiceDeps {
  db: Db;
  clock: Clock;
  events?: EventBus;
  /** Default folder for exports: `<dataDir>/exports`. */
  dataDir: string;
  sources?: QbrSources;
  /** The workspace's health service, so decks and the Health screens share one model and cache. */
  health?: HealthService;
  /** The PDF engine; LibreOffice (converting the .pptx) when not given. */
  pdf?: PdfRenderer;
}

export function createQbrService(deps: QbrServiceDeps) {
  const sources = deps.sources ?? defaultSources(deps);
  const builder = () => createQbrBuilder({ db: deps.db, clock: deps.clock, sources });
  const exportsDir = join(deps.dataDir, 'exports');
  const pdf = deps.pdf ?? createLibreOfficeRenderer({ pack: (partnerId, quarter) => builder().pack(partnerId, quarter) });
  const batches = new QbrBatches({ db: deps.db, clock: deps.clock, builder, pdf });
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
    pack(partnerId: string, quarter?: string, opts?: PackOptions): QbrPack {
      return builder().pack(partnerId, quarter, opts);
    },
    async exportOne(
      partnerId: string,
      quarter: string | undefined,
      format: QbrFormat,
      path?: string,
      opts: { internalAppendix?: boolean } = {},
    ): Promise<QbrExportResult> {
      if (format === 'pptx') warmDeckWorkers();
      const pack = builder().pack(partnerId, quarter, { internalAppendix: opts.internalAppendix ?? false });
      const target = resolveTarget(path, exportsDir, deckFileName(pack, format), format);
      return exportPack(pack, format, target, { pdf });
    },
    previewBatch(filter: BatchSelection, quarter?: string) {
      const period = resolvePeriod(quarter, deps.clock.today());
      const partners = selectPartners(deps.db, filter, period.start, period.asOf);
      return { count: partners.length, partners: partners.slice(0, 200).map((p) => ({ id: p.id, name: p.name })) };
    },
    /** The name a batch's own folder gets: `qbr-2026-Q4-2026-11-30T1042` (with `-2`, `-3`… when taken). */
    batchFolderName(quarter: string | undefined): string {
      return `qbr-${resolvePeriod(quarter, deps.clock.today()).quarter}-${deps.clock.now().replace(/[:]/g, '').slice(0, 15)}`;
    },
    /**
     * Starts a batch in a new folder of its own inside `parent` (default: the exports
     * folder), so a batch never overwrites another's decks or index, even within a minute.
     */
    startBatch(filter: BatchSelection, quarter: string | undefined, format: QbrFormat, parent?: string) {
      const period = resolvePeriod(quarter, deps.clock.today());
      const base = parent ?? exportsDir;
      ensureWritableFolder(base, 'dir');
      return batches.start({ filter, quarter: period.quarter, format, dir: freshFolder(base, this.batchFolderName(quarter)) });
    },
  };
}

export type QbrService = ReturnType<typeof createQbrService>;

/** `parent/name`, or `parent/name-2`, `-3`… : the first that does not exist yet. */
function freshFolder(parent: string, name: string): string {
  for (let n = 1; ; n++) {
    const dir = join(parent, n === 1 ? name : `${name}-${n}`);
    if (!existsSync(dir)) return dir;
  }
}
