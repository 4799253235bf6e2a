/**
 * The change pages a full pull of a demo book receives, recorded once from the cached
 * demo PRM store (large-replica.ts) into files, and served back by a trivial static server
 * in its own process (static-pages-server.mjs): a client pull against it measures the
 * client alone, not the demo PRM's CPU. Cached as `pages-<book tag>-p<page size>/`, with
 * `index.json` listing the cursor each page answers (`""` for the first).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PrmStore } from '../../tools/demo-prm/store';
import { bookTag, CACHE_DIR, cachedPrmStore, type BookKey } from './large-replica';

export interface RecordedPages {
  dir: string;
  pages: number;
  rows: number;
}

interface PagesIndex {
  cursors: string[];
  rows: number;
}

export function pagesCachePath(key: BookKey, pageSize: number): string {
  return join(CACHE_DIR, `pages-${bookTag(key)}-p${pageSize}`);
}

/** The recorded pages of a full pull at `pageSize`, recording them first when absent. */
export function cachedPages(key: BookKey, pageSize: number, log: (m: string) => void): RecordedPages {
  const dir = pagesCachePath(key, pageSize);
  const indexPath = join(dir, 'index.json');
  if (!existsSync(indexPath)) {
    const storePath = cachedPrmStore(key, log);
    const work = `${dir}.${process.pid}.tmp`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const t0 = performance.now();
    const store = PrmStore.open(storePath);
    const index: PagesIndex = { cursors: [], rows: 0 };
    try {
      let cursor = '';
      for (;;) {
        const page = store.changes(cursor || null, pageSize);
        writeFileSync(join(work, `${index.cursors.length}.json`), page.body);
        index.cursors.push(cursor);
        index.rows += page.count;
        if (!page.hasMore) break;
        cursor = page.cursor;
      }
    } finally {
      store.close();
    }
    writeFileSync(join(work, 'index.json'), JSON.stringify(index));
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    log(`recorded ${index.cursors.length} pages (${index.rows.toLocaleString('en-US')} rows) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as PagesIndex;
  return { dir, pages: index.cursors.length, rows: index.rows };
}

export interface StaticPagesServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Serves recorded pages from a child process (GET /v1/changes?cursor=…); resolves when it listens. */
export function serveRecordedPages(pages: RecordedPages): Promise<StaticPagesServer> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'static-pages-server.mjs'), pages.dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    child.once('exit', (code) => reject(new Error(`the static page server exited (${String(code)}) before it listened`)));
    lines.once('line', (line) => {
      const { url } = JSON.parse(line) as { url: string };
      child.removeAllListeners('exit');
      resolve({
        url,
        pid: child.pid ?? 0,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
