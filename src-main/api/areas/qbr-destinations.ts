/**
 * Export destinations the user chose: the renderer never sends a path. In the desktop app
 * the shell's chooser (a save or folder dialog of the main process) returns a path; the
 * API keeps it here and hands the renderer an opaque id, which one export may use once,
 * within a few minutes. Without a chooser (browser harness), exports go to the
 * workspace's exports folder.
 */
import { randomBytes } from 'node:crypto';
import type { QbrFormat } from '../../../src-shared/methods/qbr';
import { fieldError } from '../../base/errors';

export interface DestinationRequest {
  /** A file for one deck, a folder for a batch. */
  kind: 'file' | 'folder';
  format: QbrFormat;
  /** The file (or folder) name to suggest. */
  suggestedName: string;
  /** The folder the user saved an export in last (the dialog starts there when it still exists), or null. */
  lastFolder: string | null;
}

/** Asks the user where to save; resolves to the chosen absolute path, or null when they cancel. */
export type DestinationChooser = (req: DestinationRequest) => Promise<string | null>;

/** How long a choice stays usable. */
export const DESTINATION_TTL_MS = 15 * 60_000;
const MAX_PENDING = 50;

interface Chosen {
  kind: DestinationRequest['kind'];
  path: string;
  expires: number;
}

export class DestinationRegistry {
  private readonly chosen = new Map<string, Chosen>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps a path the user chose and returns the id that stands for it. */
  add(kind: DestinationRequest['kind'], path: string): string {
    const t = this.now();
    for (const [id, c] of this.chosen) if (c.expires <= t) this.chosen.delete(id);
    while (this.chosen.size >= MAX_PENDING) this.chosen.delete(this.chosen.keys().next().value!);
    const id = `dst_${randomBytes(18).toString('base64url')}`;
    this.chosen.set(id, { kind, path, expires: t + DESTINATION_TTL_MS });
    return id;
  }

  /** The path behind `id`, used up by this call; a stale, used or unknown id is refused. */
  take(id: string, kind: DestinationRequest['kind']): string {
    const c = this.chosen.get(id);
    this.chosen.delete(id);
    if (!c || c.expires <= this.now() || c.kind !== kind) {
      const message = 'That save location is no longer valid (each choice is used once, within 15 minutes); choose where to save again.';
      throw fieldError('invalid_input', 'destination', message);
    }
    return c.path;
  }
}
