/**
 * After an export (issue 15, "Getting the file"): the logic under the Electron shell —
 * where the save dialog opens (the last folder used, else Documents), which actions are
 * offered ("Open", "Show in folder" in the app; none in the harness), which file a ref
 * names and what the user is told when it is gone — and the harness's read-only folder
 * shares. The shell itself (src-main/app/files.ts, destinations.ts) is only typechecked.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import type { DestinationRequest } from '../../../src-main/api/areas/qbr-destinations';
import { dialogDefaultPath, fileActions, FileLinks, type FileOpener } from '../../../src-main/api/areas/qbr-files';
import { fixedClock } from '../../../src-main/base/clock';
import { EventBus } from '../../../src-main/events';
import { createSyncService } from '../../../src-main/sync/service';
import { FolderShares } from '../../../src-main/web/shares';
import { qbrBook } from './fixtures';

const clock = fixedClock('2026-11-20');
let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** Records what the shell was asked to do, as Electron's `shell` would be. */
function recordingOpener(fail?: string): FileOpener & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async open(path) {
      calls.push(`open ${path}`);
      if (fail) throw new Error(fail);
    },
    showInFolder(path) {
      calls.push(`show ${path}`);
    },
  };
}

describe('where the save dialog opens', () => {
  it('in the last folder used when it still exists, else the fallback; a deck with its suggested name', () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-last-'));
    const name = 'Kestrel Technologies GmbH — QBR Q3 2026.pptx';
    expect(dialogDefaultPath({ kind: 'file', suggestedName: name, lastFolder: dir }, '/home/u/Documents')).toBe(join(dir, name));
    expect(dialogDefaultPath({ kind: 'file', suggestedName: name, lastFolder: join(dir, 'gone') }, '/home/u/Documents')).toBe(join('/home/u/Documents', name));
    expect(dialogDefaultPath({ kind: 'file', suggestedName: name, lastFolder: null }, '/home/u/Documents')).toBe(join('/home/u/Documents', name));
    expect(dialogDefaultPath({ kind: 'folder', suggestedName: 'QBR Q3 2026 — 2026-11-20 12-00', lastFolder: dir }, '/home/u/Documents')).toBe(dir);
  });

  it('remembers the folder of the last save, per workspace, and asks the dialog to start there', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-last-'));
    const asked: DestinationRequest[] = [];
    const db = qbrBook();
    const events = new EventBus();
    const sync = createSyncService({ db, clock, events, source: () => null });
    const h = createHandlers({
      db, clock, events, sync, dataDir: join(dir, 'data'),
      chooseDestination: async (req) => {
        asked.push(req);
        return req.kind === 'file' ? join(dir, 'decks', req.suggestedName) : join(dir, 'batches');
      },
    });
    const first = await h['qbr.chooseDestination']({ kind: 'file', format: 'pptx', partnerId: 'P-1', quarter: '2026-Q3' });
    expect(asked[0]!.lastFolder).toBeNull();
    const r = await h['qbr.export']({ partnerId: 'P-1', quarter: '2026-Q3', format: 'pptx', destination: first!.id });
    expect(r.file).toMatchObject({ name: 'Kestrel Technologies GmbH — QBR Q3 2026.pptx', path: join(dir, 'decks', 'Kestrel Technologies GmbH — QBR Q3 2026.pptx'), actions: [], url: null });
    await h['qbr.chooseDestination']({ kind: 'file', format: 'pptx', partnerId: 'P-2', quarter: '2026-Q3' });
    expect(asked[1]!.lastFolder).toBe(join(dir, 'decks'));
    // A cancelled dialog changes nothing; a batch's folder becomes the last folder once it starts.
    mkdirSync(join(dir, 'batches'));
    const folder = await h['qbr.chooseDestination']({ kind: 'folder', format: 'pptx', quarter: '2026-Q3' });
    const started = await h['qbr.batch.start']({ filter: { partnerIds: ['P-1'] }, quarter: '2026-Q3', format: 'pptx', destination: folder!.id });
    for (let s = started; s.state === 'running'; s = (await h['qbr.batch.status']({ id: started.id }))!) await new Promise((r) => setTimeout(r, 25));
    await h['qbr.chooseDestination']({ kind: 'file', format: 'pptx', partnerId: 'P-1', quarter: '2026-Q3' });
    expect(asked[3]!.lastFolder).toBe(join(dir, 'batches'));
  }, 60_000);
});

describe('Open and Show in folder', () => {
  it('are offered only where the shell can open files', () => {
    expect(fileActions(recordingOpener())).toEqual(['open', 'show']);
    expect(fileActions(null)).toEqual([]);
  });

  it('act on the file behind a ref, the same ref every time; a moved file or a failing app is one sentence', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-open-'));
    const file = join(dir, 'Beacon — QBR Q4 2026.pptx');
    writeFileSync(file, 'deck');
    const opener = recordingOpener();
    const links = new FileLinks(opener, null);
    const link = links.link(file);
    expect(link).toMatchObject({ name: 'Beacon — QBR Q4 2026.pptx', path: file, actions: ['open', 'show'], url: null });
    expect(link.ref).toMatch(/^fil_[A-Za-z0-9_-]{16,64}$/);
    expect(links.link(file).ref).toBe(link.ref);
    await links.act(link.ref, 'open');
    await links.act(link.ref, 'show');
    expect(opener.calls).toEqual([`open ${file}`, `show ${file}`]);

    await expect(links.act('fil_madeupmadeupmadeup', 'open')).rejects.toThrow('That file is no longer known to the app; export it again.');
    rmSync(file);
    await expect(links.act(link.ref, 'show')).rejects.toThrow(`Beacon — QBR Q4 2026.pptx is no longer in ${dir}; it may have been moved or deleted.`);
    writeFileSync(file, 'deck');
    const broken = new FileLinks(recordingOpener('No application knows how to open this file.'), null);
    await expect(broken.act(broken.link(file).ref, 'open')).rejects.toThrow("Couldn't open Beacon — QBR Q4 2026.pptx: No application knows how to open this file.");
    const harness = new FileLinks(null, null);
    await expect(harness.act(harness.link(file).ref, 'open')).rejects.toThrow('Files can only be opened from the desktop app.');
  });
});

describe('the harness serves a batch folder read-only', () => {
  it('serves plain files of the shared folder only, under its key', () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-share-'));
    mkdirSync(join(dir, 'batch'));
    mkdirSync(join(dir, 'batch', 'sub.pptx'));
    writeFileSync(join(dir, 'batch', 'index.html'), '<!doctype html>');
    writeFileSync(join(dir, 'batch', 'A <&> — QBR Q4 2026.pptx'), 'deck');
    writeFileSync(join(dir, 'secret.pptx'), 'not shared');
    writeFileSync(join(dir, 'batch', 'notes.txt'), 'not a served type');
    const shares = new FolderShares();
    const prefix = shares.add(join(dir, 'batch'));
    expect(prefix).toMatch(/^\/files\/[A-Za-z0-9_-]{32}\/$/);
    expect(shares.add(join(dir, 'batch'))).toBe(prefix);
    const links = new FileLinks(null, shares.add);
    const index = links.link(join(dir, 'batch', 'index.html'));
    expect(index.url).toBe(`${prefix}index.html`);
    expect(shares.resolve(index.url!)).toMatchObject({ path: join(dir, 'batch', 'index.html'), attachment: false });
    expect(shares.resolve(`${prefix}${encodeURIComponent('A <&> — QBR Q4 2026.pptx')}`)).toMatchObject({ attachment: true });
    for (const bad of ['..%2Fsecret.pptx', '%2e%2e%2fsecret.pptx', '..', 'sub.pptx', 'notes.txt', 'missing.pptx', '%E0%A4%A', 'a%00.pptx', 'x/../../secret.pptx']) {
      expect(shares.resolve(`${prefix}${bad}`), bad).toBeNull();
    }
    expect(shares.resolve('/files/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/index.html')).toBeNull();
  });
});
