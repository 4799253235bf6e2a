/**
 * What happens after an export, in whichever shell: the desktop app offers "Open" and
 * "Show in folder" for the file it wrote (the shell's `FileOpener`: Electron's `shell`);
 * the browser harness, which cannot open local files, offers none and serves a batch's
 * folder read-only instead (`FolderShare`). The renderer knows a written file only by an
 * opaque ref, never by a path it could send back. Also: where the save dialog starts
 * (the folder the user saved in last, remembered per workspace).
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { QbrFileAction, QbrFileLink } from '../../../src-shared/methods/qbr';
import { fieldError, ServiceError } from '../../base/errors';
import type { Db } from '../../db/connection';
import { readSetting, writeSetting } from '../../settings';
import type { DestinationRequest } from './qbr-destinations';

/** Opens a file in the app the system uses for it, or shows it selected in its folder (Electron's `shell`). */
export interface FileOpener {
  /** Resolves when the system has opened it; rejects with the system's reason. */
  open(path: string): Promise<void>;
  showInFolder(path: string): void;
}

/** Serves a folder read-only (the browser harness); returns the URL path its files are under, ending in "/". */
export type FolderShare = (dir: string) => string;

/** The actions offered for a written file: both where the shell can open files, none elsewhere. */
export function fileActions(opener: FileOpener | null): QbrFileAction[] {
  return opener ? ['open', 'show'] : [];
}

const isFolder = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Where the save dialog opens: in the folder the user saved in last when it still exists,
 * else `fallback` (the Documents folder); for one deck, with its suggested name filled in.
 */
export function dialogDefaultPath(req: Pick<DestinationRequest, 'kind' | 'suggestedName' | 'lastFolder'>, fallback: string, exists: (dir: string) => boolean = isFolder): string {
  const folder = req.lastFolder && exists(req.lastFolder) ? req.lastFolder : fallback;
  return req.kind === 'file' ? join(folder, req.suggestedName) : folder;
}

const LAST_FOLDER = 'qbr.lastSaveFolder';

/** The folder the user last saved an export in (this workspace), or null. */
export function lastSaveFolder(db: Db): string | null {
  return readSetting(db, LAST_FOLDER, z.string().min(1));
}

/** Remembers where the user just saved: the file's folder, or the folder a batch went into. */
export function rememberSaveFolder(db: Db, chosen: string, kind: DestinationRequest['kind']): void {
  writeSetting(db, LAST_FOLDER, kind === 'file' ? dirname(chosen) : chosen);
}

const MAX_LINKS = 500;

/** The files this workspace's exports wrote, each behind a stable ref for as long as the workspace is open. */
export class FileLinks {
  private readonly byRef = new Map<string, string>();
  private readonly byPath = new Map<string, string>();
  private readonly shared = new Map<string, string>();

  constructor(
    private readonly opener: FileOpener | null,
    private readonly share: FolderShare | null,
  ) {}

  /** The link for `path` (the same ref every time it is asked for). */
  link(path: string): QbrFileLink {
    let ref = this.byPath.get(path);
    if (!ref) {
      if (this.byRef.size >= MAX_LINKS) {
        const [oldRef, oldPath] = this.byRef.entries().next().value!;
        this.byRef.delete(oldRef);
        this.byPath.delete(oldPath);
      }
      ref = `fil_${randomBytes(18).toString('base64url')}`;
      this.byRef.set(ref, path);
      this.byPath.set(path, ref);
    }
    return { ref, name: basename(path), path, actions: fileActions(this.opener), url: this.urlOf(path) };
  }

  /** Where the harness serves `path` (its folder shared once), or null where nothing is shared. */
  private urlOf(path: string): string | null {
    if (!this.share) return null;
    const dir = dirname(path);
    let prefix = this.shared.get(dir);
    if (!prefix) {
      prefix = this.share(dir);
      this.shared.set(dir, prefix);
    }
    return `${prefix}${encodeURIComponent(basename(path))}`;
  }

  /** Opens the file behind `ref`, or shows it in its folder; every failure is one sentence. */
  async act(ref: string, action: QbrFileAction): Promise<void> {
    const path = this.byRef.get(ref);
    if (!path) throw fieldError('not_found', 'ref', 'That file is no longer known to the app; export it again.');
    if (!this.opener) throw new ServiceError('unavailable', 'Files can only be opened from the desktop app.');
    let isFile: boolean;
    try {
      isFile = statSync(path).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) throw new ServiceError('not_found', `${basename(path)} is no longer in ${dirname(path)}; it may have been moved or deleted.`);
    if (action === 'show') {
      this.opener.showInFolder(path);
      return;
    }
    try {
      await this.opener.open(path);
    } catch (err) {
      const why = (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');
      throw new ServiceError('unavailable', `Couldn't open ${basename(path)}: ${why}.`);
    }
  }
}
