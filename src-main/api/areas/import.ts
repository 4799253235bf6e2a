import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTITY_NAMES } from '../../../src-shared/domain/entities';
import type { ImportMapping } from '../../../src-shared/domain/import-mapping';
import { IMPORT_FIELDS } from '../../../src-shared/domain/import-fields';
import { STAGE_CHUNK_BYTES, type ImportProgress, type importMethods, type ImportReport } from '../../../src-shared/methods/import';
import { ServiceError } from '../../base/errors';
import { asWriteError, ensureFolder } from '../../base/write-files';
import { importedBook, importTables, inspectTables, missingInWords, parseMapping, readFiles, type ImportResult } from '../../services/import/service';
import { ImportWorker } from '../../services/import/worker/pool';
import { whileWrittenElsewhere } from '../../db/written-elsewhere';
import type { AreaHandlers, HandlerDeps } from './deps';

/** Where a workspace keeps the files of its import (staged uploads) and the mapping it last used. */
const FILES_DIR = 'import-files';
const MAPPING_FILE = 'import-mapping.json';
const MAX_STAGED_BYTES = 1024 * 1024 * 1024;

function report(r: ImportResult, withSamples: boolean): ImportReport {
  return {
    ok: r.ok,
    applied: r.outcome?.applied ?? false,
    message: r.message,
    errors: r.errors.map((e) => ({ file: e.file, line: e.line, column: e.column, value: e.value, message: e.message, what: e.what })),
    errorCount: r.errorCount,
    problems: r.problems,
    badRows: r.badRows,
    orderLinesLeftOut: r.orderLinesLeftOut,
    questions: r.questions,
    unknownValues: r.unknownValues,
    rowsRead: r.rowsRead,
    records: r.records as Record<string, number>,
    unassignedPartners: r.unassignedPartners,
    totals: r.outcome?.totals ?? null,
    byEntity: (r.outcome?.byEntity ?? {}) as ImportReport['byEntity'],
    removals: r.outcome?.removals ?? [],
    alsoRemoved: r.outcome?.alsoRemoved ?? null,
    lastDate: r.lastDate,
    missing: r.coverage ? missingInWords(r.coverage) : [],
    samples: withSamples ? r.samples : {},
  };
}

export function importHandlers(d: HandlerDeps): AreaHandlers<typeof importMethods> {
  const dir = join(d.dataDir, FILES_DIR);
  const spreadsheet = () => (d.sourceKind?.() ?? 'spreadsheet') === 'spreadsheet';
  const requireSpreadsheet = () => {
    if (!spreadsheet()) {
      throw new ServiceError('invalid_input', 'This workspace syncs from a PRM; import spreadsheets into a workspace of their own (Add workspace → Import spreadsheets).');
    }
  };
  const paths = (files: readonly string[]) =>
    files.map((f) => {
      const p = join(dir, f);
      if (!existsSync(p)) throw new ServiceError('invalid_input', `The file '${f}' was not uploaded; add it again.`);
      return p;
    });
  const savedMapping = (): ImportMapping | null => {
    const p = join(d.dataDir, MAPPING_FILE);
    if (!existsSync(p)) return null;
    try {
      return parseMapping(JSON.parse(readFileSync(p, 'utf8')));
    } catch {
      return null;
    }
  };
  // A file-backed replica imports in the worker (services/import/worker/), so other calls are answered meanwhile.
  const file = d.db.sqlite.name;
  const worker = d.backgroundImport && !d.db.sqlite.memory && file && file !== ':memory:' ? new ImportWorker(file, d.backgroundImport) : null;
  if (worker) d.onClose?.(() => worker.close());
  const progress = (p: ImportProgress) => d.events.emit('import.progress', p);
  const run = async (files: readonly string[], mapping: ImportMapping, opts: { dryRun?: boolean; skipBadRows?: boolean; confirmRemovals?: boolean }) => {
    requireSpreadsheet();
    const p = paths(files);
    if (!worker) return importTables(d.db, d.clock, await readFiles(p), mapping, opts);
    const inWorker = () => worker.run(p, mapping, opts, d.clock.now(), progress);
    // While the worker writes, this connection's writes are refused at once instead of holding
    // every call, and no sync starts (db/written-elsewhere.ts); one already running finishes first.
    if (opts.dryRun) return inWorker();
    return whileWrittenElsewhere(d.db, async () => {
      await d.sync.idle();
      return inWorker();
    });
  };
  return {
    'import.stage': ({ name, offset, data }) => {
      requireSpreadsheet();
      const bytes = Buffer.from(data, 'base64');
      if (bytes.length > STAGE_CHUNK_BYTES) throw new ServiceError('invalid_input', `A piece of the file '${name}' arrived larger than an upload sends (${STAGE_CHUNK_BYTES.toLocaleString('en-US')} bytes at most); add the file again.`);
      ensureFolder(dir, 'name');
      const p = join(dir, name);
      const have = offset === 0 || !existsSync(p) ? 0 : statSync(p).size;
      if (offset !== have) {
        throw new ServiceError('invalid_input', `The file '${name}' arrived out of order (${have.toLocaleString('en-US')} bytes so far, not ${offset.toLocaleString('en-US')}); send it again from the start.`);
      }
      if (have + bytes.length > MAX_STAGED_BYTES) throw new ServiceError('invalid_input', `The file '${name}' is larger than the 1 GB an import takes.`);
      try {
        if (offset === 0) writeFileSync(p, bytes);
        else appendFileSync(p, bytes);
      } catch (err) {
        // A full disk, a read-only data folder, a name this file system refuses: said in words.
        throw asWriteError(err, p, 'name');
      }
      return { name, bytes: have + bytes.length };
    },
    'import.clear': () => {
      const n = existsSync(dir) ? readdirSync(dir).length : 0;
      rmSync(dir, { recursive: true, force: true });
      return { cleared: n };
    },
    'import.inspect': async ({ files }) => {
      requireSpreadsheet();
      const p = paths(files);
      const name = importedBook(d.db)?.mapping ?? 'Imported book';
      const { tables, proposal } = worker ? await worker.inspect(p, name) : inspectTables(await readFiles(p), name);
      const saved = savedMapping();
      const fits = saved !== null && saved.files.every((f) => tables.some((t) => t.file.toLowerCase() === f.file.toLowerCase()));
      return {
        tables,
        mapping: fits ? saved : proposal.mapping,
        guesses: fits ? [] : proposal.tables,
        uncertain: fits ? [] : proposal.uncertain,
        fields: IMPORT_FIELDS,
        saved: fits,
      };
    },
    'import.preview': async ({ files, mapping }) => {
      const result = await run(files, mapping, { dryRun: true });
      return report(result, true);
    },
    'import.run': async ({ files, mapping, skipBadRows, confirmRemovals }) => {
      const result = await run(files, mapping, { skipBadRows, confirmRemovals });
      if (result.outcome?.applied) {
        writeFileSync(join(d.dataDir, MAPPING_FILE), `${JSON.stringify(mapping, null, 2)}\n`);
        d.events.emit('data.changed', { entities: [...ENTITY_NAMES, 'import'] });
      }
      return report(result, false);
    },
    'import.status': () => {
      const last = importedBook(d.db);
      return {
        spreadsheet: spreadsheet(),
        last: last ? { importedAt: last.importedAt, files: last.files, mapping: last.mapping, lastDate: last.lastDate, missing: missingInWords(last.coverage) } : null,
      };
    },
  };
}
