/**
 * The main side of the actions worker (worker.ts): one worker thread per open workspace
 * (base/worker-client.ts: started on first use, unref'd while idle, stopped when the
 * workspace closes). It keeps the evidence builders of its last rankings. A worker that
 * fails or exits fails the requests it had; the next request starts a new one (which keeps
 * no earlier result: an evidence request for one is answered `null`).
 */
import { progressNotes, WorkerClient, workerEntry } from '../../../base/worker-client';
import { currentMoneyDisplay } from '../../../../src-shared/format';
import type { ActionItem, ActionSettings, ActionsProgress } from '../../../../src-shared/methods/actions';
import type { ActionEvidence } from '../types';
import { rankingCodeKey } from '../kept';
import { unpackItems } from './packed';
import type { ActionsReply, ActionsRequest } from './protocol';

export interface ActionsWorkerOptions {
  /** The worker script; found next to this module (sources) or in out/main/ (bundle) when not given. */
  entry?: string;
  /**
   * For tests only: awaited before a reply of the worker is acted on, so a test can hold a
   * ranking's answer until it has seen other calls answered (never set by the app).
   */
  beforeReply?: (reply: { kind: 'rank' | 'evidence' | 'keep' | 'error' }) => Promise<void> | void;
}

/** The worker script: worker-dev.mjs in a checkout, actions-worker.js in the electron-vite bundle. */
export function actionsWorkerEntry(): string {
  return workerEntry(import.meta.url, 'actions-worker');
}

export class ActionsWorker {
  private readonly client: WorkerClient<ActionsRequest, ActionsReply>;
  private readonly entry: () => string;
  private code: string | null = null;

  /** `path`: the replica file the worker reads (read-only); `progress` hears how far a ranking has got. */
  constructor(
    private readonly path: string,
    o: ActionsWorkerOptions = {},
    progress?: (p: ActionsProgress) => void,
  ) {
    const hold = o.beforeReply;
    this.entry = () => o.entry ?? actionsWorkerEntry();
    this.client = new WorkerClient<ActionsRequest, ActionsReply>({
      entry: this.entry,
      failure: 'Computing the actions failed',
      closed: 'The workspace was closed while its actions were being computed.',
      beforeReply: hold ? (m) => hold({ kind: m.ok ? m.kind : 'error' }) : undefined,
      onNote: progressNotes<ActionsProgress>((p) => progress?.(p)),
    });
  }

  /**
   * The key of the code this worker ranks with (kept.ts `rankingCodeKey`), read once. A
   * script that cannot be read keys nothing (no worker runs from it to write a kept file);
   * starting the worker then fails with the pool's own sentence.
   */
  codeKey(): string {
    if (this.code === null) {
      try {
        this.code = rankingCodeKey(this.entry());
      } catch {
        this.code = 'no-script';
      }
    }
    return this.code;
  }

  /** The book's ranked actions as of `asOf` (no states, evidence not built), and the id the worker keeps them under. */
  async rank(asOf: string, settings: ActionSettings): Promise<{ job: number; items: ActionItem[] }> {
    const id = this.client.nextId();
    const reply = await this.client.send({ kind: 'rank', id, path: this.path, asOf, settings, display: currentMoneyDisplay(), code: this.codeKey() });
    if (reply.ok && reply.kind === 'rank') return { job: id, items: unpackItems(reply.items) };
    throw new Error('the actions worker answered out of turn');
  }

  /** The evidence of `keys` of ranking `job`, or null when the worker no longer keeps that ranking. */
  async evidence(job: number, keys: string[]): Promise<Map<string, ActionEvidence> | null> {
    const reply = await this.client.send({ kind: 'evidence', id: this.client.nextId(), job, keys, display: currentMoneyDisplay() });
    if (reply.ok && reply.kind === 'evidence') return reply.evidence ? new Map(reply.evidence) : null;
    throw new Error('the actions worker answered out of turn');
  }

  /** Keeps ranking `job` of the replica at `replica` on disk in `file` (kept.ts); false when the worker no longer keeps it or keeps a later one. */
  async keep(job: number, replica: string, file: string): Promise<boolean> {
    const reply = await this.client.send({ kind: 'keep', id: this.client.nextId(), job, replica, file });
    if (reply.ok && reply.kind === 'keep') return reply.written;
    throw new Error('the actions worker answered out of turn');
  }

  /** Fails what is pending and stops the worker; later requests fail. */
  close(): Promise<void> {
    return this.client.close();
  }
}
