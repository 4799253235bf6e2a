/**
 * Sync against a hostile PRM (test/support/hostile-prm.ts): a replica synced from the real
 * demo PRM is pointed at a server that misbehaves in one way per case. Through the sync
 * service and through `partnerbook sync` (a child process), every sync ends — bounded by
 * the test's timeout, not by a timed assertion — with one clear line, and the replica is
 * intact: row counts and checksums, outbox rows and `PRAGMA integrity_check` unchanged.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { createSyncService } from '../../../src-main/sync/service';
import { ENTITY_NAMES } from '../../../src-shared/domain/entities';
import { startDemoPrm } from '../../../tools/demo-prm/server';
import { CLI, REPO } from '../../support/harness';
import { startHostilePrm, type HostileMode } from '../../support/hostile-prm';

interface Case {
  mode: HostileMode;
  /** The one line the sync ends with; null: the sync succeeds. */
  message: RegExp | null;
  /** Per-request deadline, seconds. */
  timeoutS?: number;
  /** Only /v1/info misbehaves: a sync that never asks it (no identity check) succeeds. */
  infoOnly?: boolean;
}

const WAIT_AFTER = /Try again after (\d{4}-\d{2}-\d{2} )?\d{2}:\d{2}\.$/;
const CASES: Case[] = [
  { mode: 'endless-body', message: /^The PRM sent a page larger than 64 MB \(asked for 50 changes\); sync stopped\. Contact your PRM admin\.$/, timeoutS: 120 },
  { mode: 'huge-content-length', message: /^The PRM sent a page larger than 64 MB \(asked for 50 changes\); sync stopped\./ },
  { mode: 'same-cursor', message: /^The PRM's change log did not move forward \(it sent the same cursor again with more to come\); sync stopped\./ },
  { mode: 'cursor-cycle', message: /^The PRM's change log went back to a place it had already sent \(a loop\); sync stopped\./ },
  { mode: 'trickle', message: /^The PRM at http:\/\/127\.0\.0\.1:\d+ did not finish sending its answer within 2 s\.$/, timeoutS: 2 },
  { mode: 'truncated-info', message: /^The PRM sent an incomplete or garbled answer to \/v1\/info\.$/, infoOnly: true },
  { mode: 'truncated-info-once', message: null, infoOnly: true },
  { mode: 'garbage-info', message: /^The server at http:\/\/127\.0\.0\.1:\d+ answered with data that is not JSON; it does not look like a PRM\. Check the address\.$/, infoOnly: true },
  { mode: 'html', message: /^The server at http:\/\/127\.0\.0\.1:\d+ answered with a web page, not PRM data; it does not look like a PRM\. Check the address\.$/ },
  { mode: 'retry-after-huge', message: new RegExp(`^The PRM asked us to wait 60 minutes \\(rate limited\\)\\. ${WAIT_AFTER.source}`) },
  { mode: 'retry-after-date', message: new RegExp(`^The PRM asked us to wait 2 hours \\(rate limited\\)\\. ${WAIT_AFTER.source}`) },
  {
    mode: 'gone-forever',
    message:
      /^The PRM could no longer continue from where this copy left off, so Partnerbook started a full refresh; the PRM refused that too\. Your local copy and pending edits are unchanged; try again later\.$/,
  },
  { mode: 'changes-not-array', message: /^The PRM's answer to \/v1\/changes is not in the expected format \(changes: expected array, received object\); sync stopped\.$/ },
  { mode: 'bad-entity', message: /^Bad record from the PRM, change 1 of 1: unknown entity 'spaceship' \(id X-1\)\.$/ },
  { mode: 'redirect-loop', message: /^The PRM at http:\/\/127\.0\.0\.1:\d+ kept redirecting \(more than 5 redirects, probably a loop\); check the PRM address\.$/ },
];

const dir = mkdtempSync(join(tmpdir(), 'pb-hostile-'));
const basePath = join(dir, 'base.sqlite');
let baseline: Fingerprint;

interface Fingerprint {
  counts: Record<string, number>;
  checksum: string;
  outbox: unknown[];
  integrity: string;
}

function fingerprint(path: string): Fingerprint {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    const counts: Record<string, number> = {};
    for (const e of ENTITY_NAMES) {
      const rows = db.prepare(`SELECT * FROM "${e}" ORDER BY id`).all();
      counts[e] = rows.length;
      hash.update(`${e}\n${JSON.stringify(rows)}\n`);
    }
    return {
      counts,
      checksum: hash.digest('hex'),
      outbox: db.prepare('SELECT * FROM outbox ORDER BY mutation_id').all(),
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

function replicaCopy(name: string): string {
  const path = join(dir, `${name}.sqlite`);
  copyFileSync(basePath, path);
  return path;
}

/** Writes the process's peak RSS (VmHWM, kB) to fd 3 as it exits. */
const PEAK_RSS = `data:text/javascript,${encodeURIComponent(
  "import { readFileSync, writeSync } from 'node:fs';" +
    "process.on('exit', () => { try { const m = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8')); if (m) writeSync(3, m[1]); } catch {} });",
)}`;

function collect(stream: Readable | null): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    if (!stream) return resolve('');
    stream.on('data', (d: Buffer) => (text += d.toString()));
    stream.once('close', () => resolve(text));
  });
}

async function cliSync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; peakKb: number | null }> {
  const child = spawn(process.execPath, ['--import', PEAK_RSS, CLI, 'sync', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const [stdout, stderr, peak, code] = await Promise.all([
    collect(child.stdout),
    collect(child.stderr),
    collect(child.stdio[3] as Readable),
    new Promise<number | null>((resolve) => child.once('exit', resolve)),
  ]);
  return { code, stdout, stderr, peakKb: peak ? Number(peak) : null };
}

beforeAll(async () => {
  const prm = await startDemoPrm({ seed: 5, scale: 'small', asOf: '2026-11-20', token: 'demo' });
  try {
    const db = openDb(basePath);
    const sync = createSyncService({
      db,
      clock: fixedClock('2026-11-20T09:00:00Z'),
      events: new EventBus(),
      source: () => protocolV1Connector({ url: prm.url, token: 'demo' }),
    });
    const summary = await sync.run();
    expect(summary.error).toBeNull();
    // Local edits the PRM has not taken (kept for the user): a sync must leave them as they are.
    const insert = db.sqlite.prepare(
      "INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at, status, error) VALUES ('note', ?, 'upsert', 0, ?, '{}', '2026-11-20T08:00:00Z', 'rejected', 'Too long.')",
    );
    insert.run('N-local-1', JSON.stringify({ body: 'kept 1' }));
    insert.run('N-local-2', JSON.stringify({ body: 'kept 2' }));
    // The run's background checkpoint must be over before the file is copied on its own
    // (without its -wal) for each case: the workspace closes its sync before its Db too.
    await sync.close();
    db.close();
  } finally {
    await prm.close();
  }
  baseline = fingerprint(basePath);
  expect(baseline.integrity).toBe('ok');
  expect(baseline.counts.partner).toBeGreaterThan(0);
  expect(baseline.outbox).toHaveLength(2);
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(CASES)('a hostile PRM: $mode', ({ mode, message, timeoutS = 3, infoOnly = false }) => {
  it('through the sync service: ends with one clear line and an intact replica', async () => {
    const hostile = await startHostilePrm(mode);
    const path = replicaCopy(`service-${mode}`);
    try {
      const db = openDb(path);
      const sync = createSyncService({
        db,
        clock: fixedClock('2026-11-20T10:00:00Z'),
        events: new EventBus(),
        source: () => protocolV1Connector({ url: hostile.url, token: hostile.token }),
        timeoutMs: timeoutS * 1000,
        retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
      });
      const summary = await sync.run();
      const status = sync.status();
      await sync.close();
      db.close();
      const askedInfo = hostile.requests.includes('GET /v1/info');
      if (message && (askedInfo || !infoOnly)) {
        expect(summary.ok).toBe(false);
        expect(summary.error).toMatch(message);
        expect(status.message).toBe(summary.error);
      } else {
        expect(summary.error).toBeNull();
      }
      expect(fingerprint(path)).toEqual(baseline);
      if (mode.startsWith('truncated-info') && askedInfo) {
        // A reply cut short is retried, not taken for "not a PRM".
        expect(hostile.requests.filter((r) => r === 'GET /v1/info').length).toBeGreaterThan(1);
      }
    } finally {
      await hostile.close();
    }
  }, 180_000);

  it('through `partnerbook sync`: exits with one plain line and an intact replica', async () => {
    const hostile = await startHostilePrm(mode);
    const path = replicaCopy(`cli-${mode}`);
    try {
      const res = await cliSync(['--db', path, '--prm', hostile.url, '--token', hostile.token, '--timeout', String(timeoutS)]);
      if (message) {
        expect(res.code).toBe(1);
        const lines = res.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]!.replace(/^partnerbook sync: /, '')).toMatch(message);
        expect(res.stdout).toBe('');
      } else {
        expect(res.stderr).toBe('');
        expect(res.code).toBe(0);
        expect(res.stdout).toMatch(/^Synced: 0 changes pulled, 0 deletions, in [\d.]+ s\.\n2 refused edits wait for you on the app's Sync page\.\n$/);
      }
      expect(fingerprint(path)).toEqual(baseline);
      if (mode === 'endless-body' && existsSync('/proc/self/status')) {
        // It read no more than the cap at a time: far below the 7 GB the endless body once took.
        expect(res.peakKb).not.toBeNull();
        expect(res.peakKb!).toBeLessThan(1024 * 1024);
      }
    } finally {
      await hostile.close();
    }
  }, 240_000);
});
