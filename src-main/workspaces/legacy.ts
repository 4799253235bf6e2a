/**
 * Data folders from before workspaces held one replica, `partnerbook.sqlite`, with the PRM
 * and its token in plain text in the replica's `setting` table (key `prm`). This moves such
 * a folder into a workspace: the token goes to the secret store and its bytes out of the
 * replica file (secure_delete, VACUUM, WAL truncated), then the replica (and the demo PRM's
 * store) move into the workspace's folder.
 *
 * Each step can be repeated: a crash part-way leaves the registry entry marked
 * `migratedFrom`, and the next start finishes the move.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { openDb, type Db } from '../db/connection';
import { DEMO_STORE_FILE, type DemoScale, type WorkspaceEntry, type WorkspaceRegistry, type WorkspaceSource } from './registry';
import { tokenKey, type SecretStore } from './secrets';

export const LEGACY_REPLICA = 'partnerbook.sqlite';
const LEGACY_DEMO_STORE = 'demo-prm.sqlite';
const SIDE_FILES = ['-wal', '-shm'];

/** Setting keys that held secrets in replicas written before workspaces. */
export const LEGACY_SECRET_SETTINGS = ['prm'] as const;

const legacyPrmSchema = z.object({ kind: z.enum(['demo', 'custom']), url: z.string(), token: z.string() });
export type LegacyPrm = z.infer<typeof legacyPrmSchema>;

/** The `prm` setting of an old replica, if it has one. */
export function readLegacyPrm(db: Db): LegacyPrm | null {
  const row = db.sqlite.prepare("SELECT value FROM setting WHERE key = 'prm'").get() as { value: string } | undefined;
  if (!row) return null;
  try {
    const parsed = legacyPrmSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Removes secret-bearing settings from a replica so that their bytes are gone from the
 * file, not just unlinked from the b-tree: secure_delete zeroes the deleted cells, VACUUM
 * rewrites the file, and the WAL (which still holds old page images) is checkpointed and
 * truncated. Returns whether anything was removed.
 */
export function scrubSecretSettings(db: Db): boolean {
  const { sqlite } = db;
  const keys = LEGACY_SECRET_SETTINGS as readonly string[];
  const placeholders = keys.map(() => '?').join(', ');
  const present = sqlite.prepare(`SELECT count(*) AS n FROM setting WHERE key IN (${placeholders})`).get(...keys) as { n: number };
  if (present.n === 0) return false;
  sqlite.pragma('secure_delete = ON');
  sqlite.prepare(`DELETE FROM setting WHERE key IN (${placeholders})`).run(...keys);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('VACUUM');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return true;
}

function moveWithSideFiles(from: string, to: string): void {
  if (existsSync(from)) renameSync(from, to);
  for (const side of SIDE_FILES) if (existsSync(from + side)) renameSync(from + side, to + side);
}

export interface LegacyMigrationOptions {
  registry: WorkspaceRegistry;
  secrets: SecretStore;
  now: string;
  /** A PRM given on the command line for this run: an old replica without a `prm` setting was synced with it. */
  prm?: { url: string } | null;
  demo: { seed: number; scale: DemoScale };
  /** Opens a replica (the shell's recovery hook); `openDb` when not given. */
  openReplica?: (path: string) => Db;
}

/**
 * Moves `<root>/partnerbook.sqlite` into a workspace (see the file comment). Returns the
 * workspace, or null when there is nothing to migrate.
 */
export function migrateLegacyDataDir(opts: LegacyMigrationOptions): WorkspaceEntry | null {
  const { registry, secrets } = opts;
  const legacy = join(registry.root, LEGACY_REPLICA);
  let entry = registry.list().find((w) => w.migratedFrom === LEGACY_REPLICA) ?? null;
  if (!existsSync(legacy) && !entry) return null;
  if (existsSync(legacy)) {
    const db = (opts.openReplica ?? openDb)(legacy);
    try {
      const prm = readLegacyPrm(db);
      if (!entry) {
        const source: WorkspaceSource =
          prm?.kind === 'custom'
            ? { kind: 'protocol-v1', url: prm.url }
            : !prm && opts.prm
              ? { kind: 'protocol-v1', url: opts.prm.url }
              : { kind: 'demo', ...opts.demo };
        const name = source.kind === 'demo' ? 'Demo book' : `PRM at ${hostOf(source.url)}`;
        entry = registry.add({ name: uniqueName(registry, name), source, migratedFrom: LEGACY_REPLICA }, opts.now);
      }
      // The secret is stored before it is scrubbed, so a crash in between loses nothing.
      if (prm) secrets.set(tokenKey(entry.id), prm.token);
      scrubSecretSettings(db);
    } finally {
      db.close();
    }
  }
  if (!entry) return null;
  moveWithSideFiles(legacy, registry.replicaPath(entry));
  if (entry.source.kind === 'demo') moveWithSideFiles(join(registry.root, LEGACY_DEMO_STORE), join(registry.folderPath(entry), DEMO_STORE_FILE));
  return registry.update(entry.id, { migratedFrom: undefined });
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** `name`, or `name (2)`, `name (3)` … when taken. */
export function uniqueName(registry: WorkspaceRegistry, name: string): string {
  const taken = new Set(registry.list().map((w) => w.name.toLowerCase()));
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name} (${n})`.toLowerCase())) return `${name} (${n})`;
}
