/**
 * Issue 15.2, the meeting's own structure, through the API handlers as the app calls them:
 * attendees from both sides are suggested from the partner's contacts and our users, edited in
 * the app and kept with the pack for that partner and quarter (and put back to the suggestion);
 * a bad list is refused with a sentence. Batch exports offer the internal appendix (off by
 * default). Small fixture book (test/unit/qbr/fixtures.ts).
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { AgendaData, QbrBatchStatus, QbrPack } from '../../../src-shared/methods/qbr';
import { createHandlers, type WorkspaceHandlers } from '../../../src-main/api/handlers';
import { createRouter, type Handlers } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import { EventBus } from '../../../src-main/events';
import { createSyncService } from '../../../src-main/sync/service';
import { qbrBook } from '../../unit/qbr/fixtures';

const clock = fixedClock('2026-11-20T14:05:31Z');

function setUp() {
  const db = qbrBook();
  const parent = mkdtempSync(join(tmpdir(), 'pb-meeting-'));
  const events = new EventBus();
  const sync = createSyncService({ db, clock, events, source: () => null });
  const h = createHandlers({ db, clock, events, sync, dataDir: mkdtempSync(join(tmpdir(), 'pb-data-')), chooseDestination: async () => parent });
  return { h, db };
}

const agendaOf = (p: QbrPack): AgendaData => {
  const s = p.sections.find((x) => x.key === 'agenda');
  return s!.data as AgendaData;
};

describe('the meeting: attendees and agenda', () => {
  it('suggests attendees from both sides, keeps the edited list with the pack, and goes back to the suggestion', async () => {
    const { h } = setUp();
    const before = agendaOf(await h['qbr.pack']({ partnerId: 'P-1', quarter: '2026-Q3' }));
    expect(before.attendeesEdited).toBe(false);
    expect(before.attendees.partner).toEqual(['Ann One, Sales', 'Ben Two, Sales', 'Cy Three, Sales']);
    expect(before.attendees.vendor).toEqual(['Dana Cam, Channel account manager']);
    expect(before.meetingText).toBe('Meeting date 20 Nov 2026');

    const saved = await h['qbr.attendees.save']({ partnerId: 'P-1', quarter: '2026-Q3', attendees: { partner: [' Ann One, CEO ', 'Zoe New, CTO'], vendor: ['Dana Cam, CAM'] } });
    expect(saved).toEqual({ attendees: { partner: ['Ann One, CEO', 'Zoe New, CTO'], vendor: ['Dana Cam, CAM'] }, edited: true });
    const pack = await h['qbr.pack']({ partnerId: 'P-1', quarter: '2026-Q3' });
    expect(agendaOf(pack).attendees.partner).toEqual(['Ann One, CEO', 'Zoe New, CTO']);
    // Kept for that quarter only: the running quarter still has the suggestion.
    expect(agendaOf(await h['qbr.pack']({ partnerId: 'P-1' })).attendeesEdited).toBe(false);
    // The deck says it too.
    const bytes = Buffer.from((await h['qbr.download']({ partnerId: 'P-1', quarter: '2026-Q3', format: 'pptx' })).base64, 'base64');
    const zip = await JSZip.loadAsync(bytes);
    const slide2 = await zip.file('ppt/slides/slide2.xml')!.async('string');
    expect(slide2).toContain('Zoe New, CTO');
    expect(slide2).toContain('Meeting date 20 Nov 2026');

    const back = await h['qbr.attendees.save']({ partnerId: 'P-1', quarter: '2026-Q3', attendees: null });
    expect(back.edited).toBe(false);
    expect(back.attendees.partner).toEqual(before.attendees.partner);
  });

  it('refuses a list it cannot keep, in a sentence, and keeps what was there', async () => {
    const { h, db } = setUp();
    const router = createRouter(h as unknown as Handlers);
    const empty = await router.handle('qbr.attendees.save', { partnerId: 'P-1', quarter: '2026-Q3', attendees: { partner: ['  '], vendor: [] } });
    expect(empty.ok).toBe(false);
    expect(!empty.ok && empty.error.message).toBe('Your partner’s team, line 1 is empty; write a name, or remove the line.');
    const many = await router.handle('qbr.attendees.save', { partnerId: 'P-1', quarter: '2026-Q3', attendees: { partner: Array.from({ length: 13 }, (_, i) => `P${i}`), vendor: [] } });
    expect(!many.ok && many.error.message).toBe('Your partner’s team: at most 12 people a side; remove 1.');
    // A line too long is named by its side and number, once (not once per line of the list).
    const long = await router.handle('qbr.attendees.save', { partnerId: 'P-1', quarter: '2026-Q3', attendees: { partner: ['Ann, CEO', 'x'.repeat(140)], vendor: Array.from({ length: 14 }, (_, i) => `V${i}`) } });
    expect(!long.ok && long.error.message).toBe('Your partner’s team, line 2 is 140 characters long; a line can be at most 120. Our team: at most 12 people a side; remove 2.');
    await expect(Promise.resolve().then(() => h['qbr.attendees.save']({ partnerId: 'P-404', quarter: '2026-Q3', attendees: { partner: ['A'], vendor: [] } }))).rejects.toThrow(
      /No partner with id 'P-404'/,
    );
    expect(db.sqlite.prepare("SELECT count(*) FROM setting WHERE key LIKE 'qbr.attendees.%'").pluck().get()).toBe(0);
  });
});

describe('batch exports offer the internal appendix', () => {
  async function runBatch(h: WorkspaceHandlers, internalAppendix?: boolean): Promise<QbrBatchStatus> {
    const chosen = await h['qbr.chooseDestination']({ kind: 'folder', format: 'pptx', quarter: '2026-Q3' });
    const started = await h['qbr.batch.start']({ filter: { partnerIds: ['P-1'] }, quarter: '2026-Q3', format: 'pptx', destination: chosen!.id, ...(internalAppendix === undefined ? {} : { internalAppendix }) });
    for (;;) {
      const s = await h['qbr.batch.status']({ id: started.id });
      if (s && s.state !== 'running') return s;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  const slidesText = async (dir: string) => {
    const deck = readdirSync(dir).find((f) => f.endsWith('.pptx'))!;
    const zip = await JSZip.loadAsync(readFileSync(join(dir, deck)));
    const names = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    return (await Promise.all(names.map((n) => zip.file(n)!.async('string')))).join(' ');
  };

  it('adds it to every deck only when asked', async () => {
    const { h } = setUp();
    const plain = await runBatch(h);
    const withIt = await runBatch(h, true);
    expect(plain.done).toBe(1);
    expect(withIt.done).toBe(1);
    expect(await slidesText(plain.dir)).not.toContain('Internal appendix');
    expect(await slidesText(withIt.dir)).toContain('Internal appendix');
  }, 60_000);
});
