/**
 * `partnerbook sync`: one sync of a replica file with a PRM; a summary, or one plain line
 * on failure. Every wait is bounded: each request has a deadline (`--timeout`), and when
 * the PRM asks for a longer pause than a retry waits (429 Retry-After), the command exits
 * with when to try again instead of sitting silent.
 */
import { EventBus } from '../events';
import { SourceError, type SourceConnector } from '../sources/contract';
import { salesforceConnector } from '../sources/salesforce/source';
import { MappingFileError, readSalesforceMapping } from '../sources/salesforce/mapping-file';
import { PRODUCTION_LOGIN_URL, refreshingSession, refreshTokens, type SalesforceTokens } from '../sources/salesforce/oauth';
import { protocolV1Connector } from '../sources/protocol-v1/client';
import { systemClock } from '../base/clock';
import { DEFAULT_RETRY, withRetry } from '../sync/retry';
import { createSyncService } from '../sync/service';
import { CliError, intOption, parseOptions, requireOption, usageText, type CommandHelp } from './args';
import { openCliReplica } from './replica';
import { syncSummaryText } from './sync-summary';
import type { Db } from '../db/connection';
import { chooseWorkspace, replicaPath, salesforceWorkspaceSource, workspaceReplicaOfKind, workspaceSource, WORKSPACE_HELP, WORKSPACE_OPTIONS, type SourceTarget } from './workspace-option';

const OPTIONS = {
  db: { type: 'string' },
  ...WORKSPACE_OPTIONS,
  prm: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
  'page-size': { type: 'string' },
  timeout: { type: 'string' },
  quiet: { type: 'boolean' },
  'rebuild-replica': { type: 'boolean' },
  source: { type: 'string' },
  'instance-url': { type: 'string' },
  'access-token': { type: 'string' },
  'refresh-token': { type: 'string' },
  'client-id': { type: 'string' },
  'login-url': { type: 'string' },
  mapping: { type: 'string' },
} as const;

const HELP: CommandHelp<typeof OPTIONS> = {
  usage: [
    'sync (--db PATH --prm URL --token T | [--workspace NAME] [--token T]) [--json] [--page-size N] [--timeout SECONDS]',
    'sync (--db PATH | --workspace NAME) --source salesforce (--instance-url URL --access-token T | --refresh-token R --client-id ID [--login-url URL]) [--mapping FILE] [--json]',
  ],
  summary:
    'One sync: push the outbox, then pull. A workspace syncs with its own PRM, the token read from the secret store (or PARTNERBOOK_TOKEN_<ID>); a demo book starts its demo PRM for the run; a Salesforce workspace uses the sign-in Connect Salesforce stored (renewed and rotated when it expires) and its own mapping.',
  options: {
    ...WORKSPACE_HELP,
    prm: ['URL', 'the PRM to sync --db with'],
    token: ['T', "the PRM's token (for a workspace: instead of the stored one)"],
    json: 'print the counts as JSON: pulled, pushed, applied, merged, conflicts, rejected, retries',
    'page-size': ['N', 'changes asked per page (default 5000)'],
    timeout: ['SECONDS', 'deadline for each request to the PRM, body included (default 15 s for the first check, 120 s during sync)'],
    quiet: 'print nothing on success',
    'rebuild-replica': 'a damaged replica is kept aside (REPLICA.damaged-TIME) and a fresh one is pulled; unsent edits that can be read are carried over',
    source: ['salesforce|protocol-v1', 'the kind of source (default protocol-v1)'],
    'instance-url': ['URL', 'Salesforce: the org\'s instance address'],
    'access-token': ['T', 'Salesforce: an access token for the instance'],
    'refresh-token': ['R', 'Salesforce: a refresh token (with --client-id) instead of an access token'],
    'client-id': ['ID', "Salesforce: the connected app's client id"],
    'login-url': ['URL', 'Salesforce: the login address (default the production login)'],
    mapping: ['FILE', 'Salesforce: what to read from which object, as JSON (see resources/salesforce/pull-mapping.example.json; default the standard PRM objects)'],
  },
};
const USAGE = usageText(HELP);

/** A --refresh-token Salesforce refuses: there is no sign-in to renew, and a rotated token was never kept. */
export const REFRESH_TOKEN_REFUSED =
  'Salesforce refused this refresh token: it was revoked, or an earlier --db run spent it when Salesforce rotated it (a --db run keeps the new one only while it runs; a workspace from connect-salesforce keeps it).';
export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, OPTIONS, HELP);
  if (values.source !== undefined && values.source !== 'salesforce' && values.source !== 'protocol-v1') {
    throw new CliError(`--source must be salesforce or protocol-v1, got '${values.source}'\n${USAGE}`, 2);
  }
  const namedTokens = values['instance-url'] !== undefined || values['access-token'] !== undefined || values['refresh-token'] !== undefined;
  if (values.source !== 'protocol-v1' && !namedTokens && values.db === undefined) {
    // A Salesforce workspace syncs with the sign-in stored for it (renewed and rotated), its mapping and its reconciliation.
    const dbPath = replicaPath(values, USAGE);
    const chosen = values.workspace === undefined ? null : chooseWorkspace(values);
    const workspaceConnector = chosen ? salesforceWorkspaceSource(chosen) : null;
    if (chosen && workspaceConnector) {
      if (values.mapping !== undefined) {
        throw new CliError(`workspace '${chosen.entry.name}' keeps its own Salesforce mapping (Manage workspaces → Salesforce mapping); --mapping goes with --instance-url or --refresh-token`, 2);
      }
      if (values.token !== undefined || values.prm !== undefined) throw new CliError(`workspace '${chosen.entry.name}' syncs from Salesforce with its stored sign-in; --token and --prm are for a PRM\n${USAGE}`, 2);
      return syncOnce({ dbPath, connector: workspaceConnector(null), connectorFor: workspaceConnector, pageSize: 2000, timeoutMs: undefined, json: values.json, quiet: values.quiet, rebuild: values['rebuild-replica'] });
    }
  }
  if (values.source === 'salesforce') {
    // A Salesforce org for scripts and tests: the instance and an access token (OAuth sign-in is the app's).
    const dbPath = values.workspace !== undefined && values.db === undefined ? salesforceWorkspaceReplica(values) : replicaPath(values, USAGE);
    let mapping: ReturnType<typeof readSalesforceMapping> | undefined;
    try {
      mapping = values.mapping === undefined ? undefined : readSalesforceMapping(values.mapping);
    } catch (err) {
      if (err instanceof MappingFileError) throw new CliError(err.message, 2);
      throw err;
    }
    let connector: SourceConnector;
    if (values['refresh-token'] !== undefined) {
      // A lasting sign-in for scripts: a fresh access token now, renewed when it expires (rotation kept in memory).
      let tokens: SalesforceTokens | null = null;
      const opts = { loginUrl: values['login-url'] ?? PRODUCTION_LOGIN_URL, clientId: requireOption(values['client-id'], '--client-id', USAGE) };
      const rt = values['refresh-token'];
      try {
        tokens = await refreshTokens({ ...opts, refreshToken: rt });
      } catch (err) {
        if (err instanceof SourceError && err.code === 'invalid_grant') throw new CliError(REFRESH_TOKEN_REFUSED);
        if (err instanceof SourceError) throw new CliError(err.message);
        throw err;
      }
      const session = refreshingSession({ get: () => tokens, set: (t) => (tokens = t) }, opts);
      connector = salesforceConnector({
        instanceUrl: tokens.instanceUrl,
        accessToken: tokens.accessToken,
        mapping,
        refresh: async () => {
          await session.refresh();
          return session.accessToken();
        },
      });
    } else {
      const instanceUrl = requireOption(values['instance-url'], '--instance-url', USAGE);
      if (!/^https?:\/\/[^\s/]+/i.test(instanceUrl)) throw new CliError(`--instance-url must be an https:// address, got '${instanceUrl}'`, 2);
      connector = salesforceConnector({ instanceUrl: instanceUrl.replace(/\/+$/, ''), accessToken: requireOption(values['access-token'], '--access-token', USAGE), mapping });
    }
    return syncOnce({ dbPath, connector, pageSize: 2000, timeoutMs: undefined, json: values.json, quiet: values.quiet, rebuild: values['rebuild-replica'] });
  }
  const dbPath = replicaPath(values, USAGE);
  if (values.mapping !== undefined) throw new CliError(`--mapping goes with --source salesforce\n${USAGE}`, 2);
  if (values.workspace !== undefined && values.prm !== undefined) throw new CliError(`--prm goes with --db; a workspace has its own PRM\n${USAGE}`, 2);
  const pageSize = intOption(values['page-size'], '--page-size', 5000);
  if (pageSize < 1) throw new CliError(`--page-size must be at least 1\n${USAGE}`, 2);
  const timeoutS = values.timeout === undefined ? undefined : intOption(values.timeout, '--timeout', 0);
  if (timeoutS === 0) throw new CliError(`--timeout must be at least 1 second\n${USAGE}`, 2);
  const timeoutMs = timeoutS === undefined ? undefined : timeoutS * 1000;
  const target: SourceTarget = values.workspace
    ? await workspaceSource(chooseWorkspace(values), { token: values.token })
    : { url: requireOption(values.prm, '--prm', USAGE), token: requireOption(values.token, '--token', USAGE), stop: async () => undefined };
  try {
    const connector = protocolV1Connector({ url: target.url, token: target.token });
    return await syncOnce({ dbPath, connector, pageSize, timeoutMs, json: values.json, quiet: values.quiet, rebuild: values['rebuild-replica'] });
  } finally {
    await target.stop();
  }
}

async function syncOnce(o: {
  dbPath: string;
  connector: SourceConnector;
  /** The connector of the sync itself once the replica is open (a workspace's: with its ids); `connector` when absent. */
  connectorFor?: (db: Db) => SourceConnector;
  pageSize: number;
  timeoutMs: number | undefined;
  json?: boolean;
  quiet?: boolean;
  rebuild?: boolean;
}): Promise<number> {
  const { dbPath, pageSize, timeoutMs } = o;
  const values = { json: o.json, quiet: o.quiet };
  const connector = o.connector;

  // Check the far end before touching the replica: wrong URL, bad token, not a PRM.
  // Transient failures (a flaky network, a busy PRM) are retried like the sync's own requests.
  try {
    const probe = connector.open({ timeoutMs: timeoutMs ?? 15_000 });
    await withRetry(() => probe.describe(), { ...DEFAULT_RETRY, baseDelayMs: 200, maxDelayMs: 2000 });
  } catch (err) {
    if (err instanceof SourceError) throw new CliError(err.message);
    throw err;
  }
  const db = openCliReplica(dbPath, { rebuild: o.rebuild });
  try {
    const events = new EventBus();
    if (!values.json && !values.quiet && process.stderr.isTTY) {
      let shown: string | null = null;
      events.on('sync.status', (s) => {
        // Retries say what went wrong and when the next try is; a failure is printed once, below.
        if (s.state === 'syncing' && s.message && s.message !== shown) process.stderr.write(`\r${s.message}\n`);
        shown = s.message;
        if (s.progress) process.stderr.write(`\r${s.progress.rows.toLocaleString('en-US')} rows${s.progress.percent === null ? '' : ` (${s.progress.percent}%)`}   `);
      });
    }
    const syncConnector = o.connectorFor ? o.connectorFor(db) : connector;
    const sync = createSyncService({ db, clock: systemClock, events, source: () => syncConnector, pageSize, timeoutMs, retry: DEFAULT_RETRY });
    const summary = await sync.run().finally(() => sync.close());
    if (process.stderr.isTTY && !values.json) process.stderr.write('\n');
    if (values.json) {
      const st = sync.status();
      process.stdout.write(
        `${JSON.stringify({ ...summary, pending_edits: st.pendingEdits, open_conflicts: st.conflicts, rejected_edits: st.rejected, last_synced_at: st.lastSyncedAt })}\n`,
      );
    }
    if (!summary.ok) throw new CliError(summary.error ?? 'sync failed');
    if (!values.json && !values.quiet) process.stdout.write(syncSummaryText(summary, sync.status()));
    return 0;
  } finally {
    db.close();
  }
}

/** The Salesforce workspace --workspace names, made (and kept, so a failed first sync can be run again) when there is none. */
function salesforceWorkspaceReplica(values: Parameters<typeof workspaceReplicaOfKind>[0]): string {
  const ws = workspaceReplicaOfKind(values, 'salesforce', 'Salesforce book', (w) => `workspace '${w.name}' does not sync from Salesforce`);
  ws.settle(true);
  return ws.path;
}
