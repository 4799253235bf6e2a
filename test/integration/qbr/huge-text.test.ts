/**
 * A replica can hold text no CAM would type — a plan summary that is one 1 MB "word", an
 * initiative title and notes of a megabyte each (an old client, a server that does not
 * check). Exporting such a pack used to spin for hours in text fitting on the main
 * process, and every API call waited behind it. Through the real paths now: the API
 * router answers other calls while the export runs; the CLI (from the sources, and from
 * the electron-vite bundle with its bundled worker) writes a deck whose slides show the
 * text cut to their boxes; and an export to a folder that can't be written says which
 * folder and why.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QbrExportResult } from '../../../src-shared/methods/qbr';
import { qbrHandlers } from '../../../src-main/api/areas/qbr';
import type { HandlerDeps } from '../../../src-main/api/areas/deps';
import { createRouter, type Handlers } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import { createQbrService } from '../../../src-main/services/qbr/service';
import type { Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { CLI, REPO } from '../../support/harness';
import { addHugeText, qbrBook } from '../../unit/qbr/fixtures';

const MB = 1 << 20;
const WORD = 'x'.repeat(MB);
const WORDS = 'Partner restructured its inside-sales team in October; two senior AEs left. '.repeat(Math.ceil(MB / 76)).slice(0, MB);
const AS_OF = '2026-11-20';
const QUARTER = '2026-Q3';
const BUILT_CLI = resolve(REPO, 'out/main/cli.js');
const run = promisify(execFile);

async function cli(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], { cwd: REPO, maxBuffer: 4 * MB });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const runs = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1]!));

/** The deck's slides and speaker notes as text runs, in slide order. */
async function readDeck(path: string) {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const byNumber = (re: RegExp) =>
    Object.keys(zip.files)
      .filter((n) => re.test(n))
      .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  const read = (names: string[]) => Promise.all(names.map(async (n) => runs(await zip.file(n)!.async('string'))));
  return { slides: await read(byNumber(/^ppt\/slides\/slide\d+\.xml$/)), notes: await read(byNumber(/^ppt\/notesSlides\/notesSlide\d+\.xml$/)) };
}

/** What the huge texts may look like on the slides: cut to their boxes (no "…" baked into the slide text), whole in the notes. */
async function expectCappedDeck(path: string) {
  const deck = await readDeck(path);
  expect(deck.slides).toHaveLength(15);
  for (const slide of deck.slides) {
    // No box shows more than a few thousand characters, nor a slide more than a page of them.
    for (const r of slide) expect(r.length).toBeLessThan(10_000);
    expect(slide.join('').length).toBeLessThan(25_000);
  }
  for (const notes of deck.notes) expect(notes.join('').length).toBeLessThan(70_000);
  // The plan summary: cut to its lines under the plan's title, without an ellipsis; the notes say it in full.
  const summary = deck.slides[10]!.filter((r) => r.startsWith('xxx'));
  expect(summary.length).toBeGreaterThan(0);
  for (const r of summary) expect(r).toMatch(/^x[x ]{19,1000}$/);
  expect(deck.notes[10]!.join(' ')).toMatch(/IN FULL \(shortened on the slide\)/);
  // The CAM's 1 MB commentary on the summary slide: a callout cut at a sentence, in the partner's words.
  const callout = deck.slides[2]!.find((r) => r.includes('restructured its inside-sales team'));
  expect(callout).toBeDefined();
  expect(callout).not.toMatch(/…$/);
  expect(deck.notes[2]!.join(' ')).toMatch(/IN FULL \(shortened on the slide\)/);
}

describe('QBR export of a replica with megabyte texts', () => {
  let dir: string;
  let replica: string;
  let db: Db;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pb-qbr-huge-'));
    replica = join(dir, 'replica.sqlite');
    db = qbrBook(replica);
    addHugeText(db, { summary: WORD, title: WORD, note: WORDS });
  });
  afterAll(() => {
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the API answers other calls while an export runs (the export is not on its event loop)', async () => {
    const deps = { db, clock: fixedClock(AS_OF), events: new EventBus(), dataDir: dir, sync: { notifyEdit() {} } };
    const qbr = createQbrService({ db, clock: deps.clock, events: deps.events, dataDir: dir });
    const router = createRouter(qbrHandlers(deps as unknown as HandlerDeps, qbr) as unknown as Handlers);
    let exportFinished = false;
    const exporting = router.handle('qbr.export', { partnerId: 'P-1', quarter: QUARTER, format: 'pptx' }).finally(() => {
      exportFinished = true;
    });
    // Asked after the export started; answered before it ends.
    const other = await router.handle('qbr.pack', { partnerId: 'P-2', quarter: QUARTER });
    expect(other).toMatchObject({ ok: true, value: { partner: { id: 'P-2' } } });
    expect(exportFinished).toBe(false);
    const caps = await router.handle('qbr.capabilities', {});
    expect(caps.ok).toBe(true);
    expect(exportFinished).toBe(false);

    const exported = await exporting;
    expect(exported).toMatchObject({ ok: true, value: { format: 'pptx', slides: 15 } });
    const path = (exported as { value: QbrExportResult }).value.path;
    expect(path.startsWith(join(dir, 'exports'))).toBe(true);
    await expectCappedDeck(path);
  }, 120_000);

  it('the CLI exports the deck with the text cut to the slides', async () => {
    const out = join(dir, 'cli.pptx');
    const r = await cli(CLI, ['export-qbr', '--db', replica, '--partner', 'P-1', '--quarter', QUARTER, '--as-of', AS_OF, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${out} (15 slides`);
    await expectCappedDeck(out);
  }, 120_000);

  // `npm test` builds before it runs the tests; a checkout that was never built has no bundle to run.
  it.runIf(existsSync(BUILT_CLI))('the bundled CLI (out/main/cli.js) does the same through its bundled deck worker', async () => {
    const out = join(dir, 'bundled.pptx');
    const r = await cli(BUILT_CLI, ['export-qbr', '--db', replica, '--partner', 'P-1', '--quarter', QUARTER, '--as-of', AS_OF, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expectCappedDeck(out);
  }, 120_000);

  describe('to a folder that cannot be written, the CLI says which folder and why', () => {
    it('a file where the folder should be', async () => {
      const file = join(dir, 'a-file');
      writeFileSync(file, 'not a folder');
      const r = await cli(CLI, ['export-qbr', '--db', replica, '--partner', 'P-2', '--quarter', QUARTER, '--as-of', AS_OF, '--out', join(file, 'deck.pptx')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`partnerbook export-qbr: Can't write to ${file}: it is a file, not a folder.\n`);
    });

    it.runIf(process.platform === 'linux').each([
      ['/proc/pb-no-such-folder/deck.pptx', "Can't write to /proc/pb-no-such-folder: the folder does not exist and cannot be created there."],
      ['/proc/deck.pptx', "Can't write to /proc: files cannot be created in this folder."],
      ['/sys/pb-no-such-folder/deck.pdf', "Can't write to /sys/pb-no-such-folder: permission denied."],
    ])('%s', async (out, message) => {
      const r = await cli(CLI, ['export-qbr', '--db', replica, '--partner', 'P-2', '--quarter', QUARTER, '--as-of', AS_OF, '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`partnerbook export-qbr: ${message}\n`);
    });

    it.runIf(process.platform === 'linux')('a batch into a folder that cannot be created', async () => {
      const r = await cli(CLI, ['export-qbr', '--db', replica, '--all', '--quarter', QUARTER, '--as-of', AS_OF, '--out', '/proc/pb-batch']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe("partnerbook export-qbr: Can't write to /proc/pb-batch: the folder does not exist and cannot be created there.\n");
    });
  });
});
