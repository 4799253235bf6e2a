/**
 * The harness opens a replica it closed cleanly without reading every page again
 * (db/clean-close.ts), and reads them all after it was killed: through the real shell,
 * whose close must reach the replica after every other connection to it has closed.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHarness, waitForSynced, type Harness } from '../../support/harness';

function staticDir(root: string): string {
  const dir = join(root, 'renderer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Partnerbook</title>');
  return dir;
}

/** Starts the harness; its stderr so far is read through the returned function. */
async function start(root: string): Promise<{ h: Harness; stderr: () => string }> {
  const h = await startHarness(['--data-dir', join(root, 'data'), '--port', '0', '--demo-scale', 'small', '--static-dir', staticDir(root)]);
  let text = '';
  h.child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  return { h, stderr: () => text };
}

async function stopped(h: Harness, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise((r) => h.child.once('exit', r));
  h.child.kill(signal);
  await exited;
}

/** The workspace folder's replica (there is one workspace). */
function replicaOf(root: string): string {
  const ws = join(root, 'data', 'workspaces');
  const [folder] = readdirSync(ws);
  return join(ws, folder!, 'replica.sqlite');
}

async function untilLogged(stderr: () => string, re: RegExp): Promise<string> {
  const until = Date.now() + 60_000;
  while (!re.test(stderr())) {
    if (Date.now() > until) throw new Error(`not logged: ${re} in ${stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return re.exec(stderr())![0];
}

describe('the harness and a replica it closed cleanly', () => {
  it('does not read every page again after a clean stop, and does after it was killed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pb-clean-close-'));
    const first = await start(root);
    try {
      await waitForSynced(first.h);
    } finally {
      await stopped(first.h, 'SIGTERM');
    }
    const replica = replicaOf(root);
    expect(existsSync(`${replica}-closed`)).toBe(true);

    const second = await start(root);
    try {
      await untilLogged(second.stderr, /workspace '/);
      expect(second.stderr()).toContain('the replica is unchanged since it was last closed cleanly: its pages were not read again');
      expect(second.stderr()).not.toContain('checked every page');
      await waitForSynced(second.h);
    } finally {
      await stopped(second.h, 'SIGKILL'); // no handler runs: nothing recorded
    }
    expect(existsSync(`${replica}-closed`)).toBe(false);

    const third = await start(root);
    try {
      await untilLogged(third.stderr, /workspace '/);
      expect(third.stderr()).toMatch(/checked every page of the replica for damage \(\d+ ms\)/);
    } finally {
      await stopped(third.h, 'SIGTERM');
    }
  }, 240_000);
});
