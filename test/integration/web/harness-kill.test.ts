/**
 * Children die with their parent (defect 2): SIGKILL the harness — no handler runs, no
 * cleanup — and its demo PRM child exits by itself, both once it serves and while it is
 * still generating the book. Linux: processes are found through /proc.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHarness, waitForSynced } from '../../support/harness';

/** The state letter and parent pid of a process, or null when there is no such process. */
function stat(pid: number): { state: string; ppid: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state!, ppid: Number(ppid) };
  } catch {
    return null;
  }
}

/** Gone, or a zombie waiting to be reaped (it has exited). */
const gone = (pid: number) => {
  const s = stat(pid);
  return s === null || s.state === 'Z' || s.state === 'X';
};

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The harness's demo PRM child (a node process running bin/demo-prm.mjs). */
function demoChildOf(parent: number): number | null {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (stat(pid)?.ppid === parent && cmdline(pid).includes('demo-prm.mjs')) return pid;
  }
  return null;
}

async function waitFor<T>(what: string, probe: () => T | null | false, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function staticDir(root: string): string {
  const dir = join(root, 'renderer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Partnerbook</title>');
  return dir;
}

describe('the demo PRM dies with the harness', () => {
  it('exits when the harness is SIGKILLed while it serves', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pb-kill-harness-'));
    const h = await startHarness(['--data-dir', join(root, 'data'), '--port', '0', '--demo-scale', 'small', '--static-dir', staticDir(root)]);
    try {
      await waitForSynced(h); // the demo PRM serves, and the harness has synced from it
      const demo = await waitFor('the demo PRM child', () => demoChildOf(h.pid), 10_000);
      expect(cmdline(demo)).toContain('--exit-with-parent');
      expect(cmdline(h.pid)).toMatch(/partnerbook\.mjs web/); // the pid we kill is the harness's node process

      process.kill(h.pid, 'SIGKILL');
      await waitFor('the harness to die', () => gone(h.pid), 10_000);
      await waitFor(`the demo PRM (pid ${demo}) to exit after its parent was killed`, () => gone(demo), 15_000);
      expect(gone(demo)).toBe(true);
    } finally {
      h.child.kill('SIGKILL');
    }
  }, 240_000);

  it('exits when the harness is SIGKILLed while the book is still being generated', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pb-kill-harness-'));
    const h = await startHarness(['--data-dir', join(root, 'data'), '--port', '0', '--demo-scale', 'small', '--static-dir', staticDir(root)]);
    try {
      const demo = await waitFor('the demo PRM child', () => demoChildOf(h.pid), 60_000);
      process.kill(h.pid, 'SIGKILL');
      await waitFor('the harness to die', () => gone(h.pid), 10_000);
      await waitFor(`the demo PRM (pid ${demo}) to exit after its parent was killed`, () => gone(demo), 60_000);
      expect(existsSync(join(root, 'data'))).toBe(true);
    } finally {
      h.child.kill('SIGKILL');
    }
  }, 240_000);
});
