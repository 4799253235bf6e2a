/**
 * Runs the fake Salesforce on 127.0.0.1 until SIGINT/SIGTERM:
 *
 *   node --import tsx tools/fake-salesforce/cli.ts [options]
 *
 * Prints one JSON line on stdout when ready: `{"url","clientId","username",
 * "accessToken","refreshToken"}` (a session of `username`, as POST /__fake/session
 * gives); progress and errors go to stderr. `run` is exported so the partnerbook CLI can
 * offer it as a developer tool, as it does the demo PRM.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError, intOption, parseOptions } from '../../src-main/cli/args';
import { DEFAULT_DATA_DIR } from './seed';
import { startFakeSalesforce } from './server';

const USAGE = `usage: node --import tsx tools/fake-salesforce/cli.ts [--port 0] [--data-dir DIR | --empty] [--username U] [--client-id ID]
         [--now ISO] [--api-limit N] [--fail-every N] [--lock-every N] [--page-size N] [--id-limit N] [--session-timeout S]
  --data-dir: the AdventureWorks reseller files (default ${DEFAULT_DATA_DIR}); --empty: an org with one user and no data.
  --now freezes the clock (move it with POST /__fake/clock). Test knobs: see tools/fake-salesforce/ENDPOINTS.md.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(
    argv,
    {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      empty: { type: 'boolean' },
      username: { type: 'string' },
      'client-id': { type: 'string' },
      now: { type: 'string' },
      'api-limit': { type: 'string' },
      'fail-every': { type: 'string' },
      'lock-every': { type: 'string' },
      'page-size': { type: 'string' },
      'id-limit': { type: 'string' },
      'session-timeout': { type: 'string' },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = intOption(values.port as string | undefined, '--port', 0);
  if (port > 65535) throw new CliError(`--port must be 0..65535, got '${port}'`, 2);
  if (values.empty && values['data-dir'] !== undefined) throw new CliError('--empty and --data-dir exclude each other', 2);
  const config: Record<string, number> = {};
  const knobs: [string, string][] = [
    ['api-limit', 'apiLimit'],
    ['fail-every', 'failEvery'],
    ['lock-every', 'lockEvery'],
    ['page-size', 'pageSize'],
    ['id-limit', 'idLimit'],
    ['session-timeout', 'sessionTimeoutSeconds'],
  ];
  for (const [flag, key] of knobs) {
    const raw = (values as Record<string, unknown>)[flag] as string | undefined;
    if (raw !== undefined) config[key] = intOption(raw, `--${flag}`, 0);
  }
  let sf;
  try {
    sf = await startFakeSalesforce({
      port,
      dataDir: values.empty ? null : (values['data-dir'] as string | undefined),
      username: values.username as string | undefined,
      clientId: values['client-id'] as string | undefined,
      now: values.now as string | undefined,
      config,
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${port} is already in use`);
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  const user = [...sf.org.rows(sf.org.schema.object('User')!)].find((u) => u.Username === sf.username);
  if (!user) {
    await sf.close();
    throw new CliError(`--username: no user '${sf.username}' in the fake org`, 2);
  }
  const session = sf.oauth.mint(String(user.Id), sf.url);
  process.stdout.write(
    `${JSON.stringify({ url: sf.url, clientId: sf.clientId, username: sf.username, accessToken: session.access_token, refreshToken: session.refresh_token })}\n`,
  );
  process.stderr.write(`fake-salesforce: listening on ${sf.url} (signed-in user ${sf.username})\n`);
  return await new Promise<number>((done) => {
    const stop = (signal: string) => {
      process.stderr.write(`fake-salesforce: ${signal}, shutting down\n`);
      void sf.close().then(() => done(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`fake-salesforce: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = err instanceof CliError ? err.exitCode : 1;
    },
  );
}
