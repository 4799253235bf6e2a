/**
 * `npm run bench:qbr`: one QBR deck, and a batch of 50 partners, on the medium demo book
 * (synced through the real path). Figures: pack + .pptx for one deck (warm and cold), the
 * same with the LibreOffice PDF step, and 50-partner batches as .pptx and as .pdf.
 * Last line: {"bench":"qbr","deck_ms":N,"batch50_s":N,"floor":N,"ratio":N} — deck_ms is the
 * median warm .pptx deck (pack model + pptxgenjs + write, health cache warm), batch50_s the
 * 50-partner .pptx batch; floor the median time pptxgenjs takes to write the same decks from
 * their precomputed section data (the rendering floor: no data work), ratio deck_ms ÷ floor
 * (how much the data work adds). None includes the PDF step, whose figures are printed above
 * it (deck_pdf_ms, batch50_pdf_s), as is the cold first deck.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src-main/db/connection';
import { EventBus } from '../../src-main/events';
import { findSoffice } from '../../src-main/export/pdf/libreoffice';
import { buildDeck } from '../../src-main/export/pptx/deck';
import { getBranding } from '../../src-main/services/branding/service';
import { writeFileSync } from 'node:fs';
import { startDemoPrm } from '../../tools/demo-prm/index';
import { fixedClock } from '../../src-main/base/clock';
import { createQbrService } from '../../src-main/services/qbr/service';
import { createSyncService } from '../../src-main/sync/service';
import { protocolV1Connector } from '../../src-main/sources/protocol-v1/client';

const AS_OF = '2026-11-20';
const scale = (process.env.QBR_BENCH_SCALE as 'small' | 'medium' | undefined) ?? 'medium';

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-qbr-'));
  const prm = await startDemoPrm({ scale, seed: 42, asOf: AS_OF });
  const db = openDb(join(dir, 'replica.sqlite'));
  try {
    const clock = fixedClock(AS_OF);
    const sync = createSyncService({ db, clock, events: new EventBus(), source: () => protocolV1Connector({ url: prm.url, token: prm.token }) });
    const s = await sync.run();
    if (!s.ok) throw new Error(`sync failed: ${s.error}`);
    const qbr = createQbrService({ db, clock, dataDir: dir });
    const ids = db.sqlite.prepare("SELECT id FROM partner WHERE status != 'churned' ORDER BY id").pluck().all() as string[];
    console.log(`[qbr] ${scale} book: ${ids.length} live partners; machine: ${(await import('node:os')).cpus().length} cores`);

    let t = performance.now();
    await qbr.exportOne(ids[0]!, undefined, 'pptx', join(dir, 'cold.pptx'));
    const cold = performance.now() - t;
    const warm: number[] = [];
    for (const id of ids.slice(1, 6)) {
      t = performance.now();
      await qbr.exportOne(id, undefined, 'pptx', join(dir, `${id}.pptx`));
      warm.push(performance.now() - t);
    }
    // deck_ms: the median warm deck (health inputs cached, as in a running app); the cold
    // first deck, which also fills the health cache for the whole book, is printed above.
    const deckMs = [...warm].sort((a, b) => a - b)[Math.floor(warm.length / 2)]!;
    console.log(`[qbr] one deck (.pptx, pack + deck + write): first ${cold.toFixed(0)} ms (cold caches), then ${warm.map((x) => x.toFixed(0)).join(', ')} ms`);

    // The rendering floor: the same decks written by pptxgenjs from packs built beforehand.
    const packs = ids.slice(1, 6).map((id) => qbr.pack(id));
    const branding = getBranding(db);
    const floors: number[] = [];
    for (const pack of packs) {
      t = performance.now();
      const deck = await buildDeck(pack, branding);
      writeFileSync(join(dir, `floor-${pack.partner.id}.pptx`), deck.bytes);
      floors.push(performance.now() - t);
    }
    const floorMs = [...floors].sort((a, b) => a - b)[Math.floor(floors.length / 2)]!;
    console.log(`[qbr] the same decks from precomputed section data (pptxgenjs + write only): ${floors.map((x) => x.toFixed(0)).join(', ')} ms; median ${floorMs.toFixed(0)} ms, ${(deckMs / floorMs).toFixed(2)}× for the whole deck`);

    let deckPdfMs: number | null = null;
    // QBR_BENCH_PDF=0 leaves the LibreOffice figures out (a quicker run to compare .pptx figures).
    const hasPdf = process.env.QBR_BENCH_PDF !== '0' && !!findSoffice();
    if (hasPdf) {
      t = performance.now();
      await qbr.exportOne(ids[7]!, undefined, 'pdf', join(dir, 'one.pdf'));
      deckPdfMs = performance.now() - t;
      console.log(`[qbr] one deck as PDF (LibreOffice start-up + conversion included): ${deckPdfMs.toFixed(0)} ms`);
    } else console.log(`[qbr] PDF figures skipped (${process.env.QBR_BENCH_PDF === '0' ? 'QBR_BENCH_PDF=0' : 'LibreOffice not installed'})`);

    const fifty = ids.slice(100, 150);
    t = performance.now();
    let b = qbr.batches.start({ filter: {}, format: 'pptx', dir: join(dir, 'b-pptx'), partners: fifty.map((id) => ({ id, name: id, tier_name: '', owner_name: '' })) });
    b = await qbr.batches.wait(b.id);
    const batchS = (performance.now() - t) / 1000;
    console.log(`[qbr] batch of ${b.total} (.pptx): ${batchS.toFixed(1)} s, ${b.done} done, ${b.failed} failed`);

    let batchPdfS: number | null = null;
    if (hasPdf) {
      t = performance.now();
      b = qbr.batches.start({ filter: {}, format: 'pdf', dir: join(dir, 'b-pdf'), partners: fifty.map((id) => ({ id, name: id, tier_name: '', owner_name: '' })) });
      b = await qbr.batches.wait(b.id);
      batchPdfS = (performance.now() - t) / 1000;
      console.log(`[qbr] batch of ${b.total} (.pdf via LibreOffice, 2 conversions in parallel): ${batchPdfS.toFixed(1)} s, ${b.done} done, ${b.failed} failed`);
    }
    console.log(`[qbr] targets: deck ≤ 1500 ms, batch of 50 ≤ 30 s; deck_pdf_ms=${deckPdfMs?.toFixed(0) ?? 'n/a'} batch50_pdf_s=${batchPdfS?.toFixed(1) ?? 'n/a'}`);
    console.log(
      JSON.stringify({ bench: 'qbr', deck_ms: Math.round(deckMs), batch50_s: Math.round(batchS * 10) / 10, floor: Math.round(floorMs), ratio: Math.round((deckMs / floorMs) * 100) / 100 }),
    );
  } finally {
    db.close();
    await prm.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
