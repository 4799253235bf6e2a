import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { withAppHandlers } from '../../support/api';
import { createRouter, type Handlers } from '../../../src-main/api/router';
import { ServiceError } from '../../../src-main/base/errors';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { fixedClock } from '../../../src-main/base/clock';
import { createSyncService } from '../../../src-main/sync/service';

function realHandlers(): Handlers {
  const db = openDb(':memory:');
  const clock = fixedClock('2026-06-30');
  const sync = createSyncService({ db, clock, events: new EventBus(), source: () => null });
  return withAppHandlers(createHandlers({ db, clock, events: new EventBus(), sync, dataDir: ':memory:' }), { clock });
}

describe('router', () => {
  it('refuses unknown methods without running anything', async () => {
    const router = createRouter(realHandlers());
    const res = await router.handle('partners.drop', {});
    expect(res).toEqual({ ok: false, error: { code: 'unknown_method', message: "Unknown method 'partners.drop'." } });
    expect((await router.handle('__proto__', {})).ok).toBe(false);
    expect((await router.handle('toString', {})).ok).toBe(false);
  });

  it('validates input before the service runs and names the field', async () => {
    const handlers = realHandlers();
    const spy = vi.fn(handlers['partners.get']);
    const router = createRouter({ ...handlers, 'partners.get': spy });
    const res = await router.handle('partners.get', { id: 42 });
    expect(spy).not.toHaveBeenCalled();
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('invalid_input');
    expect(res.error.issues?.[0]?.path).toBe('id');
    expect(res.error.message).toBe('Partner id must be text.');

    const extra = await router.handle('sync.runs', { limit: 10, evil: true });
    expect(extra.ok).toBe(false);
    const range = await router.handle('sync.runs', { limit: 100000 });
    expect(!range.ok && range.error.issues?.[0]?.path).toBe('limit');
  });

  it('wraps results and service errors in envelopes', async () => {
    const router = createRouter(realHandlers());
    const ok = await router.handle('partners.list', {});
    expect(ok).toEqual({ ok: true, value: [] });
    const missing = await router.handle('partners.get', { id: 'P-404' });
    expect(missing).toEqual({ ok: false, error: { code: 'not_found', message: "No partner with id 'P-404' in this book." } });
    const withDefault = await router.handle('sync.runs', {});
    expect(withDefault).toEqual({ ok: true, value: [] });
  });

  it('turns unexpected exceptions into an internal error envelope and reports them', async () => {
    const onError = vi.fn();
    const handlers = realHandlers();
    const router = createRouter(
      {
        ...handlers,
        'tiers.list': () => {
          throw new TypeError('boom');
        },
        'users.list': () => {
          throw new ServiceError('locked', 'The plan is signed; reopen it to edit.');
        },
      },
      onError,
    );
    const res = await router.handle('tiers.list', {});
    expect(res).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong in tiers.list: boom' } });
    expect(onError).toHaveBeenCalledWith('tiers.list', expect.any(TypeError));
    expect(await router.handle('users.list', {})).toEqual({
      ok: false,
      error: { code: 'locked', message: 'The plan is signed; reopen it to edit.' },
    });
  });

  it('says a damaged page met by a call in words, and tells the shell so the next open checks every page', async () => {
    // A file whose last pages are overwritten after it was opened: what the check at open cannot have seen.
    const path = join(mkdtempSync(join(tmpdir(), 'pb-router-damage-')), 'replica.sqlite');
    const setup = new Database(path);
    setup.exec('CREATE TABLE t (x TEXT)');
    const add = setup.prepare('INSERT INTO t (x) VALUES (?)');
    setup.transaction(() => {
      for (let i = 0; i < 2000; i++) add.run('x'.repeat(500));
    })();
    setup.close();
    const sqlite = new Database(path);
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, randomBytes(60 * 4096), 0, 60 * 4096, size - 60 * 4096);
    closeSync(fd);
    const onError = vi.fn();
    const onDamaged = vi.fn();
    const router = createRouter(
      { ...realHandlers(), 'tiers.list': () => sqlite.prepare("SELECT count(*) FROM t WHERE x LIKE '%y%'").get() as never },
      onError,
      onDamaged,
    );
    const res = await router.handle('tiers.list', {});
    sqlite.close();
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.message).toMatch(/^Nothing was changed: the local copy of the book is damaged\. Restart Partnerbook: it checks the file when it opens and offers to rebuild it from the PRM.*\(SQLite: .+\)$/);
    expect(onDamaged).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith('tiers.list', expect.objectContaining({ code: expect.stringMatching(/^SQLITE_(CORRUPT|NOTADB)/) }));
  });
});
