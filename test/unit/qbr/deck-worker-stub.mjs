// A stand-in deck worker for the pool's tests: what it does depends on the pack's partner id.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, pack }) => {
  const mode = pack.partner.id;
  if (mode === 'spin') for (;;); // a deck that never finishes, holding its thread
  if (mode === 'crash') process.exit(3);
  if (mode === 'fail') return parentPort.postMessage({ id, ok: false, message: 'the pack has no title data' });
  parentPort.postMessage({ id, ok: true, bytes: new TextEncoder().encode(`deck of ${mode}`), slides: 1 });
});
