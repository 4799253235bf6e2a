/**
 * The workspace registry: `workspaces.json` in the data root lists the user's books —
 * each one's id, name, source kind and non-secret source settings, and the folder that
 * holds its replica (and, for a demo book, the demo PRM's store). Secrets never go here
 * (see secrets.ts). Every change re-reads the file first and writes it atomically, so a
 * CLI command reading it meanwhile never sees half a file.
 *
 *   <data root>/workspaces.json
 *   <data root>/secrets.json                     (secrets.ts; outside every workspace folder)
 *   <data root>/workspaces/<id>/replica.sqlite   (+ -wal / -shm)
 *   <data root>/workspaces/<id>/demo-prm.sqlite  (demo workspaces only)
 *   <data root>/workspaces/<id>/exports/         (QBR decks)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { salesforceMappingSchema } from '../../src-shared/domain/salesforce-mapping';
import { fieldError } from '../base/errors';

export const REGISTRY_FILE = 'workspaces.json';
export const WORKSPACES_DIR = 'workspaces';
export const REPLICA_FILE = 'replica.sqlite';
export const DEMO_STORE_FILE = 'demo-prm.sqlite';

export const DEMO_SCALES = ['small', 'medium', 'large'] as const;
export type DemoScale = (typeof DEMO_SCALES)[number];

const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo'), seed: z.number().int().min(0), scale: z.enum(DEMO_SCALES) }),
  z.object({ kind: z.literal('protocol-v1'), url: z.string().min(1) }),
  /** A book imported from spreadsheet files (services/import); edits live only in its replica. */
  z.object({ kind: z.literal('spreadsheet') }),
  /**
   * A Salesforce org (sources/salesforce); its sign-in (access and refresh token) is in the
   * secret store. The rest is not secret: where to sign in (`loginUrl`), the External Client
   * App's consumer key (`clientId`), who signed in to which org, for display, and the pull
   * mapping (`mapping`: which Accounts are partners, record types, stages, roles, custom
   * objects; absent = the defaults). The mapping lives here, not in the replica, so the CLI
   * reads it without opening the book and a rebuilt replica keeps it.
   */
  z.object({
    kind: z.literal('salesforce'),
    instanceUrl: z.string().optional(),
    loginUrl: z.string().optional(),
    clientId: z.string().optional(),
    orgId: z.string().optional(),
    username: z.string().optional(),
    mapping: salesforceMappingSchema.optional(),
  }),
]);
/** Where a workspace's book comes from, without its secrets. */
export type WorkspaceSource = z.infer<typeof sourceSchema>;

const entrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  source: sourceSchema,
  /** Relative to the data root. */
  folder: z.string().min(1),
  createdAt: z.string(),
  lastOpenedAt: z.string().nullable(),
  /** Set while an old single-replica data folder is being moved into this workspace. */
  migratedFrom: z.string().optional(),
});
export type WorkspaceEntry = z.infer<typeof entrySchema>;

const fileSchema = z.object({
  version: z.literal(1),
  active: z.string().nullable(),
  workspaces: z.array(entrySchema),
});
type RegistryFile = z.infer<typeof fileSchema>;

export const NAME_MAX = 60;

/** A workspace name as stored: trimmed, inner whitespace collapsed; a plain error when unusable. */
export function cleanName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name) throw fieldError('invalid_input', 'name', 'Give the workspace a name.');
  if (name.length > NAME_MAX) {
    throw fieldError('invalid_input', 'name', `Keep the workspace name under ${NAME_MAX} characters.`);
  }
  return name;
}

function slug(name: string): string {
  const s = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s || 'workspace';
}

export class WorkspaceRegistry {
  readonly path: string;

  constructor(readonly root: string) {
    this.path = join(root, REGISTRY_FILE);
  }

  private read(): RegistryFile {
    if (!existsSync(this.path)) return { version: 1, active: null, workspaces: [] };
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (err) {
      throw new Error(`The workspace list at ${this.path} can't be read (${(err as Error).message}); fix or move that file and start again.`, {
        cause: err,
      });
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(`The workspace list at ${this.path} is not in the expected format; fix or move that file and start again.`);
    }
    return parsed.data;
  }

  private write(file: RegistryFile): void {
    mkdirSync(this.root, { recursive: true });
    const tmp = `${this.path}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`);
    renameSync(tmp, this.path);
  }

  private change<T>(fn: (file: RegistryFile) => T): T {
    const file = this.read();
    const out = fn(file);
    this.write(file);
    return out;
  }

  list(): WorkspaceEntry[] {
    return this.read().workspaces;
  }

  get(id: string): WorkspaceEntry | null {
    return this.list().find((w) => w.id === id) ?? null;
  }

  /** By id, else by name (case-insensitive). */
  find(nameOrId: string): WorkspaceEntry | null {
    const all = this.list();
    const key = nameOrId.trim().toLowerCase();
    return all.find((w) => w.id === nameOrId) ?? all.find((w) => w.name.toLowerCase() === key) ?? null;
  }

  activeId(): string | null {
    const file = this.read();
    return file.workspaces.some((w) => w.id === file.active) ? file.active : null;
  }

  folderPath(entry: Pick<WorkspaceEntry, 'folder'>): string {
    return join(this.root, entry.folder);
  }

  replicaPath(entry: Pick<WorkspaceEntry, 'folder'>): string {
    return join(this.root, entry.folder, REPLICA_FILE);
  }

  add(input: { name: string; source: WorkspaceSource; migratedFrom?: string }, now: string): WorkspaceEntry {
    const name = cleanName(input.name);
    return this.change((file) => {
      const same = file.workspaces.find((w) => w.name.toLowerCase() === name.toLowerCase());
      if (same) {
        throw fieldError('conflict', 'name', `There is already a workspace called '${same.name}'.`);
      }
      const base = slug(name);
      let id = base;
      for (let n = 2; file.workspaces.some((w) => w.id === id) || existsSync(join(this.root, WORKSPACES_DIR, id)); n++) id = `${base}-${n}`;
      const entry: WorkspaceEntry = {
        id,
        name,
        source: sourceSchema.parse(input.source),
        folder: `${WORKSPACES_DIR}/${id}`,
        createdAt: now,
        lastOpenedAt: null,
        ...(input.migratedFrom ? { migratedFrom: input.migratedFrom } : {}),
      };
      mkdirSync(this.folderPath(entry), { recursive: true });
      file.workspaces.push(entry);
      return entry;
    });
  }

  update(id: string, patch: Partial<Pick<WorkspaceEntry, 'name' | 'source' | 'lastOpenedAt' | 'migratedFrom'>>): WorkspaceEntry {
    return this.change((file) => {
      const entry = file.workspaces.find((w) => w.id === id);
      if (!entry) throw fieldError('not_found', 'id', `There is no workspace '${id}'.`);
      if (patch.name !== undefined) {
        const name = cleanName(patch.name);
        const same = file.workspaces.find((w) => w.id !== id && w.name.toLowerCase() === name.toLowerCase());
        if (same) {
          throw fieldError('conflict', 'name', `There is already a workspace called '${same.name}'.`);
        }
        entry.name = name;
      }
      if (patch.source !== undefined) entry.source = sourceSchema.parse(patch.source);
      if (patch.lastOpenedAt !== undefined) entry.lastOpenedAt = patch.lastOpenedAt;
      if ('migratedFrom' in patch) {
        if (patch.migratedFrom) entry.migratedFrom = patch.migratedFrom;
        else delete entry.migratedFrom;
      }
      return { ...entry };
    });
  }

  remove(id: string): void {
    this.change((file) => {
      file.workspaces = file.workspaces.filter((w) => w.id !== id);
      if (file.active === id) file.active = null;
    });
  }

  setActive(id: string | null): void {
    this.change((file) => {
      if (id !== null && !file.workspaces.some((w) => w.id === id)) {
        throw fieldError('not_found', 'id', `There is no workspace '${id}'.`);
      }
      file.active = id;
    });
  }
}
