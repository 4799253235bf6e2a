/**
 * `partnerbook web`: the browser harness — the renderer and the API over HTTP on 127.0.0.1.
 * It opens the data folder's last open workspace; with none yet, it creates and opens the
 * demo book (`--welcome`: shows the welcome instead). `--prm URL --token T` opens (or
 * creates) that PRM's workspace and stores the token in the secret store.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core';
import { pendingRepair } from '../db/integrity';
import { describeRebuild, openReplicaWithRecovery } from '../db/recover';
import { findDemoPrmCommand } from '../embedded-prm';
import { asOfClock } from '../base/clock';
import { startWebServer } from '../web/server';
import { FolderShares } from '../web/shares';
import { CliError, dateOption, intOption, parseOptions, usageText, type CommandHelp } from './args';
import { defaultDataDir } from './workspace-option';

const OPTIONS = {
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  prm: { type: 'string' },
  token: { type: 'string' },
  'demo-scale': { type: 'string' },
  'demo-seed': { type: 'string' },
  'as-of': { type: 'string' },
  'static-dir': { type: 'string' },
  welcome: { type: 'boolean' },
} as const;

const HELP: CommandHelp<typeof OPTIONS> = {
  usage: ['web [--data-dir DIR] [--port N] [--prm URL --token T] [--welcome] [--demo-scale small|medium|large] [--demo-seed N] [--as-of YYYY-MM-DD] [--static-dir DIR]'],
  summary: 'Serves the UI and the API on 127.0.0.1 (the browser harness) and prints one JSON line with its URL.',
  options: {
    'data-dir': ['DIR', `the data folder (default $PARTNERBOOK_DATA_DIR, else ${defaultDataDir()})`],
    port: ['N', 'the port (default 0: any free one)'],
    prm: ['URL', 'open (creating if needed) the workspace of this PRM; with --token'],
    token: ['T', 'the token for --prm (kept in the secret store)'],
    'demo-scale': ['small|medium|large', 'the size of a new demo book'],
    'demo-seed': ['N', 'the seed of a new demo book'],
    'as-of': ['YYYY-MM-DD', 'the demo book\'s "today"'],
    'static-dir': ['DIR', 'serve another renderer build than out/renderer'],
    welcome: 'with no workspace yet, show the welcome instead of creating the demo book',
  },
  notes: ['A damaged replica is kept aside (replica.sqlite.damaged-TIME) and rebuilt from the PRM; queued edits that can be read are kept.'],
};
const USAGE = usageText(HELP);

export function rendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    resolve(here, '../renderer'), // bundle: out/main/cli.js
    resolve(here, '../../renderer'), // bundle, from a shared chunk in out/main/chunks/
    resolve(here, '../../out/renderer'), // TypeScript sources: src-main/cli/
  ];
  return candidates.find((d) => existsSync(resolve(d, 'index.html'))) ?? candidates[2]!;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, OPTIONS, HELP);
  if ((values.prm === undefined) !== (values.token === undefined)) throw new CliError(`--prm and --token go together\n${USAGE}`, 2);
  const scale = values['demo-scale'] ?? 'small';
  if (scale !== 'small' && scale !== 'medium' && scale !== 'large') {
    throw new CliError(`--demo-scale must be small, medium or large, got '${scale}'`, 2);
  }
  const asOf = dateOption(values['as-of'], '--as-of');
  const staticDir = values['static-dir'] ? resolve(values['static-dir']) : rendererDir();
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    throw new CliError(
      values['static-dir']
        ? `there is no index.html in ${staticDir}`
        : 'the renderer is not built; run `npm run build` (or `npm run web`, which builds first)',
    );
  }
  const port = intOption(values.port, '--port', 0);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });
  const log = (line: string) => process.stderr.write(`[web] ${line}\n`);
  // A stray rejected promise (a background sync, an export) is logged; it never ends the harness.
  process.on('unhandledRejection', (err) => log(`unhandled failure: ${String((err as Error)?.stack ?? err)}`));
  // A batch export's folder is served read-only, so the page links to its index and decks.
  const shares = new FolderShares();
  const core = createCore({
    dataDir,
    shareFolder: shares.add,
    clock: asOf ? asOfClock(asOf) : undefined,
    prm: values.prm && values.token ? { url: values.prm, token: values.token } : undefined,
    firstRun: values.welcome ? 'welcome' : 'demo',
    demoCommand: findDemoPrmCommand(dirname(fileURLToPath(import.meta.url))),
    demo: { scale, seed: intOption(values['demo-seed'], '--demo-seed', 42), asOf },
    // A damaged replica is kept aside and rebuilt at once, saying so: the harness has no
    // dialog to ask with, and nothing is lost (the damaged file stays, readable edits move over).
    openReplica: (path) => {
      const started = performance.now();
      const db = openReplicaWithRecovery(
        path,
        (plan) => {
          log(`${plan.damage.message} Rebuilding it from the PRM.`);
          return true;
        },
        (result) => log(describeRebuild(result)),
      );
      if (db.pageCheck === 'every page') log(`checked every page of the replica for damage (${Math.round(performance.now() - started)} ms)`);
      if (db.pageCheck === 'unchanged since a clean close') log('the replica is unchanged since it was last closed cleanly: its pages were not read again');
      // Records pointing at records the replica lacks: said once; the first sync repairs them (db/integrity.ts).
      const repair = pendingRepair(db.sqlite);
      if (repair) log(repair);
      return db;
    },
    onInternalError: (method, err) => log(`${method} failed: ${String((err as Error)?.stack ?? err)}`),
  });
  const token = randomBytes(24).toString('base64url');
  const server = await startWebServer({
    router: core.router,
    events: core.events,
    staticDir,
    token,
    port,
    shares,
    onError: (where, err) => log(`${where} failed: ${String((err as Error)?.stack ?? err)}`),
  });
  const url = `${server.url}/#token=${token}`;
  process.stdout.write(`${JSON.stringify({ url, base: server.url, token, dataDir })}\n`);
  process.stderr.write(`Partnerbook harness: open ${url}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await core.start().then(
    () => {
      const ws = core.workspaces.currentInfo();
      process.stderr.write(ws ? `[web] workspace '${ws.name}' (${ws.replica})\n` : '[web] no workspace open: showing the welcome\n');
    },
    (err: unknown) => process.stderr.write(`[web] could not open a workspace: ${(err as Error).message}\n`),
  );
  await new Promise<never>(() => undefined);
  return 0;
}
