/**
 * Batch export: a filtered book to a new folder of decks plus an index (index.html, a
 * one-page summary of the book, and index.csv; batch-index.ts). The folder is created
 * exclusively: a folder that exists is never written into, the name gets " (2)", " (3)"… Runs as async work in the calling process —
 * the book's actions are awaited once (the actions worker ranks them), then
 * each partner's pack is built between event-loop turns and its deck in a deck worker
 * thread, and PDFs come from the injected PdfRenderer, in chunks of `pdf.chunk`
 * (LibreOffice converts several decks per process) with at most `pdf.parallel` in flight.
 * A partner that fails is recorded and the batch goes on; cancel stops the deck in
 * progress and aborts running renders. When the book's actions cannot be ranked (the
 * worker fails), every deck is made without them, saying why, and so does the index.
 */
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { NO_DEALS_FOR_QBR, type QbrBatchFilter, type QbrBatchItem, type QbrBatchStatus, type QbrFormat, type QbrPack } from '../../../src-shared/methods/qbr';
import { fieldError, ServiceError } from '../../base/errors';
import type { Db } from '../../db/connection';
import { buildDeckOffThread, warmDeckWorkers } from '../../export/deck-worker/pool';
import { assertPdf, type PdfRenderer } from '../../export/pdf/renderer';
import type { Clock } from '../../base/clock';
import { getBranding } from '../branding/service';
import { indexCsv, indexFactsOf, indexHtml, type IndexFacts, type IndexInput } from './batch-index';
import { asWriteError, ensureWritableFolder, makeNewFolder, moveIntoPlace, putFile, removeQuietly } from '../../base/write-files';
import { deckFileName, uniqueFileName } from './export';
import type { QbrBuilder } from './pack';
import { resolvePeriod } from './period';
import { readCalendar } from '../calendar';
import { absentFacts } from '../import/service';

/** .pptx decks a batch has in flight at once: one building in a worker, the next one's pack ready. */
const DECKS_AHEAD = 2;

export interface BatchPartner {
  id: string;
  name: string;
  tier_name: string;
  owner_name: string;
}

/** What a batch runs over: the API's filter, its scope resolved to the owners of my book (null: everyone). */
export type BatchSelection = Omit<QbrBatchFilter, 'scope'> & { owners?: ReadonlySet<string> | null };

/** Partners matching `filter` that were in the programme during `quarter`, by name. */
export function selectPartners(db: Db, filter: BatchSelection, quarterStart: string, asOf: string): BatchPartner[] {
  const where = ['p.agreement_signed_at <= @asOf', '(p.churned_at IS NULL OR p.churned_at >= @start)'];
  const params: Record<string, string> = { asOf, start: quarterStart };
  const add = (value: string | undefined, column: string, name: string) => {
    if (!value) return;
    where.push(`p.${column} = @${name}`);
    params[name] = value;
  };
  add(filter.ownerId, 'owner_id', 'owner');
  add(filter.tierId, 'tier_id', 'tier');
  add(filter.status, 'status', 'status');
  add(filter.region, 'region', 'region');
  if (filter.owners) {
    where.push('p.owner_id IN (SELECT value FROM json_each(@owners))');
    params.owners = JSON.stringify([...filter.owners]);
  }
  let rows = db.sqlite
    .prepare(
      `SELECT p.id, p.name, coalesce(t.name, p.tier_id) AS tier_name, coalesce(u.name, p.owner_id) AS owner_name
         FROM partner p LEFT JOIN tier t ON t.id = p.tier_id LEFT JOIN user u ON u.id = p.owner_id
        WHERE ${where.join(' AND ')} ORDER BY p.name, p.id`,
    )
    .all(params) as BatchPartner[];
  if (filter.partnerIds) {
    const want = new Set(filter.partnerIds);
    rows = rows.filter((r) => want.has(r.id));
  }
  return rows;
}

export interface StartBatch {
  filter: BatchSelection;
  quarter?: string;
  format: QbrFormat;
  /** The batch's own folder, created here; when it exists, " (2)", " (3)"… is added to its name. */
  dir: string;
  /** Partners to run instead of the filter's selection (tests, CLI). */
  partners?: BatchPartner[];
  /** Add the internal appendix to every deck (default off: the decks go to the partners). */
  internalAppendix?: boolean;
}

export interface BatchDeps {
  db: Db;
  clock: Clock;
  /**
   * A fresh builder per batch for `quarter`, its sources readied first: peer figures are
   * computed once per tier and the book's actions awaited once (off the API's thread) for
   * the whole batch.
   */
  builder(quarter: string): Promise<QbrBuilder>;
  /** The PDF engine for format 'pdf'. */
  pdf: PdfRenderer;
  onProgress?(s: QbrBatchStatus): void;
}

interface Job {
  status: QbrBatchStatus;
  cancel: AbortController;
  done: Promise<QbrBatchStatus>;
  partners: BatchPartner[];
  filterText: string;
  /** Every deck gets the internal appendix. */
  internalAppendix: boolean;
  /** Deck file name per partner id, and what the index shows of each pack. */
  files: Map<string, string>;
  facts: Map<string, IndexFacts>;
}

/** The filter a batch runs with, in words, for its index: "My book · tier Gold · PRM status active". */
export function describeSelection(db: Db, filter: BatchSelection): string {
  const name = (table: 'user' | 'tier', id: string) =>
    (db.sqlite.prepare(`SELECT name FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? id;
  const parts = [filter.owners ? 'My book' : 'All partners'];
  if (filter.ownerId) parts.push(`owner ${name('user', filter.ownerId)}`);
  if (filter.tierId) parts.push(`tier ${name('tier', filter.tierId)}`);
  if (filter.status) parts.push(`PRM status ${filter.status.replace(/_/g, ' ')}`);
  if (filter.region) parts.push(`region ${filter.region}`);
  if (filter.partnerIds) parts.push(`${filter.partnerIds.length} chosen ${filter.partnerIds.length === 1 ? 'partner' : 'partners'}`);
  return parts.join(' · ');
}

/** Writes index.html and index.csv into the batch folder; returns the path of index.html. */
export { csvCell } from './batch-index';

export function writeIndex(input: IndexInput): string {
  putFile(join(input.status.dir, 'index.csv'), indexCsv(input), 'dir');
  const path = join(input.status.dir, 'index.html');
  putFile(path, indexHtml(input), 'dir');
  return path;
}

export class QbrBatches {
  private jobs = new Map<string, Job>();
  private last: string | null = null;

  constructor(private deps: BatchDeps) {}

  start(req: StartBatch): QbrBatchStatus {
    const running = [...this.jobs.values()].find((j) => j.status.state === 'running');
    if (running) throw new ServiceError('conflict', `A batch export is already running (${running.status.done} of ${running.status.total} done); cancel it or wait.`);
    const period = resolvePeriod(req.quarter, this.deps.clock.today(), readCalendar(this.deps.db));
    if (req.format === 'pdf') {
      const info = this.deps.pdf.info();
      if (!info.available) throw new ServiceError('unavailable', info.message);
    }
    // Refused once, up front, rather than one failed deck per partner.
    if (absentFacts(this.deps.db).has('opportunity')) throw new ServiceError('invalid_input', NO_DEALS_FOR_QBR);
    const partners = req.partners ?? selectPartners(this.deps.db, req.filter, period.start, period.asOf);
    if (partners.length === 0) throw fieldError('invalid_input', 'filter', 'No partners match these filters for this quarter; widen them.');
    ensureWritableFolder(dirname(req.dir), 'dir');
    const dir = makeNewFolder(req.dir, 'dir');
    const id = `B-${randomUUID().slice(0, 8)}`;
    const status: QbrBatchStatus = {
      id,
      state: 'running',
      quarter: period.quarter,
      format: req.format,
      dir,
      indexPath: null,
      total: partners.length,
      done: 0,
      failed: 0,
      startedAt: this.deps.clock.now(),
      finishedAt: null,
      items: partners.map((p) => ({ partnerId: p.id, partnerName: p.name, status: 'queued', file: null, error: null, ms: null })),
      message: null,
    };
    const cancel = new AbortController();
    const filterText = req.partners ? `${partners.length} chosen ${partners.length === 1 ? 'partner' : 'partners'}` : describeSelection(this.deps.db, req.filter);
    const job: Job = { status, cancel, partners, filterText, internalAppendix: req.internalAppendix ?? false, files: new Map(), facts: new Map(), done: Promise.resolve(status) };
    job.done = this.run(job).catch((err: unknown) => {
      status.state = 'failed';
      status.message = err instanceof Error ? err.message : String(err);
      status.finishedAt = this.deps.clock.now();
      return status;
    });
    this.jobs.set(id, job);
    this.last = id;
    return this.snapshot(status);
  }

  status(id?: string): QbrBatchStatus | null {
    const key = id ?? this.last;
    if (!key) return null;
    const job = this.jobs.get(key);
    if (!job) throw fieldError('not_found', 'id', `No batch export with id '${key}'.`);
    return this.snapshot(job.status);
  }

  cancel(id: string): QbrBatchStatus {
    const job = this.jobs.get(id);
    if (!job) throw fieldError('not_found', 'id', `No batch export with id '${id}'.`);
    if (job.status.state === 'running') job.cancel.abort();
    return this.snapshot(job.status);
  }

  /** Resolves when the batch has finished (done, cancelled or failed). */
  wait(id: string): Promise<QbrBatchStatus> {
    const job = this.jobs.get(id);
    if (!job) return Promise.reject(new ServiceError('not_found', `No batch export with id '${id}'.`));
    return job.done.then((s) => this.snapshot(s));
  }

  private snapshot(s: QbrBatchStatus): QbrBatchStatus {
    return { ...s, items: s.items.map((i) => ({ ...i })) };
  }

  private async run(job: Job): Promise<QbrBatchStatus> {
    const { status: s, cancel } = job;
    if (s.format === 'pptx') warmDeckWorkers();
    const builder = await this.deps.builder(s.quarter);
    // One look for the whole batch, even if it is changed while the batch runs.
    const branding = getBranding(this.deps.db);
    const progress = () => this.deps.onProgress?.(this.snapshot(s));
    const finish = (item: QbrBatchItem, ok: boolean, started: number, error?: string) => {
      item.status = ok ? 'done' : 'failed';
      item.error = error ?? null;
      item.ms = Math.round(performance.now() - started);
      if (ok) s.done++;
      else {
        s.failed++;
        item.file = null;
      }
      progress();
    };
    const pdf = this.deps.pdf;
    const engine = pdf.info().engine;
    const chunkSize = pdf.renderMany ? Math.max(1, pdf.chunk) : 1;
    const parallel = Math.max(1, pdf.parallel);
    const pending: { item: QbrBatchItem; pack: QbrPack; tmp: string; target: string; started: number }[] = [];
    const inFlight = new Set<Promise<void>>();
    const partials = new Set<string>();
    const failed = (item: QbrBatchItem, started: number, err: unknown) => {
      if (cancel.signal.aborted) {
        item.status = 'cancelled';
        item.file = null;
      } else finish(item, false, started, err instanceof Error ? err.message : String(err));
    };

    // .pptx: decks are built in a worker while the next partner's pack is built here.
    const decks = new Set<Promise<void>>();
    const writeDeck = async (item: QbrBatchItem, pack: QbrPack, tmp: string, target: string, started: number) => {
      try {
        const deck = await buildDeckOffThread(pack, { signal: cancel.signal, branding });
        partials.add(tmp);
        putFile(tmp, deck.bytes, 'dir');
        moveIntoPlace(tmp, target, 'dir');
        partials.delete(tmp);
        finish(item, true, started);
      } catch (err) {
        failed(item, started, err);
      }
    };

    const convert = async (chunk: typeof pending) => {
      try {
        for (const c of chunk) partials.add(c.tmp);
        const jobs = chunk.map((c) => ({ partnerId: c.pack.partner.id, quarter: c.pack.quarter, outPath: c.tmp, pack: c.pack }));
        if (chunk.length > 1 && pdf.renderMany) await pdf.renderMany(jobs, { signal: cancel.signal, branding });
        else await pdf.render(jobs[0]!.partnerId, jobs[0]!.quarter, jobs[0]!.outPath, { signal: cancel.signal, pack: jobs[0]!.pack, branding });
        for (const c of chunk) assertPdf(c.tmp, engine);
        chunk.forEach((c) => {
          moveIntoPlace(c.tmp, c.target, 'dir');
          partials.delete(c.tmp);
          finish(c.item, true, c.started);
        });
      } catch (err) {
        if (cancel.signal.aborted) {
          for (const c of chunk) failed(c.item, c.started, err);
          return;
        }
        if (chunk.length > 1) {
          // Find the deck that broke the conversion: convert one by one.
          for (const c of chunk) await convert([c]);
          return;
        }
        const e = asWriteError(err, chunk[0]!.tmp, 'dir');
        finish(chunk[0]!.item, false, chunk[0]!.started, e instanceof ServiceError ? e.message : `PDF rendering failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    const flush = async (force: boolean) => {
      while (pending.length >= (force ? 1 : chunkSize)) {
        const chunk = pending.splice(0, chunkSize);
        while (inFlight.size >= parallel) await Promise.race(inFlight);
        const p: Promise<void> = convert(chunk).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
    };

    const used = new Set<string>();
    try {
      for (let i = 0; i < s.items.length; i++) {
        const item = s.items[i]!;
        if (cancel.signal.aborted) break;
        const started = performance.now();
        item.status = 'running';
        try {
          const pack = builder.pack(item.partnerId, s.quarter, { internalAppendix: job.internalAppendix });
          const name = uniqueFileName(deckFileName(pack, s.format), used);
          const target = join(s.dir, name);
          job.files.set(item.partnerId, name);
          job.facts.set(item.partnerId, indexFactsOf(pack));
          const tmp = `${target}.partial-${process.pid}`;
          item.file = target;
          if (s.format === 'pptx') {
            const p: Promise<void> = writeDeck(item, pack, tmp, target, started).finally(() => decks.delete(p));
            decks.add(p);
            while (decks.size >= DECKS_AHEAD) await Promise.race(decks);
          } else {
            pending.push({ item, pack, tmp, target, started });
            await flush(false);
          }
        } catch (err) {
          failed(item, started, err);
        }
        // Let the event loop breathe between partners (IPC, UI requests, cancel).
        await new Promise<void>((r) => setImmediate(r));
      }
      if (!cancel.signal.aborted) await flush(true);
      await Promise.all([...inFlight, ...decks]);
    } finally {
      for (const p of partials) removeQuietly(p);
    }
    for (const item of s.items) {
      if (item.status === 'queued' || item.status === 'running') {
        item.status = 'cancelled';
        item.file = null;
      }
    }
    s.state = cancel.signal.aborted ? 'cancelled' : 'done';
    s.finishedAt = this.deps.clock.now();
    for (const item of s.items) if (item.status !== 'done') job.files.delete(item.partnerId);
    const who = new Map(job.partners.map((p) => [p.id, { tier: p.tier_name, owner: p.owner_name }]));
    // The decks were made without actions (their ranking failed): the index and the status say so.
    if (builder.actionsProblem && s.done > 0) s.message = builder.actionsProblem;
    s.indexPath = writeIndex({ status: s, filterText: job.filterText, files: job.files, facts: job.facts, who, notice: builder.actionsProblem });
    progress();
    return s;
  }
}
