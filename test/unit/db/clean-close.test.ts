/**
 * Opening a replica the app closed cleanly skips reading every page (db/clean-close.ts),
 * on real files in a temp dir; anything that may have changed the file since (a crash, a
 * log left to replay, another program's write, a touch) checks every page as before, and
 * damage is still found.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, statSync, utimesSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanCloseRecord } from '../../../src-main/db/clean-close';
import { openDb, ReplicaDamagedError } from '../../../src-main/db/connection';
import { openReplicaWithRecovery } from '../../../src-main/db/recover';

const replicaPath = () => join(mkdtempSync(join(tmpdir(), 'pb-clean-close-')), 'replica.sqlite');

/** A replica with some bulk data, closed by a plain (unchecked) connection: no record. */
function replica(path: string): void {
  const db = openDb(path);
  const fill = db.sqlite.prepare('INSERT INTO health_snapshot (as_of, fingerprint, computed_at, inputs) VALUES (?, ?, ?, ?)');
  for (let i = 0; i < 200; i++) fill.run(`2020-01-${String(i).padStart(4, '0')}`, 'fp', 'now', JSON.stringify({ pad: 'x'.repeat(3000), i }));
  db.close();
}

/** Opens as the app does (checked) and closes; what the open checked. */
function checkedOpenClose(path: string): string {
  const db = openDb(path, { quickCheck: true });
  const check = db.pageCheck;
  db.close();
  return check;
}

/**
 * File times can be coarse (a clock tick, up to 10 ms, on kernels without fine-grained
 * timestamps): a write by another program within the tick of the close could keep the
 * times the record holds. Real writes by others come later than that; the tests wait a tick.
 */
const nextTick = () => new Promise((r) => setTimeout(r, 25));

describe('opening a replica closed cleanly', () => {
  it('reads every page the first time, then not again while nothing else touched the file', () => {
    const path = replicaPath();
    replica(path);
    expect(checkedOpenClose(path)).toBe('every page');
    expect(existsSync(cleanCloseRecord(path))).toBe(true);

    const db = openDb(path, { quickCheck: true });
    expect(db.pageCheck).toBe('unchanged since a clean close');
    // While the replica is open the record is gone: a crash now leaves nothing to trust.
    expect(existsSync(cleanCloseRecord(path))).toBe(false);
    db.sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('cursor', 'c-1')").run();
    db.close();
    // Its own writes, closed cleanly: still no need to check the next time.
    expect(checkedOpenClose(path)).toBe('unchanged since a clean close');
  });

  it('reads every page after a crash: no record is left while the replica is open', () => {
    const path = replicaPath();
    replica(path);
    checkedOpenClose(path);
    const db = openDb(path, { quickCheck: true });
    db.sqlite.close(); // the process dies: Db.close never runs
    expect(checkedOpenClose(path)).toBe('every page');
  });

  it('reads every page when a write-ahead log is left to replay, even with the file itself untouched', () => {
    const path = replicaPath();
    replica(path);
    checkedOpenClose(path);
    // Another connection (a CLI command, say) writes and is still open: its rows sit in the log.
    const other = openDb(path);
    other.sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('cursor', 'c-2')").run();
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    const db = openDb(path, { quickCheck: true });
    expect(db.pageCheck).toBe('every page');
    expect(db.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get()).toBe('c-2');
    // Closed while the other is open: the log stays, so nothing is recorded.
    db.close();
    expect(existsSync(cleanCloseRecord(path))).toBe(false);
    other.close();
  });

  it('reads every page after anything touched the file, even with its old times set back', async () => {
    const path = replicaPath();
    replica(path);
    checkedOpenClose(path);
    await nextTick();
    const { atime, mtime } = statSync(path);
    utimesSync(path, atime, mtime); // same modification time; the status-change time moves
    expect(checkedOpenClose(path)).toBe('every page');
  });

  it('still finds damage written after a clean close, and asks before rebuilding', async () => {
    const path = replicaPath();
    replica(path);
    checkedOpenClose(path);
    expect(checkedOpenClose(path)).toBe('unchanged since a clean close');
    await nextTick();
    // Another program overwrites the last pages; the file keeps its size.
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, randomBytes(40 * 4096), 0, 40 * 4096, size - 40 * 4096);
    closeSync(fd);
    expect(() => openDb(path, { quickCheck: true })).toThrow(ReplicaDamagedError);
    let asked = false;
    expect(() =>
      openReplicaWithRecovery(path, () => {
        asked = true;
        return false;
      }),
    ).toThrow(ReplicaDamagedError);
    expect(asked).toBe(true);
  });

  it('reads every page after a session in which a call met a damaged page', () => {
    const path = replicaPath();
    replica(path);
    checkedOpenClose(path);
    const db = openDb(path, { quickCheck: true });
    expect(db.pageCheck).toBe('unchanged since a clean close');
    db.damageSeen(); // what the router reports through the shell (api/router.ts)
    db.close();
    expect(existsSync(cleanCloseRecord(path))).toBe(false);
    expect(checkedOpenClose(path)).toBe('every page');
  });

  it('keeps no record for an unchecked or read-only open', () => {
    const path = replicaPath();
    replica(path);
    expect(existsSync(cleanCloseRecord(path))).toBe(false);
    const ro = openDb(path, { readonly: true, quickCheck: true });
    expect(ro.pageCheck).toBe('every page');
    ro.close();
    expect(existsSync(cleanCloseRecord(path))).toBe(false);
  });
});
