/**
 * The main side of the actions worker (worker.ts): one worker thread per open workspace,
 * started on first use, kept while the workspace is open (it holds the evidence builders of
 * its last rankings) and unref'd while idle, so it never keeps a process alive. A worker
 * that fails or exits fails the requests it had; the next request starts a new one (which
 * keeps no earlier result: an evidence request for one is answered `null`).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ServiceError } from '../../../base/errors';
import { currentMoneyDisplay } from '../../../../src-shared/format';
import type { ActionItem, ActionSettings } from '../../../../src-shared/methods/actions';
import type { ActionEvidence } from '../types';
import type { ActionsReply, ActionsRequest } from './protocol';

export interface ActionsWorkerOptions {
  /** The worker script; found next to this module (sources) or in out/main/ (bundle) when not given. */
  entry?: string;
  /**
   * For tests only: awaited before a reply of the worker is acted on, so a test can hold a
   * ranking's answer until it has seen other calls answered (never set by the app).
   */
  beforeReply?: (reply: { kind: 'rank' | 'evidence' | 'error' }) => Promise<void> | void;
}

/** The worker script: worker-dev.mjs in a checkout, actions-worker.js in the electron-vite bundle. */
export function actionsWorkerEntry(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, 'worker-dev.mjs'), // TypeScript sources (tsx, vitest)
    join(here, 'actions-worker.js'), // bundle: out/main/
    join(here, '..', 'actions-worker.js'), // bundle, from a shared chunk in out/main/chunks/
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`This build has no actions worker (looked for ${candidates.join(', ')}).`);
  return found;
}

const closedError = () => new ServiceError('unavailable', 'The workspace was closed while its actions were being computed.');

interface Pending {
  resolve(reply: ActionsReply): void;
  reject(err: Error): void;
}

export class ActionsWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private closed = false;

  /** `path`: the replica file the worker reads (read-only). */
  constructor(
    private readonly path: string,
    private readonly o: ActionsWorkerOptions = {},
  ) {}

  /** The book's ranked actions as of `asOf` (no states, evidence not built), and the id the worker keeps them under. */
  async rank(asOf: string, settings: ActionSettings): Promise<{ job: number; items: ActionItem[] }> {
    const id = ++this.seq;
    const reply = await this.send({ kind: 'rank', id, path: this.path, asOf, settings, display: currentMoneyDisplay() });
    if (reply.ok && reply.kind === 'rank') return { job: id, items: reply.items };
    throw new Error('the actions worker answered out of turn');
  }

  /** The evidence of `keys` of ranking `job`, or null when the worker no longer keeps that ranking. */
  async evidence(job: number, keys: string[]): Promise<Map<string, ActionEvidence> | null> {
    const reply = await this.send({ kind: 'evidence', id: ++this.seq, job, keys, display: currentMoneyDisplay() });
    if (reply.ok && reply.kind === 'evidence') return reply.evidence ? new Map(reply.evidence) : null;
    throw new Error('the actions worker answered out of turn');
  }

  /** Fails what is pending and stops the worker; later requests fail. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    this.failAll(closedError());
    if (w) await w.terminate();
  }

  private send(req: ActionsRequest): Promise<ActionsReply> {
    if (this.closed) return Promise.reject(closedError());
    return new Promise<ActionsReply>((resolve, reject) => {
      let w: Worker;
      try {
        w = this.worker ?? this.spawn();
      } catch (err) {
        return reject(new Error(`Computing the actions failed: ${err instanceof Error ? err.message : String(err)}`));
      }
      this.pending.set(req.id, { resolve, reject });
      w.ref();
      w.postMessage(req);
    }).then((reply) => {
      if (!reply.ok) throw new Error(`Computing the actions failed: ${reply.message}`);
      return reply;
    });
  }

  private spawn(): Worker {
    const w = new Worker(this.o.entry ?? actionsWorkerEntry());
    w.on('message', (m: ActionsReply) => {
      const hold = this.o.beforeReply?.({ kind: m.ok ? m.kind : 'error' });
      if (!hold) return this.settle(w, m);
      const settle = () => this.settle(w, m);
      void Promise.resolve(hold).then(settle, settle);
    });
    w.on('error', (err) => this.gone(w, err));
    w.on('exit', (code) => this.gone(w, new Error(`the actions worker stopped (exit code ${code})`)));
    w.unref();
    this.worker = w;
    return w;
  }

  private settle(w: Worker, m: ActionsReply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (this.pending.size === 0 && this.worker === w) w.unref();
    p.resolve(m);
  }

  /** The worker failed or exited on its own: fail what it had; the next request starts another. */
  private gone(w: Worker, err: Error): void {
    if (this.worker !== w) return;
    this.worker = null;
    this.failAll(new Error(`Computing the actions failed: ${err.message}`));
  }

  private failAll(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err);
  }
}
