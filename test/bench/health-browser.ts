/**
 * The browser half of `bench:health`: the Portfolio grid in Chromium through the browser
 * harness (the replica served offline), with its floors measured in the same browser,
 * interleaved with the figures so load that comes and goes touches both alike.
 *
 * - first render: a fresh document load straight onto the Portfolio until its first grid
 *   rows are in the DOM and the frame after them has run (boot, fetch, render); the floor
 *   is the same from a static page holding the same visible rows (the Portfolio's own
 *   markup and stylesheets, captured after a render, without scripts), served by the same
 *   harness. Median of FIRST_RENDER_LOADS loads each, each started with the harness quiet.
 * - scroll: 240 frames from the top of the grid to the bottom (a hard fling), four times
 *   (SCROLL_PASSES), each once the whole book is in the grid and the page is idle; the p95
 *   frame time over all passes. The floor is a static page of the same scroll height
 *   scrolled the same way after each of the grid's passes.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from '@playwright/test';

export interface BrowserFigures {
  firstRender: number;
  firstRenderFloor: number;
  scrollP95: number;
  scrollP95Floor: number;
  rowsShown: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const round = (n: number) => Math.round(n * 10) / 10;
const ROW = '[data-testid=portfolio-row]';
/**
 * Loads of the Portfolio, each followed by one of its static floor. One load moves by
 * ±30% on this machine (42–75 ms for the same static page in one run): with 5, the median
 * ratio of one run and the next differed by 0.3; 11 halve that spread.
 */
const FIRST_RENDER_LOADS = 11;
/** Flings over the grid, each followed by one over the static floor. */
const SCROLL_PASSES = 4;

// Browser-side snippets are strings: this file compiles without the DOM library.
// The first rows are "rendered" once they are in the DOM and the next frame has run. The
// time is reported on the console: waiting for it with a selector would have Playwright
// compile and run its own script in the page while the page loads (20–35 ms of the page's
// thread, landing inside one measurement and not the other).
const FIRST_ROW_MESSAGE = 'pb-first-row ';
const MARK_FIRST_ROW = `
  new MutationObserver((_m, obs) => {
    if (document.querySelector('${ROW}')) {
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => { console.log('${FIRST_ROW_MESSAGE}' + performance.now()); }, 0));
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** The page as it stands, without scripts: what a static page holding the same rows is. */
const STATIC_COPY = `(() => {
  const doc = document.documentElement.cloneNode(true);
  doc.querySelectorAll('script, link[rel=modulepreload]').forEach((n) => n.remove());
  return '<!doctype html>' + doc.outerHTML;
})()`;

function scrollFrames(page: Page, selector: string): Promise<number[]> {
  return page.evaluate<number[]>(`(async () => {
    const el = document.querySelector('${selector}');
    const times = [];
    const steps = 240;
    const max = el.scrollHeight - el.clientHeight;
    el.scrollTop = 0;
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    let last = performance.now();
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
}

/** Waits (at most a minute) until process `pid` used under 5% of a core over half a second; ms waited. Linux only (elsewhere: a second). */
async function untilQuiet(pid: number | undefined): Promise<number> {
  const started = performance.now();
  const stat = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(stat)) {
    await new Promise((r) => setTimeout(r, 1000));
    return performance.now() - started;
  }
  // utime + stime, in clock ticks (100 per second on Linux).
  const ticks = () => {
    const f = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
    return Number(f[11]) + Number(f[12]);
  };
  while (performance.now() - started < 60_000) {
    const before = ticks();
    await new Promise((r) => setTimeout(r, 500));
    if (ticks() - before <= 2) break;
  }
  return performance.now() - started;
}

/**
 * Waits until the grid holds the whole book and the page is idle: the first rows are drawn
 * from the first screenful the start-up request brings, and the whole book arrives (and is
 * parsed and laid out) just after. A fling started before that would cover the first
 * screenful only, while the book's arrival stalled its frames.
 */
async function untilSettled(page: Page, selector: string): Promise<void> {
  // One evaluated string (a predicate function would be eval'd in the page, which its CSP refuses).
  await page.evaluate(`(async () => {
    const started = performance.now();
    let h = -1;
    let since = started;
    while (performance.now() - started < 120000) {
      await new Promise((res) => setTimeout(res, 100));
      const now = performance.now();
      const next = document.querySelector('${selector}')?.scrollHeight ?? 0;
      if (next !== h) { h = next; since = now; }
      else if (now - since > 750) break;
    }
    await new Promise((res) => requestIdleCallback(() => requestAnimationFrame(() => res(undefined))));
  })()`);
}

/** Loads `url` until its first rows are drawn; the milliseconds from the start of the navigation. */
async function loadUntilRows(page: Page, url: string): Promise<number> {
  const marked = page.waitForEvent('console', { predicate: (m) => m.text().startsWith(FIRST_ROW_MESSAGE), timeout: 120_000 });
  await page.goto(url, { waitUntil: 'commit' });
  return Number((await marked).text().slice(FIRST_ROW_MESSAGE.length));
}

export async function browserBench(repo: string, dataDir: string, asOf: string, log: (m: string) => void): Promise<BrowserFigures | null> {
  const built = join(repo, 'out/renderer');
  if (!existsSync(join(built, 'index.html'))) {
    log('renderer not built (run `npm run build`): skipping the browser figures');
    return null;
  }
  // The harness serves a copy of the build, so the static floor page can sit beside it.
  const staticDir = mkdtempSync(join(tmpdir(), 'pb-bench-health-static-'));
  cpSync(built, staticDir, { recursive: true });
  // An unreachable PRM: the harness serves the replica offline, as a CAM on a plane would.
  const child = spawn(
    process.execPath,
    [join(repo, 'bin/partnerbook.mjs'), 'web', '--data-dir', dataDir, '--prm', 'http://127.0.0.1:9', '--token', 'offline', '--as-of', asOf, '--static-dir', staticDir],
    { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
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
      await page.addInitScript(MARK_FIRST_ROW);
      // One load to warm the caches, and the static copy of what it shows. The loads are
      // measured once what that first load set going in the background (the Actions badge's
      // ranking in its worker, the health worker) is over: a user's first screen is drawn
      // before the badge asks, so that work is not part of a first render.
      const badge = page.waitForResponse((r) => r.url().endsWith('/api/invoke') && (r.request().postData() ?? '').includes('"actions.summary"'), { timeout: 20_000 });
      await loadUntilRows(page, `${info.base}/?run=warm#/portfolio`);
      await badge.catch(() => log('the Actions badge did not ask within 20 s (it waits while the book counts as still loading)'));
      log(`harness quiet after ${round(await untilQuiet(child.pid))} ms`);
      writeFileSync(join(staticDir, 'static-floor.html'), await page.evaluate<string>(STATIC_COPY));
      const rowsShown = await page.locator(ROW).count();

      const renders: number[] = [];
      const floors: number[] = [];
      for (let i = 0; i < FIRST_RENDER_LOADS; i++) {
        // Each load starts with the harness quiet: what the previous load set going once its
        // rows were painted (the whole book, the sync status, the Actions badge) is not
        // running beside it, as nothing is when a window first opens.
        await untilQuiet(child.pid);
        // A query string forces a real document load (a hash-only change would not reload).
        renders.push(await loadUntilRows(page, `${info.base}/?run=${i}#/portfolio`));
        await untilQuiet(child.pid);
        floors.push(await loadUntilRows(page, `${info.base}/static-floor.html?run=${i}`));
      }
      log(`first render of the Portfolio (page load + fetch + render), ${renders.length} loads: ${renders.map(round).join(', ')} ms`);
      log(`floor, a static page holding the same ${rowsShown} rows, ${floors.length} loads: ${floors.map(round).join(', ')} ms`);

      // The grid, the static page, and again, SCROLL_PASSES times: a p95 over more frames
      // moves less from run to run (each pass's own p95 is printed, to show the spread).
      const grid: number[] = [];
      const floor: number[] = [];
      const passes: string[] = [];
      let staticPage = '';
      for (let pass = 0; pass < SCROLL_PASSES; pass++) {
        await loadUntilRows(page, `${info.base}/?run=scroll${pass}#/portfolio`);
        await untilSettled(page, '[data-testid=portfolio-grid]');
        const g = await scrollFrames(page, '[data-testid=portfolio-grid]');
        grid.push(...g);
        if (!staticPage) {
          const height = await page.evaluate<number>(`document.querySelector('[data-testid=portfolio-grid]').scrollHeight`);
          staticPage = `<div id="s" data-testid="static" style="height:800px;overflow:auto"><div style="height:${height}px"></div></div>`;
        }
        await page.goto('about:blank');
        await page.setContent(staticPage);
        const f = await scrollFrames(page, '[data-testid=static]');
        floor.push(...f);
        passes.push(`${round(p95(g))}/${round(p95(f))}`);
      }
      log(`scroll p95 per pass, grid/static: ${passes.join(', ')} ms`);
      log(`scroll over the grid: ${grid.length} frames, median ${round(median(grid))} ms, p95 ${round(p95(grid))} ms, max ${round(Math.max(...grid))} ms`);
      log(`floor, a static page of the same height scrolled the same way: p95 ${round(p95(floor))} ms (median ${round(median(floor))} ms)`);
      return { firstRender: median(renders), firstRenderFloor: median(floors), scrollP95: p95(grid), scrollP95Floor: p95(floor), rowsShown };
    } finally {
      await browser.close();
    }
  } finally {
    child.kill('SIGTERM');
    rmSync(staticDir, { recursive: true, force: true });
  }
}
