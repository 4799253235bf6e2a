/**
 * Export destinations (defect 9): the renderer cannot name a path. The API refuses `path`
 * and `dir`; in the desktop app the shell's dialog chooses (here: the chooser the shell
 * injects, answering as a user would) and the renderer only holds an opaque, single-use id;
 * without a dialog (the harness), exports go to the workspace's exports folder.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { api } from '../../../src-shared/api';
import type { QbrBatchStatus } from '../../../src-shared/methods/qbr';
import { createHandlers, type WorkspaceHandlers } from '../../../src-main/api/handlers';
import type { DestinationChooser, DestinationRequest } from '../../../src-main/api/areas/qbr-destinations';
import { DestinationRegistry } from '../../../src-main/api/areas/qbr-destinations';
import { fixedClock } from '../../../src-main/base/clock';
import { ServiceError } from '../../../src-main/base/errors';
import { EventBus } from '../../../src-main/events';
import { createSyncService } from '../../../src-main/sync/service';
import { qbrBook } from '../../unit/qbr/fixtures';

const clock = fixedClock('2026-11-20');

function handlers(chooseDestination?: DestinationChooser): { h: WorkspaceHandlers; dataDir: string } {
  const db = qbrBook();
  const events = new EventBus();
  const dataDir = mkdtempSync(join(tmpdir(), 'pb-dest-'));
  const sync = createSyncService({ db, clock, events, source: () => null });
  return { h: createHandlers({ db, clock, events, sync, dataDir, chooseDestination }), dataDir };
}

/** The renderer's input as the router sees it: parsed by the method's schema first. */
function parse(method: 'qbr.export' | 'qbr.batch.start', input: unknown) {
  return api[method].input.safeParse(input);
}

async function finished(h: WorkspaceHandlers, id: string): Promise<QbrBatchStatus> {
  for (;;) {
    const s = await h['qbr.batch.status']({ id });
    if (s && s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the renderer cannot pass a path', () => {
  it('qbr.export and qbr.batch.start refuse path, dir and anything that is not a chosen id', () => {
    expect(parse('qbr.export', { partnerId: 'P-1', format: 'pptx', path: '/etc/cron.d/x.pptx' }).success).toBe(false);
    expect(parse('qbr.export', { partnerId: 'P-1', format: 'pptx', destination: '/etc/cron.d/x.pptx' }).success).toBe(false);
    expect(parse('qbr.batch.start', { filter: {}, format: 'pptx', dir: '/etc' }).success).toBe(false);
    expect(parse('qbr.batch.start', { filter: {}, format: 'pptx', destination: '../../etc' }).success).toBe(false);
    expect(parse('qbr.export', { partnerId: 'P-1', format: 'pptx', destination: 'dst_abcdefghijklmnopqrstuvwx' }).success).toBe(true);
  });
});

describe('without a dialog (the browser harness)', () => {
  it('saves in the workspace exports folder and says there is nothing to choose', async () => {
    const { h, dataDir } = handlers();
    expect((await h['qbr.capabilities']({})).destination).toBe('download');
    await expect(h['qbr.chooseDestination']({ kind: 'file', format: 'pptx', partnerId: 'P-1' })).rejects.toMatchObject({ code: 'unavailable' });
    const r = await h['qbr.export']({ partnerId: 'P-1', quarter: '2026-Q3', format: 'pptx' });
    expect(r.path.startsWith(join(dataDir, 'exports'))).toBe(true);
    expect(existsSync(r.path)).toBe(true);
    expect(r.file.actions).toEqual([]); // nothing to open from a browser
  });

  it('hands one deck over as a browser download, keeping no copy', async () => {
    const { h, dataDir } = handlers();
    const d = await h['qbr.download']({ partnerId: 'P-1', quarter: '2026-Q3', format: 'pptx' });
    expect(d).toMatchObject({ fileName: 'Kestrel Technologies GmbH — QBR Q3 2026.pptx', format: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' });
    const bytes = Buffer.from(d.base64, 'base64');
    expect(bytes.length).toBe(d.bytes);
    const zip = await JSZip.loadAsync(bytes);
    expect(zip.file('ppt/presentation.xml')).not.toBeNull();
    expect(existsSync(join(dataDir, 'exports'))).toBe(false);
    await expect(h['qbr.openFile']({ ref: 'fil_abcdefghijklmnopqrstuv', action: 'open' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('with the desktop app’s dialog', () => {
  it('exports one deck to the file the user chose, through a single-use id', async () => {
    const asked: DestinationRequest[] = [];
    const chosenDir = mkdtempSync(join(tmpdir(), 'pb-chosen-'));
    const { h } = handlers(async (req) => {
      asked.push(req);
      return join(chosenDir, 'my deck.pptx');
    });
    expect((await h['qbr.capabilities']({})).destination).toBe('dialog');
    const chosen = await h['qbr.chooseDestination']({ kind: 'file', format: 'pptx', partnerId: 'P-1', quarter: '2026-Q3' });
    expect(asked).toEqual([{ kind: 'file', format: 'pptx', suggestedName: 'Kestrel Technologies GmbH — QBR Q3 2026.pptx', lastFolder: null }]);
    expect(chosen).toMatchObject({ label: join(chosenDir, 'my deck.pptx') });
    expect(chosen!.id).toMatch(/^dst_/);
    expect(parse('qbr.export', { partnerId: 'P-1', format: 'pptx', destination: chosen!.id }).success).toBe(true);

    const r = await h['qbr.export']({ partnerId: 'P-1', quarter: '2026-Q3', format: 'pptx', destination: chosen!.id });
    expect(r.path).toBe(join(chosenDir, 'my deck.pptx'));
    expect(existsSync(r.path)).toBe(true);
    // Used once: the same id (or any other string) names nothing.
    await expect(h['qbr.export']({ partnerId: 'P-1', format: 'pptx', destination: chosen!.id })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(h['qbr.export']({ partnerId: 'P-1', format: 'pptx', destination: 'dst_made_up_by_the_renderer' })).rejects.toBeInstanceOf(ServiceError);
  });

  it('returns null when the user cancels, and exports nothing', async () => {
    const { h, dataDir } = handlers(async () => null);
    expect(await h['qbr.chooseDestination']({ kind: 'file', format: 'pptx', partnerId: 'P-1' })).toBeNull();
    expect(existsSync(join(dataDir, 'exports'))).toBe(false);
  });

  it('runs a batch in its own folder inside the folder the user chose', async () => {
    const chosenDir = mkdtempSync(join(tmpdir(), 'pb-chosen-'));
    const { h } = handlers(async (req) => (req.kind === 'folder' ? chosenDir : null));
    const folder = await h['qbr.chooseDestination']({ kind: 'folder', format: 'pptx', quarter: '2026-Q3' });
    // A folder choice cannot be spent on a single deck.
    const file = await h['qbr.chooseDestination']({ kind: 'folder', format: 'pptx', quarter: '2026-Q3' });
    await expect(h['qbr.export']({ partnerId: 'P-1', format: 'pptx', destination: file!.id })).rejects.toMatchObject({ code: 'invalid_input' });

    const started = await h['qbr.batch.start']({ filter: { partnerIds: ['P-1'] }, quarter: '2026-Q3', format: 'pptx', destination: folder!.id });
    expect(started.dir.startsWith(join(chosenDir, 'QBR Q3 2026 — '))).toBe(true);
    const done = await finished(h, started.id);
    expect(done.state).toBe('done');
    expect(readdirSync(chosenDir)).toHaveLength(1); // nothing written beside the batch's own folder
    expect(readdirSync(started.dir)).toEqual(expect.arrayContaining(['index.html', 'index.csv']));
  });
});

describe('DestinationRegistry', () => {
  it('forgets a choice after 15 minutes', () => {
    let now = 0;
    const reg = new DestinationRegistry(() => now);
    const id = reg.add('file', '/tmp/a.pptx');
    now = 15 * 60_000 + 1;
    expect(() => reg.take(id, 'file')).toThrow(/no longer valid/);
  });
});
