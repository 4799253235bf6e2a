/**
 * Where exports are written (base/write-files.ts) and what a batch writes beside
 * the decks: a folder that can't be written is named with the reason — never a raw
 * `ENOENT … .partial-1234` — and nothing half-written is left; the batch index quotes
 * partner names that a spreadsheet would run as formulas, and escapes HTML.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { ServiceError } from '../../../src-main/base/errors';
import { csvCell } from '../../../src-main/services/qbr/batch';
import { asWriteError, ensureFolder } from '../../../src-main/base/write-files';
import { createQbrService } from '../../../src-main/services/qbr/service';
import type { QbrSources } from '../../../src-main/services/qbr/sources';
import { qbrBook } from './fixtures';

const clock = fixedClock('2026-11-20');
const NONE: QbrSources = { health: null, jbpActuals: null, actions: null };
const QUARTER = '2026-Q3';
const isRoot = process.getuid?.() === 0;

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n') {
      row.push(cell);
      cell = '';
      if (c === '\n') {
        rows.push(row);
        row = [];
      }
    } else cell += c;
  }
  return rows;
}

describe('export destinations', () => {
  let dir = '';
  afterEach(() => {
    if (dir) {
      chmodSync(dir, 0o700);
      rmSync(dir, { recursive: true, force: true });
      dir = '';
    }
  });
  const setup = () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-qbr-dest-'));
    return createQbrService({ db: qbrBook(), clock, dataDir: dir, sources: NONE });
  };

  it('makes missing folders level by level, and leaves existing ones alone', () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-qbr-dest-'));
    ensureFolder(join(dir, 'a', 'b', 'c'), 'path');
    ensureFolder(join(dir, 'a'), 'path');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['c']);
  });

  it('a file in the way: the export names the folder and the reason, on the path field, and writes nothing', async () => {
    const qbr = setup();
    writeFileSync(join(dir, 'plans'), 'a file');
    const err = await qbr.exportOne('P-1', QUARTER, 'pptx', join(dir, 'plans', 'q3', 'deck.pptx')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({
      code: 'invalid_input',
      message: `Can't write to ${join(dir, 'plans', 'q3')}: ${join(dir, 'plans')} is a file, not a folder.`,
      // The field's issue is the same whole sentence (the QBR page shows the issues of a refusal).
      issues: [{ path: 'path', message: `Can't write to ${join(dir, 'plans', 'q3')}: ${join(dir, 'plans')} is a file, not a folder.` }],
    });
    expect(() => qbr.startBatch({}, QUARTER, 'pptx', join(dir, 'plans'))).toThrow(`Can't write to ${join(dir, 'plans')}: it is a file, not a folder.`);
    expect(readdirSync(dir)).toEqual(['plans']);
  });

  it.runIf(!isRoot && process.platform !== 'win32')('a folder without write permission: "permission denied", before any deck is built', async () => {
    const qbr = setup();
    chmodSync(dir, 0o500);
    await expect(qbr.exportOne('P-1', QUARTER, 'pdf', join(dir, 'deck.pdf'))).rejects.toThrow(`Can't write to ${dir}: permission denied.`);
    expect(() => qbr.startBatch({}, QUARTER, 'pptx', dir)).toThrow(`Can't write to ${dir}: permission denied.`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('a folder the file system will not create (/proc) fails at once instead of spinning', async () => {
    const qbr = setup();
    await expect(qbr.exportOne('P-1', QUARTER, 'pptx', '/proc/pb-no-such/deck.pptx')).rejects.toThrow(
      "Can't write to /proc/pb-no-such: the folder does not exist and cannot be created there.",
    );
    await expect(qbr.exportOne('P-1', QUARTER, 'pptx', '/proc/deck.pptx')).rejects.toThrow("Can't write to /proc: files cannot be created in this folder.");
  });

  it('a write that fails later (disk full) says so about the folder; other errors pass through', () => {
    const file = '/data/exports/deck.pptx.partial-1';
    const full = Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC', path: file });
    expect(asWriteError(full, file, 'path')).toMatchObject({ message: "Can't write to /data/exports: the disk is full.", issues: [{ path: 'path' }] });
    const odd = Object.assign(new Error(`EIO: i/o error, write '${file}'`), { code: 'EIO', path: file });
    expect((asWriteError(odd, file, 'dir') as Error).message).toBe("Can't write to /data/exports: i/o error.");
    const other = new Error('LibreOffice exited with code 1');
    expect(asWriteError(other, file, 'path')).toBe(other);
  });
});

describe('the batch index', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  it('CSV cells that a spreadsheet would run as formulas start with a single quote', () => {
    expect(['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-2", "'@SUM(A1)", "'\tx", `"'\rx"`]);
    expect(['Kestrel', 'P-1', 'a, b', 'say "hi"', '', null, 42, -1].map(csvCell)).toEqual(['Kestrel', 'P-1', '"a, b"', '"say ""hi"""', '', '', '42', '-1']);
  });

  it('a batch over partners named like formulas and markup writes them as text in index.csv and index.html', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-qbr-index-'));
    const db = qbrBook();
    const names: Record<string, string> = {
      'P-1': '=HYPERLINK("http://evil.example","Click")',
      'P-2': '+1-1',
      'P-3': '-Peer, Three',
      'P-4': '@SUM(A1:A9)',
    };
    for (const [id, name] of Object.entries(names)) db.sqlite.prepare('UPDATE partner SET name = ? WHERE id = ?').run(name, id);
    db.sqlite.prepare("UPDATE user SET name = '<script>alert(1)</script>' WHERE id = 'U-1'").run();
    db.sqlite.prepare("UPDATE tier SET name = 'Gold & \"Co\"' WHERE id = 'gold'").run();
    const qbr = createQbrService({ db, clock, dataDir: dir, sources: NONE });
    const started = qbr.startBatch({}, QUARTER, 'pptx', join(dir, 'batch'));
    const s = await qbr.batches.wait(started.id);
    expect(s).toMatchObject({ state: 'done', done: 4, failed: 0 });

    const rows = parseCsv(readFileSync(join(s.dir, 'index.csv'), 'utf8'));
    expect(rows[0]).toEqual(['partner_id', 'partner_name', 'tier', 'owner', 'status', 'file', 'error', 'ms', 'health', 'health_band', 'tier_status', 'arr_won', 'headline', 'note']);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    for (const [id, name] of Object.entries(names)) expect(byId.get(id)?.[1]).toBe(`'${name}`);
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(byId.get('P-1')?.slice(2, 5)).toEqual(['Gold & "Co"', '<script>alert(1)</script>', 'done']);

    const html = readFileSync(s.indexPath!, 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Gold &amp; &quot;Co&quot;');
    expect(html).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;Click&quot;)');
    expect(s.dir.startsWith(join(dir, 'batch', 'QBR Q3 2026 — '))).toBe(true);
    expect(existsSync(join(s.dir, 'index.html'))).toBe(true);
  }, 60_000);
});
