// A stand-in for the actions worker (services/actions/worker) whose every ranking fails, as
// the real one does when it runs out of memory or cannot read the replica: tests give it as
// ActionsWorkerOptions.entry.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (m) => {
  parentPort.postMessage({ id: m.id, ok: false, message: 'the worker ran out of memory.' });
});
