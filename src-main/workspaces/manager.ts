/**
 * The workspaces of one data root and the one that is open. Opening, switching, creating,
 * removing and closing run one at a time; an API call made meanwhile waits for the switch
 * and then acts on the workspace open at that moment. Only the open workspace's events
 * reach the app's bus, and `workspace.changed` tells the renderer to start over.
 */
import { existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { EVENT_NAMES, type EventName } from '../../src-shared/api';
import type { NewWorkspaceSource, WorkspaceInfo, WorkspaceList } from '../../src-shared/methods/workspaces';
import { fieldError, ServiceError } from '../base/errors';
import type { EventBus } from '../events';
import { madeHereFor } from '../sync/import';
import { hostOf, migrateLegacyDataDir, uniqueName } from './legacy';
import { openWorkspace, WorkspaceClosedError, type OpenWorkspace, type WorkspaceEnv } from './open';
import { checkPrm } from './probe';
import type { DemoScale, WorkspaceEntry, WorkspaceSource } from './registry';
import { tokenKey } from './secrets';

export const NO_WORKSPACE = 'No workspace is open. Open the demo book or connect a PRM first.';

export interface ActiveWorkspace<Ctx> {
  ws: OpenWorkspace;
  /** What the upper layers built for it (the API handlers). */
  ctx: Ctx;
}

export interface WorkspaceManagerOptions<Ctx> extends WorkspaceEnv {
  /** The app's bus: gets the open workspace's events, and `workspace.changed`. */
  events: EventBus;
  /** Builds what the upper layers need for a workspace once it is open (the API handlers). */
  attach(ws: OpenWorkspace): Ctx;
  /** Settings of a demo book created here (seed and size of the generated book). */
  demoDefaults?: { seed?: number; scale?: DemoScale };
  /** Checks a PRM before it is saved; `checkPrm` (describe over the network) when not given. */
  check?: typeof checkPrm;
}

export interface StartOptions {
  /** With no workspace yet: create and open the demo book, or show the welcome. */
  firstRun: 'demo' | 'welcome';
  /** A PRM given on the command line: use (or create) its workspace and store the token. */
  prm?: { url: string; token: string } | null;
}

export function createWorkspaceManager<Ctx>(opts: WorkspaceManagerOptions<Ctx>) {
  const { registry, secrets, events: appEvents } = opts;
  const demoDefaults = { seed: opts.demoDefaults?.seed ?? 42, scale: opts.demoDefaults?.scale ?? ('small' as DemoScale) };
  const check = opts.check ?? checkPrm;
  let active: ActiveWorkspace<Ctx> | null = null;
  let chain: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every open/switch/close queued before it. */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn);
    chain = run.catch(() => undefined);
    return run;
  }

  function signedIn(entry: WorkspaceEntry): boolean {
    if (entry.source.kind === 'demo') return true;
    try {
      return !!secrets.get(tokenKey(entry.id));
    } catch {
      return false;
    }
  }

  function info(entry: WorkspaceEntry): WorkspaceInfo {
    const open = active?.ws.id === entry.id ? active.ws : null;
    return {
      id: entry.id,
      name: entry.name,
      source: entry.source,
      url: open ? open.sourceUrl() : entry.source.kind === 'protocol-v1' ? entry.source.url : null,
      active: !!open,
      folder: registry.folderPath(entry),
      replica: registry.replicaPath(entry),
      createdAt: entry.createdAt,
      lastOpenedAt: entry.lastOpenedAt,
      signedIn: signedIn(entry),
    };
  }

  function entryOf(id: string): WorkspaceEntry {
    const entry = registry.get(id);
    if (!entry) throw fieldError('not_found', 'id', `There is no workspace '${id}'.`);
    return entry;
  }

  async function closeActive(): Promise<void> {
    const was = active;
    active = null;
    if (was) await was.ws.close();
  }

  /** Opens `entry` (closing the open one first); the caller holds the queue. */
  async function openEntry(entry: WorkspaceEntry | null): Promise<ActiveWorkspace<Ctx> | null> {
    if (active && entry && active.ws.id === entry.id) return active;
    await closeActive();
    if (!entry) {
      registry.setActive(null);
      appEvents.emit('workspace.changed', { id: null, name: null });
      return null;
    }
    const ws = openWorkspace(opts, entry);
    let ctx: Ctx;
    try {
      ctx = opts.attach(ws);
    } catch (err) {
      await ws.close();
      throw err;
    }
    const opened: ActiveWorkspace<Ctx> = { ws, ctx };
    for (const name of EVENT_NAMES) {
      if (name === 'workspace.changed') continue;
      ws.events.on(name, (payload) => {
        if (active === opened) appEvents.emit(name as EventName, payload as never);
      });
    }
    active = opened;
    registry.setActive(entry.id);
    registry.update(entry.id, { lastOpenedAt: opts.clock.now() });
    appEvents.emit('workspace.changed', { id: entry.id, name: entry.name });
    ws.start();
    return opened;
  }

  function mostRecent(except?: string): WorkspaceEntry | null {
    const rest = registry.list().filter((w) => w.id !== except);
    rest.sort((a, b) => (b.lastOpenedAt ?? b.createdAt).localeCompare(a.lastOpenedAt ?? a.createdAt));
    return rest[0] ?? null;
  }

  function addDemo(name?: string): WorkspaceEntry {
    const source: WorkspaceSource = { kind: 'demo', ...demoDefaults };
    return registry.add({ name: name ?? uniqueName(registry, 'Demo book'), source }, opts.clock.now());
  }

  /** Reads the workspace's replica (the open one's connection, or the file read-only); `fallback` when it cannot be read. */
  function readReplica<T>(entry: WorkspaceEntry, read: (db: Database.Database) => T, fallback: T): T {
    if (active?.ws.id === entry.id) return read(active.ws.db.sqlite);
    const path = registry.replicaPath(entry);
    if (!existsSync(path)) return fallback;
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return read(db);
    } catch {
      return fallback;
    } finally {
      db.close();
    }
  }

  function pendingEdits(entry: WorkspaceEntry): number {
    return readReplica(entry, (db) => (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n, 0);
  }

  /** A book from files keeps what was made in it (plans, notes…) only in its replica: in words, or null. */
  function keptOnlyHere(entry: WorkspaceEntry): string | null {
    return entry.source.kind === 'spreadsheet' ? readReplica(entry, (db) => madeHereFor(db, null), null) : null;
  }

  const manager = {
    registry,
    secrets,
    /** The open workspace now (null during a switch or on the welcome screen). */
    current: (): ActiveWorkspace<Ctx> | null => active,

    /** Opens the workspace to start on: migrates an old data folder, then the last active one (see StartOptions). */
    start(start: StartOptions): Promise<ActiveWorkspace<Ctx> | null> {
      return serial(async () => {
        migrateLegacyDataDir({
          registry,
          secrets,
          now: opts.clock.now(),
          prm: start.prm ?? null,
          demo: demoDefaults,
          openReplica: opts.openReplica,
        });
        if (start.prm) {
          const { url, token } = start.prm;
          const found =
            registry.list().find((w) => w.source.kind === 'protocol-v1' && w.source.url === url) ??
            registry.add({ name: uniqueName(registry, `PRM at ${hostOf(url)}`), source: { kind: 'protocol-v1', url } }, opts.clock.now());
          secrets.set(tokenKey(found.id), token);
          return openEntry(found);
        }
        const last = registry.activeId();
        if (last) return openEntry(registry.get(last));
        if (start.firstRun === 'welcome') return null;
        const recent = mostRecent();
        if (recent) return openEntry(recent);
        // Without the demo tool (an installed app) there is no demo book to open: the welcome.
        return opts.demoCommand ? openEntry(addDemo()) : null;
      });
    },

    /**
     * Waits for a switch in progress, then runs `fn` on the open workspace (counted as in
     * flight, so closing it waits). With `expected` (the workspace the caller is showing),
     * a call meant for a workspace that is no longer open is refused, never applied to
     * another book.
     */
    async use<T>(fn: (a: ActiveWorkspace<Ctx>) => T | Promise<T>, expected?: string): Promise<T> {
      for (;;) {
        await chain;
        const a = active;
        if (!a) throw new ServiceError('unavailable', NO_WORKSPACE);
        if (expected !== undefined && a.ws.id !== expected) {
          const meant = registry.get(expected)?.name ?? expected;
          throw new ServiceError('conflict', `That was meant for the workspace '${meant}', which is no longer open; nothing was changed.`);
        }
        try {
          return await a.ws.track(async () => fn(a));
        } catch (err) {
          // Closed between the switch and this call: look again at what is open now.
          if (err instanceof WorkspaceClosedError) continue;
          throw err;
        }
      }
    },

    list(): WorkspaceList {
      return { workspaces: registry.list().map(info), active: active?.ws.id ?? null };
    },

    currentInfo(): WorkspaceInfo | null {
      return active ? info(active.ws.entry()) : null;
    },

    async create(input: { name?: string; source: NewWorkspaceSource; open: boolean }): Promise<WorkspaceInfo> {
      let entry: WorkspaceEntry;
      if (input.source.kind === 'demo') {
        if (!opts.demoCommand) throw new ServiceError('unavailable', 'The demo book is not available here: its demo PRM tool only comes with a developer checkout.');
        entry = addDemo(input.name);
      } else if (input.source.kind === 'spreadsheet') {
        entry = registry.add({ name: input.name ?? uniqueName(registry, 'Imported book'), source: { kind: 'spreadsheet' } }, opts.clock.now());
      } else {
        const { url, token } = input.source;
        const about = await check(url, token);
        entry = registry.add({ name: input.name ?? uniqueName(registry, about.name), source: { kind: 'protocol-v1', url } }, opts.clock.now());
        secrets.set(tokenKey(entry.id), token);
      }
      if (input.open) await serial(() => openEntry(entry));
      return info(registry.get(entry.id) ?? entry);
    },

    switch(id: string): Promise<WorkspaceInfo> {
      return serial(async () => {
        const entry = entryOf(id);
        await openEntry(entry);
        return info(registry.get(id) ?? entry);
      });
    },

    rename(id: string, name: string): WorkspaceInfo {
      entryOf(id);
      return info(registry.update(id, { name }));
    },

    remove(id: string, discardEdits: boolean): Promise<{ removed: string; active: string | null }> {
      return serial(async () => {
        const entry = entryOf(id);
        if (active?.ws.id === id && active.ws.sync.status().state === 'syncing') {
          throw new ServiceError('conflict', `'${entry.name}' is syncing right now; wait for the sync to finish, then remove it.`);
        }
        const edits = pendingEdits(entry);
        if (edits > 0 && !discardEdits) {
          throw new ServiceError(
            'conflict',
            `'${entry.name}' holds ${edits === 1 ? '1 edit' : `${edits} edits`} that never reached its source; sync first, or confirm that ${edits === 1 ? 'it' : 'they'} may be lost.`,
          );
        }
        const onlyHere = discardEdits ? null : keptOnlyHere(entry);
        if (onlyHere) {
          throw new ServiceError(
            'conflict',
            `'${entry.name}' holds ${onlyHere} made here, kept only on this computer (a book from files has no PRM to keep them); confirm that they may be lost.`,
          );
        }
        if (active?.ws.id === id) await openEntry(mostRecent(id));
        registry.remove(id);
        secrets.delete(tokenKey(id));
        rmSync(registry.folderPath(entry), { recursive: true, force: true });
        return { removed: id, active: active?.ws.id ?? null };
      });
    },

    async signIn(id: string, token: string): Promise<WorkspaceInfo> {
      const entry = entryOf(id);
      if (entry.source.kind !== 'protocol-v1') {
        throw new ServiceError('invalid_input', 'The demo book signs itself in; there is nothing to sign in to.');
      }
      await check(entry.source.url, token);
      secrets.set(tokenKey(id), token);
      // Queued edits stay in the outbox; the next sync pushes them with the new sign-in.
      if (active?.ws.id === id) void active.ws.sync.run();
      return info(registry.get(id) ?? entry);
    },

    /** Closes the open workspace (app quit). */
    close(): Promise<void> {
      return serial(closeActive);
    },
  };
  return manager;
}

export type WorkspaceManager<Ctx = unknown> = ReturnType<typeof createWorkspaceManager<Ctx>>;
