/**
 * A batch's folder and index (issue 15, "Getting the file"): every batch gets a new folder
 * of its own, created exclusively, so two batches in the same minute never share one and a
 * folder that exists is never written into; index.html is a one-page summary of the book —
 * the filter, and per partner its health, tier status, ARR won, the deck's first headline
 * and a relative link to its deck, or why it has none — readable from the folder, with every
 * text escaped. Through the API handlers, as the app and the CLI run a batch.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QbrBatchStatus, QbrPack, ScorecardData, SummaryData, HealthData } from '../../../src-shared/methods/qbr';
import { createHandlers, type WorkspaceHandlers } from '../../../src-main/api/handlers';
import { fixedClock } from '../../../src-main/base/clock';
import { EventBus } from '../../../src-main/events';
import { createSyncService } from '../../../src-main/sync/service';
import { qbrBook } from '../../unit/qbr/fixtures';
import type { Db } from '../../../src-main/db/connection';

const clock = fixedClock('2026-11-20T14:05:31Z');
const QUARTER = '2026-Q3';
const FOLDER = 'QBR Q3 2026 — 2026-11-20 14-05';

function setUp(mutate?: (db: Db) => void) {
  const db = qbrBook();
  mutate?.(db);
  const parent = mkdtempSync(join(tmpdir(), 'pb-batch-'));
  const events = new EventBus();
  const sync = createSyncService({ db, clock, events, source: () => null });
  const h = createHandlers({ db, clock, events, sync, dataDir: mkdtempSync(join(tmpdir(), 'pb-data-')), chooseDestination: async () => parent });
  return { h, parent, db };
}

async function runBatch(h: WorkspaceHandlers, filter: Parameters<WorkspaceHandlers['qbr.batch.start']>[0]['filter']): Promise<QbrBatchStatus> {
  const chosen = await h['qbr.chooseDestination']({ kind: 'folder', format: 'pptx', quarter: QUARTER });
  const started = await h['qbr.batch.start']({ filter, quarter: QUARTER, format: 'pptx', destination: chosen!.id });
  for (;;) {
    const s = await h['qbr.batch.status']({ id: started.id });
    if (s && s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The index's row for one partner (one <tr> per line), found by its id. */
function row(html: string, partnerId: string): string {
  const line = html.split('\n').find((l) => l.startsWith('<tr') && l.includes(`<span class="id">${partnerId}</span>`));
  expect(line, `a row for ${partnerId}`).toBeDefined();
  return line!;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('batch folders', () => {
  it('two batches started in the same minute get two folders, each with its own complete index', async () => {
    const { h, parent } = setUp();
    const first = await runBatch(h, { partnerIds: ['P-1', 'P-2'] });
    const second = await runBatch(h, { partnerIds: ['P-3'] });
    expect(first.dir).toBe(join(parent, FOLDER));
    expect(second.dir).toBe(join(parent, `${FOLDER} (2)`));
    expect(readdirSync(parent).sort()).toEqual([FOLDER, `${FOLDER} (2)`]);

    const one = readFileSync(join(first.dir, 'index.html'), 'utf8');
    const two = readFileSync(join(second.dir, 'index.html'), 'utf8');
    row(one, 'P-1');
    row(one, 'P-2');
    expect(one).not.toContain('<span class="id">P-3</span>');
    row(two, 'P-3');
    expect(two).not.toContain('<span class="id">P-1</span>');
    for (const s of [first, second]) {
      const decks = readdirSync(s.dir).filter((f) => f.endsWith('.pptx'));
      expect(decks).toHaveLength(s.total);
      expect(readFileSync(join(s.dir, 'index.csv'), 'utf8').trim().split('\n')).toHaveLength(s.total + 1);
    }
  }, 60_000);

  it('never writes into a folder that exists: the batch takes the next free name', async () => {
    const { h, parent } = setUp();
    mkdirSync(join(parent, FOLDER));
    writeFileSync(join(parent, FOLDER, 'index.html'), 'the user’s own file');
    writeFileSync(join(parent, `${FOLDER} (2)`), 'a file, not a folder');
    const s = await runBatch(h, { partnerIds: ['P-1'] });
    expect(s.dir).toBe(join(parent, `${FOLDER} (3)`));
    expect(readdirSync(join(parent, FOLDER))).toEqual(['index.html']);
    expect(readFileSync(join(parent, FOLDER, 'index.html'), 'utf8')).toBe('the user’s own file');
    expect(readFileSync(join(parent, `${FOLDER} (2)`), 'utf8')).toBe('a file, not a folder');
    expect(existsSync(join(s.dir, 'index.html'))).toBe(true);
  }, 60_000);
});

describe('index.html, a one-page summary of the book', () => {
  it('states the filter and, per partner, health, tier status, ARR, headline and a working link to the deck', async () => {
    const { h } = setUp();
    const s = await runBatch(h, { tierId: 'gold', partnerIds: ['P-1', 'P-2'] });
    expect(s).toMatchObject({ state: 'done', done: 2, failed: 0 });
    const html = readFileSync(s.indexPath!, 'utf8');
    expect(html).toContain('<b>Partners:</b> All partners · tier Gold · 2 chosen partners');
    expect(html).toContain('<h1>QBR decks · Q3 2026</h1>');

    const pack: QbrPack = await h['qbr.pack']({ partnerId: 'P-1', quarter: QUARTER });
    const summary = pack.sections.find((x) => x.key === 'summary')!.data as SummaryData;
    const health = pack.sections.find((x) => x.key === 'health')!.data as HealthData;
    const arr = summary.keyFigures.find((f) => f.label.startsWith('ARR'))!;
    const p1 = decode(row(html, 'P-1'));
    expect(summary.health).not.toBeNull();
    expect(p1).toContain(`>${summary.health!.score}</span> <span class="chip`);
    expect(p1).toContain(summary.health!.bandLabel);
    expect(p1).toContain(health.eligibility.current);
    expect(p1).toContain(arr.value);
    expect(p1).toContain(summary.headlines[0]!.text);
    // The sourced-ARR figure the scorecard shows is the one in the key figures' detail, not a second computation.
    expect((pack.sections.find((x) => x.key === 'scorecard')!.data as ScorecardData).metrics.some((m) => m.key === 'sourced_arr')).toBe(true);

    // The link is relative and names a deck that exists in the folder.
    const href = /<a href="([^"]+)">Open deck<\/a>/.exec(row(html, 'P-1'))![1]!;
    expect(href).not.toMatch(/^(\/|[a-z]+:)/i);
    const file = decodeURIComponent(decode(href));
    expect(file).toBe('Kestrel Technologies GmbH — QBR Q3 2026.pptx');
    expect(existsSync(join(s.dir, file))).toBe(true);
    // Self-contained: no script, no external resource; ids and file names do not wrap.
    expect(html).not.toMatch(/<script|<link|src=|url\(|https?:\/\//);
    expect(html).toMatch(/\.nowrap,\.id\{white-space:nowrap\}/);
  }, 60_000);

  it('says in words why a partner has no deck, and escapes names with <&>', async () => {
    const { h } = setUp((db) => {
      db.sqlite.prepare("UPDATE partner SET name = 'Beacon <&> \"Partners\"' WHERE id = 'P-2'").run();
      db.sqlite.pragma('foreign_keys = OFF');
      db.sqlite.prepare("UPDATE partner SET tier_id = 'ghost' WHERE id = 'P-3'").run();
      db.sqlite.pragma('foreign_keys = ON');
    });
    const s = await runBatch(h, { partnerIds: ['P-1', 'P-2', 'P-3'] });
    expect(s).toMatchObject({ state: 'done', done: 2, failed: 1 });
    const html = readFileSync(s.indexPath!, 'utf8');
    expect(html).toContain('<div class="name">Beacon &lt;&amp;&gt; &quot;Partners&quot;</div>');
    expect(html).not.toContain('<&>');
    // The escaped name's deck link still works.
    const href = /<a href="([^"]+)">Open deck<\/a>/.exec(row(html, 'P-2'))![1]!;
    expect(existsSync(join(s.dir, decodeURIComponent(decode(href))))).toBe(true);

    const failed = row(html, 'P-3');
    expect(failed).toContain('class="failed"');
    expect(decode(failed)).toContain("Partner 'P-3' refers to tier 'ghost', which is not in this book.");
    expect(failed).not.toContain('Open deck');
    expect(html).toContain('1 failed — the reasons are in the table');
    const csv = readFileSync(join(s.dir, 'index.csv'), 'utf8');
    expect(csv.split('\n').find((l) => l.startsWith('P-3,'))).toMatch(/,failed,,"?Partner 'P-3' refers to tier 'ghost'/);
  }, 60_000);
});
