/**
 * `partnerbook demo-prm`: runs the demo PRM on 127.0.0.1. Prints exactly one JSON line
 * `{"url":…,"token":…,"tokens":{"cam","manager","admin"}}` on stdout when ready (`token`
 * is the CAM's); progress goes to stderr.
 */
import { CliError, dateOption, intOption, parseOptions } from '../../src-main/cli/args';
import { SCALE_NAMES, startDemoPrm, type Scale } from './index';

const USAGE = `usage: partnerbook demo-prm [--port 0] [--seed 42] [--scale small|medium|large|xlarge] [--as-of YYYY-MM-DD] [--token T] [--store PATH]
         [--latency MS] [--fail-every N] [--drop-every N] [--truncate-every N] [--rate-limit N] [--edit-every MS]
  --token T signs in as the demo CAM; T.manager as their manager and T.admin as a PRM admin (GET /v1/me).
  Faults hit every Nth protocol request (never /admin/*); change them at runtime with POST /admin/faults.
  --exit-with-parent: shut down when stdin reaches its end or the parent process is gone (the app
  starts the demo PRM this way, so it never outlives the app, even one killed with SIGKILL).`;

/** How often the parent pid is checked (a backup for platforms where stdin never ends). */
const PARENT_POLL_MS = 1000;
/** A shutdown that has not finished by then exits anyway. */
const STOP_GRACE_MS = 5000;

/**
 * Calls `onGone` once when the parent goes: stdin (a pipe only the parent holds) ends or
 * fails, or this process is re-parented. Returns a function that stops watching.
 */
function watchParent(onGone: (why: string) => void): () => void {
  let done = false;
  const stdin = process.stdin;
  const parent = process.ppid;
  const onEnd = () => gone('the parent process closed our stdin');
  const poll = setInterval(() => {
    if (process.ppid !== parent) gone('the parent process is gone');
  }, PARENT_POLL_MS);
  poll.unref();
  const stop = () => {
    done = true;
    clearInterval(poll);
    stdin.off('end', onEnd);
    stdin.off('close', onEnd);
    stdin.off('error', onEnd);
    stdin.destroy();
  };
  function gone(why: string) {
    if (done) return;
    stop();
    onGone(why);
  }
  stdin.on('end', onEnd);
  stdin.on('close', onEnd);
  stdin.on('error', onEnd);
  stdin.on('data', () => undefined); // nothing is ever sent; reading is how the end is seen
  return stop;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(
    argv,
    {
      port: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      'as-of': { type: 'string' },
      token: { type: 'string' },
      store: { type: 'string' },
      latency: { type: 'string' },
      'fail-every': { type: 'string' },
      'drop-every': { type: 'string' },
      'truncate-every': { type: 'string' },
      'rate-limit': { type: 'string' },
      'edit-every': { type: 'string' },
      'exit-with-parent': { type: 'boolean' },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = intOption(values.port as string | undefined, '--port', 0);
  if (port > 65535) throw new CliError(`--port must be 0..65535, got '${port}'`, 2);
  const seed = intOption(values.seed as string | undefined, '--seed', 42);
  const scaleRaw = (values.scale as string | undefined) ?? 'small';
  if (!(SCALE_NAMES as string[]).includes(scaleRaw)) throw new CliError('--scale must be small, medium, large or xlarge', 2);
  const asOf = dateOption(values['as-of'] as string | undefined, '--as-of');
  const token = values.token as string | undefined;
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) throw new CliError('--token must be non-empty printable ASCII without spaces', 2);
  const storePath = values.store as string | undefined;
  if (storePath === '') throw new CliError('--store needs a path', 2);

  const faults = {
    latency: intOption(values.latency as string | undefined, '--latency', 0),
    failEvery: intOption(values['fail-every'] as string | undefined, '--fail-every', 0),
    dropEvery: intOption(values['drop-every'] as string | undefined, '--drop-every', 0),
    truncateEvery: intOption(values['truncate-every'] as string | undefined, '--truncate-every', 0),
    rateLimit: intOption(values['rate-limit'] as string | undefined, '--rate-limit', 0),
  };
  if (faults.latency > 120_000) throw new CliError('--latency must be at most 120000 ms', 2);
  const editEveryMs = intOption(values['edit-every'] as string | undefined, '--edit-every', 0);

  // Watch from the start: the parent may go while the book is still being generated.
  let onParentGone: (why: string) => void = (why) => {
    process.stderr.write(`demo-prm: ${why} before the server was ready, exiting\n`);
    process.exit(1);
  };
  const unwatch = values['exit-with-parent'] ? watchParent((why) => onParentGone(why)) : () => undefined;

  const prm = await startDemoPrm({
    faults,
    editEveryMs,
    seed,
    scale: scaleRaw as Scale,
    asOf,
    port,
    token,
    storePath,
    onProgress: (m) => process.stderr.write(`demo-prm: ${m}\n`),
  }).catch((err: unknown) => {
    unwatch();
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${port} is already in use`);
    throw err;
  });
  process.stdout.write(`${JSON.stringify({ url: prm.url, token: prm.token, tokens: prm.tokens })}\n`);
  process.stderr.write(`demo-prm: listening on ${prm.url}\n`);

  return await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (reason: string) => {
      if (stopping) return;
      stopping = true;
      unwatch();
      process.stderr.write(`demo-prm: ${reason}, shutting down\n`);
      setTimeout(() => process.exit(1), STOP_GRACE_MS).unref();
      void prm.close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    onParentGone = stop;
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
