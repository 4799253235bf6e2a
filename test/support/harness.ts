/** Starts `partnerbook web` as a child process and waits for its first sync. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

export interface Harness {
  url: string;
  base: string;
  token: string;
  dataDir: string;
  pid: number;
  child: ChildProcess;
}

export const REPO = resolve(import.meta.dirname, '../..');
export const CLI = resolve(REPO, 'bin/partnerbook.mjs');

const execFileP = promisify(execFile);

/** Runs `partnerbook <args>` to its end: its exit code (0 when it succeeded), stdout and stderr. */
export async function runCli(args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileP(process.execPath, [CLI, ...args], { cwd: REPO, ...(env ? { env } : {}) });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export function startHarness(args: string[], timeoutMs = 240_000): Promise<Harness> {
  const child = spawn(process.execPath, [CLI, 'web', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
  return new Promise((res, rej) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`harness did not start: ${stderr}`));
    }, timeoutMs);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      const info = JSON.parse(line) as Omit<Harness, 'pid' | 'child'>;
      res({ ...info, pid: child.pid!, child });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`harness exited with ${code}: ${stderr}`));
    });
  });
}

export async function invokeHarness<T>(h: Pick<Harness, 'base' | 'token'>, method: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${h.base}/api/invoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ method, input }),
  });
  const env = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!env.ok) throw new Error(env.error?.message ?? 'call failed');
  return env.value as T;
}

/** Polls sync.status until a sync has completed, or fails with the sync's message. */
export async function waitForSynced(h: Pick<Harness, 'base' | 'token'>, timeoutMs = 240_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await invokeHarness<{ state: string; lastSyncedAt: string | null; message: string | null }>(h, 'sync.status').catch(
      () => null,
    );
    if (s?.lastSyncedAt && s.state === 'idle') return;
    if (s?.state === 'error') throw new Error(`sync failed: ${s.message}`);
    if (Date.now() > until) throw new Error(`not synced after ${timeoutMs} ms: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
