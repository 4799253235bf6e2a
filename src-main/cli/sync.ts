/** `partnerbook sync`: one sync of a replica file with a PRM; a summary, or one plain line on failure. */
import { resolve } from 'node:path';
import { openDb } from '../db/connection';
import { EventBus } from '../events';
import { SourceError } from '../sources/contract';
import { protocolV1Connector } from '../sources/protocol-v1/client';
import { systemClock } from '../base/clock';
import { withRetry } from '../sync/retry';
import { createSyncService } from '../sync/service';
import { CliError, intOption, parseOptions, requireOption } from './args';

const USAGE = 'usage: partnerbook sync --db PATH --prm URL --token T [--json] [--page-size N]';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(
    argv,
    {
      db: { type: 'string' },
      prm: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean' },
      'page-size': { type: 'string' },
      quiet: { type: 'boolean' },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dbPath = resolve(requireOption(values.db, '--db', USAGE));
  const url = requireOption(values.prm, '--prm', USAGE);
  const token = requireOption(values.token, '--token', USAGE);
  const pageSize = intOption(values['page-size'], '--page-size', 5000);
  const connector = protocolV1Connector({ url, token });

  // Check the far end before touching the replica: wrong URL, bad token, not a PRM.
  // Transient failures (a flaky network, a busy PRM) are retried like the sync's own requests.
  try {
    const probe = connector.open({ timeoutMs: 15_000 });
    await withRetry(() => probe.describe(), { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 1000 });
  } catch (err) {
    if (err instanceof SourceError) throw new CliError(err.message);
    throw err;
  }
  const db = openDb(dbPath);
  try {
    const events = new EventBus();
    if (!values.json && !values.quiet && process.stderr.isTTY) {
      events.on('sync.status', (s) => {
        if (s.progress) process.stderr.write(`\r${s.progress.rows.toLocaleString('en-US')} rows${s.progress.percent === null ? '' : ` (${s.progress.percent}%)`}   `);
      });
    }
    const sync = createSyncService({ db, clock: systemClock, events, source: () => connector, pageSize });
    const summary = await sync.run();
    if (process.stderr.isTTY && !values.json) process.stderr.write('\n');
    if (values.json) {
      const st = sync.status();
      process.stdout.write(
        `${JSON.stringify({ ...summary, pending_edits: st.pendingEdits, open_conflicts: st.conflicts, rejected_edits: st.rejected, last_synced_at: st.lastSyncedAt })}\n`,
      );
    }
    if (!summary.ok) throw new CliError(summary.error ?? 'sync failed');
    if (!values.json) {
      process.stdout.write(
        `Synced ${summary.kind === 'full' ? '(full) ' : ''}${summary.pulled.toLocaleString('en-US')} rows, ${summary.deleted.toLocaleString('en-US')} deletions in ${(summary.durationMs / 1000).toFixed(1)} s${summary.refetched ? ' (the PRM asked for a full refresh)' : ''}.\n`,
      );
    }
    return 0;
  } finally {
    db.close();
  }
}
