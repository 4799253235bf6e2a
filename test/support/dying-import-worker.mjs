// The import worker (services/import/worker) dying the moment it has compared the files with
// the book and holds its open write transaction, as it would if it ran out of memory there:
// tests give it as ImportWorkerOptions.entry. The real worker runs; only its end is forced.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (message, transfer) => {
  if (message?.note === 'progress' && message.progress.phase === 'writing' && message.progress.count !== undefined) process.exit(3);
  return post(message, transfer);
};
register();
await import('../../src-main/services/import/worker/worker.ts');
