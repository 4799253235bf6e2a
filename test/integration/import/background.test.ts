/**
 * A spreadsheet import runs in the import worker (services/import/worker/), so the app keeps
 * answering while it reads, checks and writes: other calls are answered while its write
 * waits, a change made meanwhile is refused in words (never half-saved, never lost
 * silently), and the import then lands whole. No timing: the test holds the replica's write
 * lock on its own connection, so the worker's write waits until the test lets it go.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportProgress, ImportReport } from '../../../src-shared/methods/import';
import { BUSY_MESSAGE } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import { createCore, type Core } from '../../../src-main/core';
import type { ImportWorkerOptions } from '../../../src-main/services/import/worker/pool';
import { call } from '../../support/core';

const DYING_WORKER = join(import.meta.dirname, '../../support/dying-import-worker.mjs');

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const mapping = {
  version: 1,
  name: 'Partners',
  tiers: 'none',
  files: [{ file: 'partners.csv', entity: 'partner', fields: { id: { column: 'Id' }, name: { column: 'Name' } } }],
};

const stage = (core: Core, name: string, text: string) => call(core, 'import.stage', { name, offset: 0, data: Buffer.from(text).toString('base64') });

async function spreadsheetCore(backgroundImport?: ImportWorkerOptions): Promise<Core> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-import-worker-'));
  const core = createCore({ dataDir: dir, clock: fixedClock('2026-11-30T10:00:00Z'), firstRun: 'welcome', demoCommand: null, sync: { editDebounceMs: 3_600_000 }, backgroundImport });
  await core.start();
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanup.push(() => core.close());
  await call(core, 'workspaces.create', { name: 'Sheets', source: { kind: 'spreadsheet' } });
  return core;
}

const partnerNames = (core: Core) => core.db()!.sqlite.prepare('SELECT name FROM partner ORDER BY id').pluck().all();

describe('a spreadsheet import in the worker', () => {
  it('answers other calls and refuses edits in words while its write waits, then lands whole', async () => {
    const core = await spreadsheetCore();
    await stage(core, 'partners.csv', 'Id,Name\nP1,Alpha Systems\nP2,Beacon Distribution\n');
    const first = await call<ImportReport>(core, 'import.run', { files: ['partners.csv'], mapping });
    expect(first).toMatchObject({ applied: true, byEntity: { partner: { added: 2 } } });

    // Another writer holds the replica (as a long import would): the worker's write must wait for it.
    const other = new Database(core.db()!.sqlite.name);
    cleanup.push(() => {
      other.close();
    });
    other.prepare('BEGIN IMMEDIATE').run();

    await stage(core, 'partners.csv', 'Id,Name\nP1,Alpha Systems GmbH\nP2,Beacon Distribution\nP3,Cobalt Partners\n');
    const phases: ImportProgress[] = [];
    const writing = new Promise<void>((resolve) => {
      cleanup.push(
        core.events.on('import.progress', (p) => {
          phases.push(p);
          if (p.phase === 'writing') resolve();
        }),
      );
    });
    let settled = false;
    const second = call<ImportReport>(core, 'import.run', { files: ['partners.csv'], mapping }).finally(() => (settled = true));
    await writing;
    expect(phases).toEqual([{ phase: 'reading' }, { phase: 'checking', count: 3 }, { phase: 'writing' }]);

    // The import waits for the lock to write, and the app still answers: the book as it was...
    const partners = await call<{ name: string }[]>(core, 'partners.list');
    expect(partners.map((p) => p.name).sort()).toEqual(['Alpha Systems', 'Beacon Distribution']);
    expect((await core.router.handle('health.portfolio', {})).ok).toBe(true);
    // ...and a change made meanwhile is refused at once, saying why; nothing of it is stored.
    const plan = await core.router.handle('plans.create', { partnerId: 'P2', period: 'FY2027', from: 'template' });
    expect(plan).toEqual({ ok: false, error: { code: 'unavailable', message: BUSY_MESSAGE } });
    // A sync (the schedule's, or "Sync now") does not start meanwhile: it would have to write its log.
    const runs = core.db()!.sqlite.prepare('SELECT count(*) FROM sync_run').pluck().get();
    expect(await call(core, 'sync.run')).toMatchObject({ error: 'An import is being written to this book; sync again once it is done.' });
    expect(core.db()!.sqlite.prepare('SELECT count(*) FROM sync_run').pluck().get()).toBe(runs);
    expect(settled).toBe(false);

    other.prepare('ROLLBACK').run();
    expect(await second).toMatchObject({ applied: true, byEntity: { partner: { added: 1, changed: 1, removed: 0 } } });
    // Compared once it held the lock: the partner added and the one renamed.
    expect(phases.at(-1)).toEqual({ phase: 'writing', count: 2 });
    expect(partnerNames(core)).toEqual(['Alpha Systems GmbH', 'Beacon Distribution', 'Cobalt Partners']);
    expect(core.db()!.sqlite.prepare('SELECT count(*) FROM jbp').pluck().get()).toBe(0);
    // Once it is done, changes are saved again, and the book syncs.
    expect((await core.router.handle('plans.create', { partnerId: 'P2', period: 'FY2027', from: 'template' })).ok).toBe(true);
    expect(await call(core, 'sync.run')).toMatchObject({ error: null });
  });

  it('makes only the newest of previews asked for in a row, answering the ones it overtook', async () => {
    const core = await spreadsheetCore();
    await stage(core, 'partners.csv', 'Id,Name\nP1,Alpha Systems\nP2,Beacon Distribution\n');
    const named = (name: string) => ({ ...mapping, name });
    // Three previews sent at once, as a user changing the mapping three times quickly: the second waits behind the first and is overtaken by the third.
    const [a, b, c] = await Promise.all(['A', 'B', 'C'].map((n) => core.router.handle('import.preview', { files: ['partners.csv'], mapping: named(n) })));
    expect(a).toMatchObject({ ok: true, value: { applied: false, records: { partner: 2 } } });
    expect(b).toEqual({ ok: false, error: { code: 'unavailable', message: 'A newer preview of these files, for a later change of the mapping, replaced this one.' } });
    expect(c).toMatchObject({ ok: true, value: { applied: false, records: { partner: 2 } } });
    expect(partnerNames(core)).toEqual([]);
  });

  it('passes a refusal in the worker on in the same words, and a failed import writes nothing', async () => {
    const core = await spreadsheetCore();
    await stage(core, 'partners.csv', 'Id,Name\nP1,Alpha Systems\nP2,\n');
    const refused = await call<ImportReport>(core, 'import.run', { files: ['partners.csv'], mapping });
    expect(refused.applied).toBe(false);
    expect(refused.message).toMatch(/^Nothing was imported: /);
    expect(partnerNames(core)).toEqual([]);
    // A file that is no workbook: refused in the worker (a ServiceError there), passed on in the same words.
    await call(core, 'import.stage', { name: 'broken.xlsx', offset: 0, data: Buffer.from('not a workbook').toString('base64') });
    const bad = await core.router.handle('import.run', { files: ['broken.xlsx'], mapping: { ...mapping, files: [{ ...mapping.files[0]!, file: 'broken.xlsx' }] } });
    expect(bad).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'broken.xlsx could not be opened as an Excel .xlsx workbook: it is damaged or is not a workbook. Open it in Excel and save it again, or export it as CSV, and import that.',
      },
    });
    expect(partnerNames(core)).toEqual([]);
  });

  it('a worker that dies holding its open transaction writes nothing, says so in words, and leaves the book writable', async () => {
    const dying = await spreadsheetCore({ entry: DYING_WORKER });
    await stage(dying, 'partners.csv', 'Id,Name\nP1,Alpha Systems\nP2,Beacon Distribution\n');
    const died = await dying.router.handle('import.run', { files: ['partners.csv'], mapping });
    expect(died).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'The import stopped before it finished (the worker stopped (exit code 3)), and nothing was written. Try again; if it stops again, import the files in smaller parts.',
      },
    });
    expect(partnerNames(dying)).toEqual([]);
    // The lock it held went with it: the book takes changes again.
    const settings = { rule: 'even', sourcingShare: 60, camHourlyCost: 100, camHoursPerPartnerMonth: 10 };
    expect(await dying.router.handle('ropi.settings.set', settings)).toEqual({ ok: true, value: settings });
  });
});
