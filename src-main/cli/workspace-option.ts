/**
 * `--workspace NAME` for every command that reads or writes a replica: the workspace's
 * replica (and for `sync`, its source, the token read from the secret store) in the data
 * folder given by `--data-dir`, else $PARTNERBOOK_DATA_DIR, else the per-user folder the
 * harness uses too (`defaultDataDir`). `--db PATH` keeps naming a replica file directly;
 * with neither, a command uses the data folder's current workspace (the one opened last).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/connection';
import { findDemoPrmCommand, startDemoPrmProcess } from '../embedded-prm';
import type { SourceConnector } from '../sources/contract';
import { salesforceWorkspaceConnector } from '../workspaces/salesforce-connector';
import { DEMO_STORE_FILE, WorkspaceRegistry, type WorkspaceEntry } from '../workspaces/registry';
import { dataRootSecrets, SecretUnavailableError, tokenEnvVar, tokenKey } from '../workspaces/secrets';
import { CliError } from './args';

export const WORKSPACE_OPTIONS = {
  workspace: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

/** `--help` lines of --db, --workspace and --data-dir (args.ts CommandHelp). */
export const WORKSPACE_HELP = {
  db: ['PATH', 'a replica file (default: the current workspace of the data folder)'],
  workspace: ['NAME', 'a workspace of the data folder, by name (any case) or id, instead of --db'],
  'data-dir': ['DIR', 'the data folder (default $PARTNERBOOK_DATA_DIR, else the per-user folder)'],
} as const;

/**
 * The per-user data folder of the harness and the CLI: $PARTNERBOOK_DATA_DIR, else
 * `~/.local/share/partnerbook-cli` ($XDG_DATA_HOME respected), `~/Library/Application
 * Support/partnerbook-cli` on macOS, `%LOCALAPPDATA%\partnerbook-cli` on Windows. The
 * desktop app keeps its own in Electron's userData folder.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.PARTNERBOOK_DATA_DIR) return resolve(env.PARTNERBOOK_DATA_DIR);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'partnerbook-cli');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'partnerbook-cli');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'partnerbook-cli');
}

export interface WorkspaceFlags {
  db?: string;
  workspace?: string;
  'data-dir'?: string;
  /** `sync --prm URL`: a PRM named on the command line goes with --db, never with the current workspace. */
  prm?: string;
}

export interface ChosenWorkspace {
  dataDir: string;
  registry: WorkspaceRegistry;
  entry: WorkspaceEntry;
}

/** The workspace named by --workspace (by name, case-insensitive, or id), or a plain error listing the ones there are. */
export function chooseWorkspace(flags: WorkspaceFlags): ChosenWorkspace {
  const name = flags.workspace ?? '';
  const dataDir = resolve(flags['data-dir'] ?? defaultDataDir());
  let registry: WorkspaceRegistry;
  let entry: WorkspaceEntry | null;
  let all: WorkspaceEntry[];
  try {
    registry = new WorkspaceRegistry(dataDir);
    entry = registry.find(name);
    all = registry.list();
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  if (!entry) {
    const names = all.map((w) => `'${w.name}'`).join(', ');
    throw new CliError(
      all.length
        ? `there is no workspace '${name}' in ${dataDir}; there are: ${names}`
        : `there are no workspaces in ${dataDir} yet (open the app or \`partnerbook web\` once, or pass --data-dir)`,
    );
  }
  return { dataDir, registry, entry };
}

/**
 * The replica file to use: --db PATH, or the replica of --workspace NAME, or else the
 * current workspace of the data folder (the one the app or the harness opened last). The
 * current one is written back into `flags.workspace`, so a command that also needs the
 * workspace's source (`sync`) treats it as if it had been named.
 */
export function replicaPath(flags: WorkspaceFlags, usage: string): string {
  if (flags.db !== undefined && flags.workspace !== undefined) throw new CliError(`use either --db or --workspace\n${usage}`, 2);
  if (flags.db) return resolve(flags.db);
  if (flags.workspace) {
    const { registry, entry } = chooseWorkspace(flags);
    return registry.replicaPath(entry);
  }
  if (flags.prm !== undefined) throw new CliError(`missing --db PATH: the replica to sync with --prm\n${usage}`, 2);
  const current = currentWorkspace(flags);
  if (current) {
    flags.workspace = current.entry.id;
    return current.registry.replicaPath(current.entry);
  }
  const dataDir = resolve(flags['data-dir'] ?? defaultDataDir());
  throw new CliError(`missing --db PATH or --workspace NAME: there is no current workspace in ${dataDir} to default to\n${usage}`, 2);
}

/** The data folder's current workspace (the last one opened), or null when it has none. */
export function currentWorkspace(flags: Pick<WorkspaceFlags, 'data-dir'>): ChosenWorkspace | null {
  const dataDir = resolve(flags['data-dir'] ?? defaultDataDir());
  try {
    const registry = new WorkspaceRegistry(dataDir);
    const id = registry.activeId();
    const entry = id ? registry.get(id) : null;
    return entry ? { dataDir, registry, entry } : null;
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

export interface SourceTarget {
  url: string;
  token: string;
  /** Stops what was started for this command (a demo book's PRM). */
  stop(): Promise<void>;
}

/**
 * The PRM of a workspace for one command: a protocol-v1 workspace's URL and token (from
 * --token, the environment or the secret store); for a demo book, its demo PRM started
 * for the duration of the command.
 */
export async function workspaceSource(chosen: ChosenWorkspace, flags: { token?: string; asOf?: string }): Promise<SourceTarget> {
  const { registry, entry, dataDir } = chosen;
  let stored: string | null;
  try {
    stored = flags.token ?? dataRootSecrets(dataDir).get(tokenKey(entry.id));
  } catch (err) {
    if (err instanceof SecretUnavailableError) throw new CliError(`workspace '${entry.name}': ${err.message}`);
    throw err;
  }
  if (entry.source.kind === 'protocol-v1') {
    if (!stored) {
      throw new CliError(`no sign-in is stored for workspace '${entry.name}'; pass --token T or set ${tokenEnvVar(entry.id)}`);
    }
    return { url: entry.source.url, token: stored, stop: async () => undefined };
  }
  if (entry.source.kind === 'salesforce') {
    throw new CliError(`workspace '${entry.name}' syncs from Salesforce, not from a PRM`);
  }
  if (entry.source.kind === 'spreadsheet') {
    throw new CliError(`workspace '${entry.name}' is a book imported from files: it has nothing to sync; update it with \`partnerbook import --workspace ${JSON.stringify(entry.name)} FILE...\``);
  }
  const command = findDemoPrmCommand(dirname(fileURLToPath(import.meta.url)));
  if (!command) throw new CliError(`workspace '${entry.name}' is a demo book, and its demo PRM tool only comes with a developer checkout`);
  const demo = await startDemoPrmProcess({
    command,
    storePath: join(registry.folderPath(entry), DEMO_STORE_FILE),
    token: stored ?? 'partnerbook-cli',
    seed: entry.source.seed,
    scale: entry.source.scale,
    asOf: flags.asOf,
  });
  return { url: demo.url, token: demo.token, stop: () => demo.stop() };
}

/** The replica of a --workspace for a command that makes books of one kind (`workspaceReplicaOfKind`). */
export interface KindWorkspace {
  path: string;
  /**
   * The command's outcome for a workspace it created: `true` (something landed) says so on
   * stderr; `false` takes the workspace out again (a failed or dry run leaves no empty book
   * behind). Nothing for a workspace that was already there.
   */
  settle(landed: boolean): void;
}

/**
 * The replica of the workspace named by --workspace for a command that makes books of one
 * kind (`import`: spreadsheet, `sync --source salesforce`): created, empty, when there is
 * none by that name; one of another kind is refused with `wrongKind`.
 */
export function workspaceReplicaOfKind(
  flags: WorkspaceFlags,
  kind: 'spreadsheet' | 'salesforce',
  what: string,
  wrongKind: (entry: WorkspaceEntry) => string,
): KindWorkspace {
  const dataDir = resolve(flags['data-dir'] ?? defaultDataDir());
  try {
    const registry = new WorkspaceRegistry(dataDir);
    let entry = registry.find(flags.workspace ?? '');
    if (entry && entry.source.kind !== kind) throw new CliError(wrongKind(entry));
    let created: WorkspaceEntry | null = null;
    if (!entry) entry = created = registry.add({ name: flags.workspace ?? what, source: { kind } }, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'));
    const folder = registry.folderPath(entry);
    mkdirSync(folder, { recursive: true });
    return {
      path: registry.replicaPath(entry),
      settle(landed) {
        if (!created) return;
        const made = created;
        created = null;
        if (landed) {
          // A data folder with no current workspace gets this one, so the next command (or the app) opens it without --workspace.
          const first = registry.activeId() === null;
          if (first) registry.setActive(made.id);
          process.stderr.write(`Created the workspace '${made.name}' for the ${what}${first ? '; it is the current workspace now' : ''}.\n`);
          return;
        }
        registry.remove(made.id);
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError((err as Error).message);
  }
}

/**
 * The Salesforce org of a Salesforce workspace for one command, as the app syncs it: the
 * session the sign-in stored in the data folder's secret store (renewed with the refresh
 * token when it expires, the rotated session written back in one secret write, so the app
 * and the CLI keep sharing one sign-in), the workspace's pull mapping, and — given the
 * replica — its ids for the periodic id reconciliation. Null for a workspace of another kind.
 */
export function salesforceWorkspaceSource(chosen: ChosenWorkspace): ((db: Db | null) => SourceConnector) | null {
  const { entry, dataDir } = chosen;
  const src = entry.source;
  if (src.kind !== 'salesforce') return null;
  const secrets = dataRootSecrets(dataDir);
  return (db) => salesforceWorkspaceConnector(secrets, entry.id, src, { db });
}
