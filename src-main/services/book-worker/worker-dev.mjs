// Starts a book worker from the TypeScript sources (a checkout: the harness through tsx,
// tests under vitest). A worker does not inherit the loader its parent registered, so it
// registers tsx itself. The built app runs out/main/book-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
