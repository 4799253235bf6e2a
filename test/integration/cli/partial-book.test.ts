/**
 * A first sync stopped part-way (here: cancelled after its first pages) leaves part of the
 * book. The CLI's reports (health, ropi, forecast, voice, actions, export-qbr) refuse to
 * describe it as if it were the book, with a sentence saying how to finish; once a sync
 * finishes, they report again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { createSyncService } from '../../../src-main/sync/service';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { runCli } from '../../support/harness';

const dir = mkdtempSync(join(tmpdir(), 'pb-partial-'));
const replica = join(dir, 'replica.sqlite');
let prm: DemoPrm;

beforeAll(async () => {
  prm = await startDemoPrm({ seed: 7, scale: 'small', asOf: '2026-11-20', token: 'tok' });
  const db = openDb(replica);
  const events = new EventBus();
  const sync = createSyncService({ db, clock: systemClock, events, source: () => protocolV1Connector({ url: prm.url, token: 'tok' }), pageSize: 200 });
  // Cancelled once the first pages are in: what a Ctrl-C or a lost connection leaves.
  events.on('sync.status', (s) => {
    if (s.state === 'syncing' && (s.progress?.entities.partner ?? 0) > 0) void sync.cancel();
  });
  await sync.run();
  await sync.close();
  db.close();
});
afterAll(async () => {
  await prm.close();
});

describe('reports on a book whose first sync stopped part-way', () => {
  it.each([
    ['health', ['health', '--all']],
    ['ropi', ['ropi', '--all']],
    ['voice', ['voice', '--all']],
    ['actions', ['actions', '--all']],
    ['export-qbr', ['export-qbr', '--partner', 'P-00001', '--out', join(dir, 'deck.pptx')]],
  ])('%s refuses with what to do, not figures of part of the book', async (_name, args) => {
    const res = await runCli([...args, '--db', replica]);
    expect(res.code).not.toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/the book in .* is only partly here: its first sync stopped part-way \([\d,]+ partners so far\), so .* would describe part of it\. Run `partnerbook sync` on it to finish, then try again\./);
  });

  it('reports again once a sync has finished the book', async () => {
    const synced = await runCli(['sync', '--db', replica, '--prm', prm.url, '--token', 'tok']);
    expect(synced.code, synced.stderr).toBe(0);
    const res = await runCli(['health', '--all', '--db', replica]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.length).toBeGreaterThan(0);
  });
});
