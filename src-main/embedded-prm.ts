/**
 * Starts the demo PRM as a child process (so generating the book never blocks the app)
 * and reads the one JSON line it prints when ready. The demo PRM is a developer tool
 * (tools/demo-prm), not product code: the product only knows the command that runs it,
 * found next to a checkout by `findDemoPrmCommand`, and talks to it over the protocol.
 *
 * The child dies with its parent, however the parent ends (even SIGKILL): it is started
 * with `--exit-with-parent` and a stdin pipe that only this process holds; when this
 * process is gone the OS closes the pipe, the child reads end-of-file and shuts down.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface DemoPrmOptions {
  /** The command that runs the demo PRM, e.g. [process.execPath, 'bin/demo-prm.mjs']. */
  command: string[];
  env?: NodeJS.ProcessEnv;
  storePath: string;
  token: string;
  seed?: number;
  scale?: 'small' | 'medium' | 'large' | 'xlarge';
  asOf?: string;
  /** Extra flags for fault injection or simulation (tests). */
  extraArgs?: string[];
  timeoutMs?: number;
  /** Stops the child while it is still starting (the workspace was closed meanwhile). */
  signal?: AbortSignal;
}

export interface RunningDemoPrm {
  url: string;
  token: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The command that runs the demo PRM tool from a checkout (`bin/demo-prm.mjs` in the
 * repository that holds `fromDir`), or null where the tool is not there (a packaged app).
 */
export function findDemoPrmCommand(fromDir: string, node: string = process.execPath): string[] | null {
  let dir = resolve(fromDir);
  for (let i = 0; i < 6; i++) {
    const bin = join(dir, 'bin', 'demo-prm.mjs');
    if (existsSync(bin) && existsSync(join(dir, 'tools', 'demo-prm'))) return [node, bin];
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

export function startDemoPrmProcess(opts: DemoPrmOptions): Promise<RunningDemoPrm> {
  const [cmd, ...pre] = opts.command;
  if (!cmd) throw new Error('no command to start the demo PRM');
  const args = [
    ...pre,
    '--port',
    '0',
    '--store',
    opts.storePath,
    '--token',
    opts.token,
    '--seed',
    String(opts.seed ?? 42),
    '--scale',
    opts.scale ?? 'small',
    ...(opts.asOf ? ['--as-of', opts.asOf] : []),
    '--exit-with-parent',
    ...(opts.extraArgs ?? []),
  ];
  if (opts.signal?.aborted) return Promise.reject(new Error('The demo PRM was stopped before it was ready.'));
  const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  // The pipe is never written: it only tells the child we are alive. Writing to it after the
  // child is gone would raise EPIPE, which must not become an uncaught error here.
  child.stdin.on('error', () => undefined);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The demo PRM did not start in time. ${stderr.trim()}`));
    }, opts.timeoutMs ?? 300_000);
    const onAbort = () => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(new Error('The demo PRM was stopped before it was ready.'));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      try {
        const { url, token } = JSON.parse(line) as { url: string; token: string };
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        resolve({
          url,
          token,
          pid: child.pid ?? -1,
          async stop() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill('SIGTERM');
            const t = setTimeout(() => child.kill('SIGKILL'), 5000);
            await exited;
            clearTimeout(t);
          },
        });
      } catch {
        reject(new Error(`The demo PRM printed something unexpected: ${line}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The demo PRM exited (code ${code}) before it was ready. ${stderr.trim()}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
