// A stand-in for a service worker (the actions or the forecast worker) whose every request fails, as
// a real one does when it runs out of memory or cannot read the replica: tests give it as
// the worker options' `entry`.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (m) => {
  parentPort.postMessage({ id: m.id, ok: false, message: 'the worker ran out of memory.' });
});
