/**
 * A spreadsheet workspace through the app's API, as the import wizard drives it: files
 * uploaded in chunks, inspected (a proposal), previewed (nothing written), imported; then a
 * plan made in the book goes through sync like any edit (the source keeps it locally) and
 * survives a re-import of the same files. Real data: ../shared/data (AdventureWorks).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportInspection, ImportReport } from '../../../src-shared/methods/import';
import { STAGE_CHUNK_BYTES } from '../../../src-shared/methods/import';
import { fixedClock } from '../../../src-main/base/clock';
import { createCore, type Core } from '../../../src-main/core';
import { openDb } from '../../../src-main/db/connection';
import { importTables, parseMapping, readFiles } from '../../../src-main/services/import/service';
import { setState } from '../../../src-main/sync/state';
import { call, statusWhen } from '../../support/core';
import { REPO } from '../../support/harness';

const DATA = resolve(REPO, '../shared/data/adventureworks-reseller-channel');
const present = existsSync(DATA);
if (!present) console.warn(`skipping the spreadsheet workspace tests: ${DATA} is not on this machine`);
const FILES = ['DimEmployee.csv', 'Resellers.csv', 'FactResellerSales.csv'];
const mapping = JSON.parse(readFileSync(join(REPO, 'resources/import-mappings/adventureworks-reseller-channel.json'), 'utf8')) as unknown;

describe.skipIf(!present)('a spreadsheet workspace through the API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-sheet-ws-'));
  let core: Core;
  beforeAll(async () => {
    core = createCore({ dataDir: dir, clock: fixedClock('2026-11-30T10:00:00Z'), firstRun: 'welcome', demoCommand: null, sync: { editDebounceMs: 3_600_000 } });
    await core.start();
  });
  afterAll(() => core?.close());

  it('uploads, inspects, previews and imports; plans made there are kept locally and survive a re-import', async () => {
    await call(core, 'workspaces.create', { name: 'AdventureWorks', source: { kind: 'spreadsheet' } });
    // Upload in chunks, as the wizard does (FactResellerSales is larger than one chunk).
    for (const f of FILES) {
      const bytes = readFileSync(join(DATA, f));
      for (let at = 0; at < bytes.length || at === 0; at += STAGE_CHUNK_BYTES) {
        await call(core, 'import.stage', { name: f, offset: at, data: bytes.subarray(at, at + STAGE_CHUNK_BYTES).toString('base64') });
        if (bytes.length === 0) break;
      }
    }
    await expect(call(core, 'import.stage', { name: 'FactResellerSales.csv', offset: 5, data: 'AAAA' })).rejects.toThrow(/send it again from the start/);
    // (that refused chunk left the staged file as it was: it is re-sent whole below)
    const fact = readFileSync(join(DATA, 'FactResellerSales.csv'));
    for (let at = 0; at < fact.length; at += STAGE_CHUNK_BYTES) {
      await call(core, 'import.stage', { name: 'FactResellerSales.csv', offset: at, data: fact.subarray(at, at + STAGE_CHUNK_BYTES).toString('base64') });
    }

    const inspection = await call<ImportInspection>(core, 'import.inspect', { files: FILES });
    expect(inspection.tables.map((t) => [t.file, t.rows])).toEqual([
      ['DimEmployee.csv', 296],
      ['Resellers.csv', 701],
      ['FactResellerSales.csv', 57_851],
    ]);
    expect(inspection.tables[0]!.encoding).toBe('utf-16le');
    expect(inspection.mapping.files.map((f) => f.entity)).toEqual(['user', 'partner', 'opportunity']);

    const preview = await call<ImportReport>(core, 'import.preview', { files: FILES, mapping });
    expect(preview).toMatchObject({ applied: false, records: { partner: 701, opportunity: 3616 } });
    expect(preview.totals).toMatchObject({ added: 4338, changed: 0, removed: 0 });
    expect(preview.missing).toContain('PSAT responses');
    expect(preview.samples.partner).toHaveLength(5);
    expect(core.db()!.sqlite.prepare('SELECT count(*) FROM partner').pluck().get()).toBe(0);

    const run = await call<ImportReport>(core, 'import.run', { files: FILES, mapping });
    expect(run).toMatchObject({ ok: true, applied: true, lastDate: '2020-05-31' });
    expect(core.db()!.sqlite.prepare('SELECT count(*) FROM partner').pluck().get()).toBe(701);
    const status = await call<{ last: { mapping: string } | null; spreadsheet: boolean }>(core, 'import.status');
    expect(status).toMatchObject({ spreadsheet: true, last: { mapping: 'AdventureWorks reseller channel' } });

    // A plan for the top reseller: queued like any edit, accepted by the local source at the next sync.
    const { id } = await call<{ id: string }>(core, 'plans.create', { partnerId: '599', period: 'FY2020', from: 'template' });
    await call(core, 'sync.run');
    const after = await statusWhen(core, (s) => s.state === 'idle' && s.pendingEdits === 0);
    expect(after.message).toBeNull();
    expect(core.db()!.sqlite.prepare('SELECT version FROM jbp WHERE id = ?').pluck().get(id)).toBe(1);

    const again = await call<ImportReport>(core, 'import.run', { files: FILES, mapping });
    expect(again.totals).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect(core.db()!.sqlite.prepare('SELECT count(*) FROM jbp WHERE id = ?').pluck().get(id)).toBe(1);
    // The saved mapping is offered for the next import of the same export.
    expect((await call<ImportInspection>(core, 'import.inspect', { files: FILES })).saved).toBe(true);
  });

  it('refuses an import into a replica that syncs from a PRM, writing nothing', async () => {
    const db = openDb(':memory:');
    setState(db.sqlite, 'cursor', 'c-1');
    const tables = await readFiles(FILES.map((f) => join(DATA, f)));
    expect(() => importTables(db, fixedClock('2026-11-30'), tables, parseMapping(mapping))).toThrow(
      'This replica is synced from a PRM; import spreadsheets into a new replica or a spreadsheet workspace of their own.',
    );
    expect(db.sqlite.prepare('SELECT count(*) FROM partner').pluck().get()).toBe(0);
    db.close();
  });
});
