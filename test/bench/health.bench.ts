/**
 * `npm run bench:health` — partner health on the large demo book (≈5,000 partners,
 * >2M engagement events). Prints figures; asserts nothing.
 *
 * - recompute_ms: cold recompute of the 8 trend quarters for every partner (inputs from
 *   the replica's tables, scores for every partner and date); median of 3.
 * - portfolio_ms: the warm `health.portfolio` query (scores, deltas, churn risk for all
 *   partners) through the API router, median of 15.
 * - first_render_ms / scroll_p95_ms: in Chromium through the browser harness, the time
 *   from opening the Health page to its first grid rows on screen, and the p95 frame
 *   time while scrolling the 5,000-row grid.
 *
 * Last line: {"bench":"health","portfolio_ms":N,"recompute_ms":N,"first_render_ms":N,"scroll_p95_ms":N}
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';
import { openDb } from '../../src-main/db/connection';
import { createHealthService } from '../../src-main/services/health/service';
import { fixedClock } from '../../src-main/base/clock';
import { cachedReplica } from './large-replica';

const AS_OF = '2026-11-20';
const REPO = resolve(import.meta.dirname, '../..');
const log = (m: string) => process.stderr.write(`[bench:health] ${m}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const scale = (process.env.BENCH_SCALE as 'small' | 'medium' | 'large' | undefined) ?? 'large';
  const source = await cachedReplica({ seed: 42, scale, asOf: AS_OF }, log);
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-health-'));
  const dbPath = join(dir, 'partnerbook.sqlite');
  copyFileSync(source, dbPath);
  try {
    // ---- service figures ----
    const db = openDb(dbPath);
    const counts = db.sqlite
      .prepare('SELECT (SELECT count(*) FROM partner) AS partners, (SELECT count(*) FROM engagement_event) AS events')
      .get() as { partners: number; events: number };
    log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on this machine (figures are noisy when it is busy)`);
    log(`book: ${counts.partners.toLocaleString('en-US')} partners, ${counts.events.toLocaleString('en-US')} engagement events`);
    const health = createHealthService({ db, clock: fixedClock(AS_OF) });
    const recomputes: number[] = [];
    for (let i = 0; i < 3; i++) {
      health.invalidate();
      recomputes.push(health.recompute());
    }
    log(`cold recompute of 8 quarters: ${recomputes.map(round).join(', ')} ms`);
    let t = performance.now();
    const first = health.portfolio();
    log(`first portfolio after recompute (fits the churn model: ${first.model.kind}, AUC ${first.model.auc?.toFixed(3) ?? 'n/a'}): ${round(performance.now() - t)} ms`);
    const warm: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 15; i++) {
      t = performance.now();
      const p = health.portfolio();
      warm.push(performance.now() - t);
      if (i === 0) bytes = JSON.stringify(p).length;
    }
    t = performance.now();
    JSON.stringify(health.portfolio());
    log(`warm portfolio: median ${round(median(warm))} ms (max ${round(Math.max(...warm))}); with JSON encoding ${round(performance.now() - t)} ms for ${(bytes / 1e6).toFixed(1)} MB`);
    t = performance.now();
    health.partner(first.rows[Math.floor(first.rows.length / 2)]!.id);
    log(`partner health page query: ${round(performance.now() - t)} ms; rollup ${(() => {
      const s = performance.now();
      health.rollup();
      return round(performance.now() - s);
    })()} ms`);
    const restart = createHealthService({ db, clock: fixedClock(AS_OF) });
    t = performance.now();
    restart.portfolio();
    log(`portfolio after a restart (per-quarter cache on disk, model refit): ${round(performance.now() - t)} ms`);
    health.dispose();
    restart.dispose();
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    db.close();

    // ---- browser figures ----
    const browserFigures = await browserBench(dir);
    const line = {
      bench: 'health',
      portfolio_ms: round(median(warm)),
      recompute_ms: round(median(recomputes)),
      first_render_ms: browserFigures ? round(browserFigures.firstRender) : null,
      scroll_p95_ms: browserFigures ? round(browserFigures.scrollP95) : null,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function browserBench(dataDir: string): Promise<{ firstRender: number; scrollP95: number } | null> {
  if (!existsSync(join(REPO, 'out/renderer/index.html'))) {
    log('renderer not built (run `npm run build`): skipping the browser figures');
    return null;
  }
  // An unreachable PRM: the harness serves the replica offline, as a CAM on a plane would.
  const child = spawn(
    process.execPath,
    [join(REPO, 'bin/partnerbook.mjs'), 'web', '--data-dir', dataDir, '--prm', 'http://127.0.0.1:9', '--token', 'offline', '--as-of', AS_OF],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const info = await new Promise<{ url: string; base: string; token: string }>((res, rej) => {
      const timer = setTimeout(() => rej(new Error('harness did not start')), 60_000);
      createInterface({ input: child.stdout! }).once('line', (l) => {
        clearTimeout(timer);
        res(JSON.parse(l) as { url: string; base: string; token: string });
      });
      child.once('exit', (code) => rej(new Error(`harness exited with ${code}`)));
    });
    const warmup = performance.now();
    await fetch(`${info.base}/api/invoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'health.portfolio', input: {} }),
    });
    log(`harness: first health.portfolio over HTTP (cold process) ${round(performance.now() - warmup)} ms`);

    const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
    const browser = await chromium.launch({
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(info.url);
      await page.waitForSelector('[data-testid=nav-portfolio]');
      // Each run is a fresh document load straight onto the Health page: boot, fetch, render.
      // Browser-side snippets are strings: this file compiles without the DOM library.
      await page.addInitScript(`
        new MutationObserver((_m, obs) => {
          if (document.querySelector('[data-testid=health-row], [data-testid=portfolio-row]')) {
            window.__firstRow = performance.now();
            obs.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      `);
      const renders: number[] = [];
      for (let i = 0; i < 5; i++) {
        // A query string forces a real document load (a hash-only change would not reload).
        await page.goto(`${info.base}/?run=${i}#/portfolio`);
        await page.waitForSelector('[data-testid=portfolio-row]', { timeout: 60_000 });
        renders.push(await page.evaluate<number>('window.__firstRow'));
      }
      log(`first render of the Portfolio (page load + fetch + render, 5,000 rows), 5 loads: ${renders.map(round).join(', ')} ms`);
      const rows = await page.locator('[data-testid=portfolio-row]').count();
      log(`rows in the DOM (virtualized): ${rows}`);

      const scrollFrames = (selector: string) =>
        page.evaluate<number[]>(`(async () => {
        const el = document.querySelector('${selector}');
        const times = [];
        let last = performance.now();
        const steps = 240;
        const max = el.scrollHeight - el.clientHeight;
        el.scrollTop = 0;
        await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
        last = performance.now();
        await new Promise((res) => {
          let i = 0;
          const tick = () => {
            const now = performance.now();
            times.push(now - last);
            last = now;
            i++;
            el.scrollTop = Math.min(max, (max * i) / steps);
            if (i <= steps) requestAnimationFrame(tick);
            else res();
          };
          requestAnimationFrame(tick);
        });
        return times.slice(2);
      })()`);
      // 240 frames from the top of the 5,000 rows to the bottom (≈700 px a frame: a hard
      // fling), twice; the p95 is over all frames of both passes.
      const frames = [
        ...(await scrollFrames('[data-testid=portfolio-grid]')),
        ...(await scrollFrames('[data-testid=portfolio-grid]')),
      ];
      const sorted = [...frames].sort((a, b) => a - b);
      const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
      log(`scroll over the grid: ${frames.length} frames, median ${round(sorted[Math.floor(sorted.length / 2)]!)} ms, p95 ${round(p95)} ms, max ${round(sorted.at(-1)!)} ms`);
      // The floor of this browser on this machine: a static page of the same height, scrolled the same way.
      await page.setContent('<div id="s" data-testid="static" style="height:800px;overflow:auto"><div style="height:170000px"></div></div>');
      const floor = [...(await scrollFrames('[data-testid=static]')), ...(await scrollFrames('[data-testid=static]'))].sort((a, b) => a - b);
      log(`reference, a static page scrolled the same way: p95 ${round(floor[Math.floor(floor.length * 0.95)]!)} ms (median ${round(floor[Math.floor(floor.length / 2)]!)} ms)`);
      return { firstRender: median(renders), scrollP95: p95 };
    } finally {
      await browser.close();
    }
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:health failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
