/**
 * bench:sync-rss — the main process's peak RSS during a workspace's first sync, as the app
 * runs it: the real core (createCore: the sync service, the API router, the health, actions
 * and checkpoint worker threads, whose memory is this process's) pulling the demo book from
 * the demo PRM in its own process, while the calls the screens make during loading go
 * through the router. Prints progress on stderr and one JSON line on stdout; asserts nothing.
 *
 *   npm run bench:sync-rss                      # large book
 *   npm run bench:sync-rss -- --scale xlarge    # target: peak ≤ 1,024 MB
 *
 * The window is on the Portfolio (src-renderer/api/boot-requests.ts, PortfolioPage.tsx,
 * ActionsBadge.tsx): at the first `syncing` status the start-up calls (workspaces.current,
 * identity.get, display.get, health.portfolio {first: 80}); once those answered, the whole
 * book (health.portfolio {scope}), asked again on every data.changed naming a health input,
 * or while the answer lists a book still arriving a partner, tier or user (ARRIVING_REFRESH;
 * at most once per 1.2 s, never while one is in flight: hooks.ts), and with `--every N` also
 * every N seconds during the pull (default 0: only on data.changed, as the page does); once
 * the sync has finished, a list of the book as it arrived is asked for again (the page's effect).
 * When the pull has finished, the Actions badge's actions.summary {scope: 'mine'} too (the
 * badge waits while the book is loading). Answers are serialised (JSON.stringify) as the
 * shells would send them. The run ends once no call has been in flight for 10 s after the pull.
 *
 * `rss` is sampled every 100 ms (process.memoryUsage(): the whole process, threads
 * included) and checked against VmHWM (Linux) at the end. Figures: `pull_peak_rss_mb`, the
 * sampled peak while the pull ran (the issue's figure: ≤ 1 GB during the xlarge pull); `peak_rss_mb` {mb,
 * floor: RSS when the pull started, ratio, at_s (since the pull started), phase ('pull' or
 * 'after'), the main thread's memoryUsage fields and each worker's V8 heap at the peak, the
 * calls in flight then}; `pull_s`; `calls` (count, mean and max ms, bytes of the last answer);
 * `load`. First figures (2 cores, load 2–4): large 1,228–1,250 MB (floor ~200, pull 43–75 s);
 * xlarge 1,843 MB (floor 181, pull 312 s), both after the pull, while the health recompute
 * and the actions ranking ran side by side; xlarge already ~1,150 MB during the pull. Since
 * a book still arriving is listed, not scored (load 1.4–1.6): during the pull 456 MB on large
 * (pull 41 s) and 496 MB on xlarge (pull 163 s); after it 954 MB and 1,638 MB.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { asOfClock } from '../../src-main/base/clock';
import { createCore } from '../../src-main/core';
import { startDemoPrmProcess } from '../../src-main/embedded-prm';
import { ACTION_INPUT_ENTITIES } from '../../src-shared/methods/action-inputs';
import { ARRIVING_REFRESH, HEALTH_REFRESH } from '../../src-renderer/pages/health/refresh';
import { CLI } from '../support/harness';
import { benchScale, cachedPrmStore } from './large-replica';
import { highWaterMark, resetHighWaterMark } from './sync-floor';

const AS_OF = '2026-11-20';
const SAMPLE_MS = 100;
const THROTTLE_MS = 1200;
const QUIET_MS = 10_000;
const everyAt = process.argv.indexOf('--every');
const EVERY_S = everyAt >= 0 ? Number(process.argv[everyAt + 1]) : 0;
const log = (m: string) => process.stderr.write(`[sync-rss] ${m}\n`);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/**
 * The V8 heap of each worker thread (health, actions, checkpoint), by the kind of the first
 * request it was sent, refreshed every 500 ms: process.memoryUsage() sees the main thread's only.
 */
function workerHeaps(): { heaps: Map<string, number>; stop(): void } {
  const kinds = new Map<Worker, string>();
  const heaps = new Map<string, number>();
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, m: unknown, ...rest: Parameters<Worker['postMessage']> extends [unknown, ...infer R] ? R : never) {
    const kind = (m as { kind?: string } | null)?.kind;
    if (!kinds.has(this)) kinds.set(this, kind === 'inputs' ? 'health' : kind === 'rank' || kind === 'evidence' ? 'actions' : 'checkpoint');
    return post.call(this, m, ...rest);
  };
  const timer = setInterval(() => {
    for (const [w, label] of kinds) {
      w.getHeapStatistics().then(
        (h) => heaps.set(label, h.total_heap_size + h.malloced_memory + h.external_memory),
        () => kinds.delete(w),
      );
    }
  }, 500);
  return { heaps, stop: () => clearInterval(timer) };
}

async function main() {
  const threads = workerHeaps();
  const scale = benchScale('large');
  const key = { seed: 42, scale, asOf: AS_OF };
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-sync-rss-'));
  // A copy: the demo PRM opens its store for writing (its log), the cached file is never touched.
  const storePath = join(dir, 'prm.sqlite');
  copyFileSync(cachedPrmStore(key, log), storePath);
  const prm = await startDemoPrmProcess({ command: [process.execPath, CLI, 'demo-prm'], storePath, token: 'bench', scale, seed: 42, asOf: AS_OF, timeoutMs: 900_000 });
  const core = createCore({ dataDir: join(dir, 'data'), clock: asOfClock(AS_OF), firstRun: 'welcome', demoCommand: null, prm: { url: prm.url, token: 'bench' } });

  const t0 = performance.now();
  let pullStart: number | null = null;
  let pullEnd: number | null = null;
  let floor = 0;
  const inFlight = new Map<string, number>();
  const calls: Record<string, { n: number; ms: number; maxMs: number; bytes: number; errors: number }> = {};
  let lastBusy = performance.now();
  const heapsText = () => [...threads.heaps].map(([k, v]) => `${k} ${mb(v)}`).join(', ');
  const sample = () => ({ t: performance.now(), ...process.memoryUsage(), inFlight: [...inFlight.keys()], workers: heapsText() });
  let peak = sample();
  // The peak while the pull runs (the issue's figure), apart from the one after it.
  let pullPeak = null as ReturnType<typeof sample> | null;
  let timeline = 0;
  const sampler = setInterval(() => {
    const s = sample();
    if (s.rss > peak.rss) peak = s;
    if (pullStart !== null && pullEnd === null && s.rss > (pullPeak?.rss ?? 0)) pullPeak = s;
    // A line on stderr every 2 s: when the RSS grew, and what ran then.
    if (++timeline % 20 === 0) log(`${((s.t - t0) / 1000).toFixed(0)} s: RSS ${mb(s.rss)} MB, heap ${mb(s.heapUsed)}, external ${mb(s.external)}; workers' heaps: ${s.workers || '—'}; in flight: ${s.inFlight.join(', ') || '—'}`);
  }, SAMPLE_MS);

  const call = async (name: string, method: string, input: unknown, answered?: (value: unknown) => void) => {
    inFlight.set(name, (inFlight.get(name) ?? 0) + 1);
    const c = (calls[name] ??= { n: 0, ms: 0, maxMs: 0, bytes: 0, errors: 0 });
    const start = performance.now();
    try {
      const env = await core.router.handle(method, input);
      if (env.ok) {
        c.bytes = JSON.stringify(env.value).length;
        answered?.(env.value);
      }
      else {
        c.errors++;
        log(`${name}: ${env.error.message}`);
      }
    } finally {
      const ms = performance.now() - start;
      Object.assign(c, { n: c.n + 1, ms: c.ms + ms, maxMs: Math.max(c.maxMs, ms) });
      const left = (inFlight.get(name) ?? 1) - 1;
      if (left > 0) inFlight.set(name, left);
      else inFlight.delete(name);
      lastBusy = performance.now();
    }
  };
  /**
   * A query refetched on data.changed naming one of `on`, as useQuery does; the Portfolio's
   * list of a book still arriving, on `whileArriving` (PortfolioPage.tsx).
   */
  const query = (name: string, method: string, input: unknown, on: readonly string[], whileArriving: readonly string[] = on) => {
    let arriving = false;
    let last = 0;
    let timer: NodeJS.Timeout | null = null;
    const fetch = () =>
      inFlight.has(name)
        ? Promise.resolve()
        : call(name, method, input, (value) => {
            arriving = typeof value === 'object' && value !== null && 'arriving' in value;
          });
    if (EVERY_S > 0 && name === 'portfolio') {
      const every = setInterval(() => (pullEnd === null ? void fetch() : clearInterval(every)), EVERY_S * 1000);
    }
    // The sync has finished: a list of the book as it arrived is asked for again, scored (the page's effect).
    core.events.on('sync.status', (st) => {
      if (arriving && st.lastSyncedAt) {
        arriving = false;
        void fetch();
      }
    });
    core.events.on('data.changed', ({ entities }) => {
      if (name === 'portfolio' && entities.includes('health')) log(`${((performance.now() - t0) / 1000).toFixed(0)} s: data.changed {health}`);
      const wanted = arriving ? whileArriving : on;
      if (timer || !entities.some((e) => wanted.includes(e))) return;
      timer = setTimeout(() => {
        timer = null;
        last = performance.now();
        void fetch();
      }, Math.max(0, last + THROTTLE_MS - performance.now()));
    });
    return fetch();
  };

  core.events.on('data.changed', ({ entities }) => {
    if (pullEnd !== null) log(`${((performance.now() - t0) / 1000).toFixed(0)} s: data.changed ${entities.join(', ')}`);
  });
  const ended = new Promise<void>((resolve) => {
    core.events.on('sync.status', (s) => {
      if (s.state === 'syncing' && pullStart === null) {
        pullStart = performance.now();
        floor = process.memoryUsage().rss;
        resetHighWaterMark();
        log(`pull started; RSS ${mb(floor)} MB`);
        const boot = ['workspaces.current', 'identity.get', 'display.get'].map((m) => call(m, m, {}));
        boot.push(call('portfolio.head', 'health.portfolio', { first: 80 }));
        void Promise.all(boot).then(() => query('portfolio', 'health.portfolio', {}, HEALTH_REFRESH, ARRIVING_REFRESH));
      } else if (s.state !== 'syncing' && pullStart !== null && pullEnd === null) {
        pullEnd = performance.now();
        log(`pull ended (${s.state}${s.message ? `: ${s.message}` : ''}) after ${((pullEnd - pullStart) / 1000).toFixed(1)} s; rows ${s.progress?.rows ?? '?'}`);
        if (!s.lastSyncedAt) return resolve();
        void query('actions.summary', 'actions.summary', { scope: 'mine' }, ACTION_INPUT_ENTITIES).then(resolve, resolve);
      }
    });
  });
  try {
    await core.start();
    await ended;
    while (inFlight.size > 0 || performance.now() - lastBusy < QUIET_MS) await new Promise((r) => setTimeout(r, 250));
  } finally {
    clearInterval(sampler);
    threads.stop();
    await core.close();
    await prm.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const hwm = highWaterMark() ?? 0;
  const start = pullStart ?? t0;
  const end = pullEnd ?? performance.now();
  const peakMb = Math.max(mb(peak.rss), mb(hwm));
  const out = {
    bench: 'sync-rss',
    scale,
    every_s: EVERY_S,
    pull_s: round((end - start) / 1000, 1),
    peak_rss_mb: {
      mb: peakMb,
      floor: mb(floor),
      ratio: round(peakMb / mb(floor)),
      sampled_mb: mb(peak.rss),
      vm_hwm_mb: mb(hwm),
      at_s: round((peak.t - start) / 1000, 1),
      phase: peak.t <= end ? 'pull' : 'after',
      heap_used_mb: mb(peak.heapUsed),
      external_mb: mb(peak.external),
      array_buffers_mb: mb(peak.arrayBuffers),
      in_flight: peak.inFlight,
      worker_heaps_mb: peak.workers,
    },
    // Sampled every 100 ms while the pull ran (VmHWM covers the whole run).
    pull_peak_rss_mb: pullPeak
      ? { mb: mb(pullPeak.rss), floor: mb(floor), ratio: round(mb(pullPeak.rss) / mb(floor)), at_s: round((pullPeak.t - start) / 1000, 1), in_flight: pullPeak.inFlight, worker_heaps_mb: pullPeak.workers }
      : null,
    calls: Object.fromEntries(Object.entries(calls).map(([k, c]) => [k, { n: c.n, mean_ms: Math.round(c.ms / c.n), max_ms: Math.round(c.maxMs), last_bytes: c.bytes, errors: c.errors }])),
    load: loadavg().map((l) => round(l)),
  };
  log(`target: peak RSS ≤ 1024 MB during the xlarge pull (${out.pull_peak_rss_mb?.mb ?? '?'} MB during the pull at ${scale}; ${peakMb} MB overall, ${out.peak_rss_mb.phase}, ${out.peak_rss_mb.at_s} s after the pull started)`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:sync-rss failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
