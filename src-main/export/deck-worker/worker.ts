/**
 * The deck worker (node:worker_threads): turns QBR packs into .pptx bytes — text fitting
 * and pptxgenjs, the CPU-heavy part of an export — off the main process's event loop.
 * One pack at a time; see pool.ts for the main side. Bundled as out/main/deck-worker.js;
 * from the TypeScript sources it starts through worker-dev.mjs.
 */
import { parentPort } from 'node:worker_threads';
import type { Branding } from '../../../src-shared/methods/branding';
import type { QbrPack } from '../../../src-shared/methods/qbr';
import { buildDeck } from '../pptx/deck';

export interface DeckRequest {
  id: number;
  pack: QbrPack;
  /** The company's look, read from the workspace by the caller (a worker never opens the replica). */
  branding?: Branding;
}

export type DeckReply = { id: number; ok: true; bytes: Uint8Array; slides: number } | { id: number; ok: false; message: string };

const port = parentPort;
if (!port) throw new Error('deck-worker runs as a worker thread');
port.on('message', (req: DeckRequest) => {
  buildDeck(req.pack, req.branding).then(
    (deck) => port.postMessage({ id: req.id, ok: true, bytes: deck.bytes, slides: deck.slides } satisfies DeckReply),
    (err: unknown) => port.postMessage({ id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies DeckReply),
  );
});
