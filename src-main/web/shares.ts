/**
 * Folders the browser harness serves read-only: a batch export's folder, so the page can
 * link to its index.html and the index's relative links fetch the decks. Each folder gets
 * a random key (as hard to guess as the API token), and the URL `/files/<key>/<name>`
 * serves only a regular file directly inside that folder — no subfolder, no `..`, no other
 * path. Browsers cannot send the bearer token when they follow a link, so the key stands in
 * for it; the Host and Origin checks still apply.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { extname, join } from 'node:path';

export const SHARE_PREFIX = '/files/';

/** How a shared file is sent: its type, and whether the browser should save it rather than show it. */
export const SHARED_TYPES: Record<string, { type: string; attachment: boolean }> = {
  '.html': { type: 'text/html; charset=utf-8', attachment: false },
  '.csv': { type: 'text/csv; charset=utf-8', attachment: true },
  '.pptx': { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', attachment: true },
  '.pdf': { type: 'application/pdf', attachment: true },
};

export class FolderShares {
  private readonly byKey = new Map<string, string>();
  private readonly byDir = new Map<string, string>();

  /** Shares `dir`; returns the URL path its files are under ("/files/<key>/"). */
  add = (dir: string): string => {
    let key = this.byDir.get(dir);
    if (!key) {
      key = randomBytes(24).toString('base64url');
      this.byKey.set(key, dir);
      this.byDir.set(dir, key);
    }
    return `${SHARE_PREFIX}${key}/`;
  };

  /**
   * The file a `/files/<key>/<name>` path names, or null: an unknown key, a name that is not
   * one plain file name (slashes, `..`, NUL, bad encoding), a type not served, or no such file.
   */
  resolve(pathname: string): { path: string; name: string; type: string; attachment: boolean } | null {
    if (!pathname.startsWith(SHARE_PREFIX)) return null;
    const [key, raw, ...rest] = pathname.slice(SHARE_PREFIX.length).split('/');
    if (!key || raw === undefined || rest.length) return null;
    const dir = this.byKey.get(key);
    if (!dir) return null;
    let name: string;
    try {
      name = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (!name || name === '.' || name === '..' || /[/\\\0]/.test(name)) return null;
    const served = SHARED_TYPES[extname(name).toLowerCase()];
    if (!served) return null;
    const path = join(dir, name);
    try {
      if (!statSync(path).isFile()) return null;
    } catch {
      return null;
    }
    return { path, name, ...served };
  }
}
