/**
 * `partnerbook connect-salesforce`: signs in to Salesforce with the device flow (no browser
 * on this computer needed) and adds the Salesforce workspace, or replaces the sign-in of an
 * existing one of the same org. It prints "Go to <address> and enter <code>" on stderr and
 * waits until the code is approved in a browser anywhere; then the workspace is written
 * exactly as the app's "Connect Salesforce" writes it (workspaces/salesforce-signin.ts
 * `saveSalesforceSignIn`: the registry gets login host, client id, instance, org and user;
 * the tokens go only to the secret store). `partnerbook sync --workspace NAME` then pulls.
 */
import { resolve } from 'node:path';
import type { SalesforceLoginChoice } from '../../src-shared/methods/salesforce';
import { ServiceError } from '../base/errors';
import { SourceError } from '../sources/contract';
import { DEFAULT_DEVICE_TIMEOUT_MS, deviceSignIn } from '../sources/salesforce/oauth';
import { WorkspaceRegistry } from '../workspaces/registry';
import { loginUrlOf, saveSalesforceSignIn, type StartInput } from '../workspaces/salesforce-signin';
import { dataRootSecrets } from '../workspaces/secrets';
import { CliError, parseOptions, type CommandHelp } from './args';
import { defaultDataDir, WORKSPACE_HELP } from './workspace-option';

const OPTIONS = {
  workspace: { type: 'string' },
  'data-dir': { type: 'string' },
  'client-id': { type: 'string' },
  'login-url': { type: 'string' },
  sandbox: { type: 'boolean' },
  'my-domain': { type: 'string' },
  'timeout-minutes': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const HELP: CommandHelp<typeof OPTIONS> = {
  usage: ['connect-salesforce --workspace NAME --client-id ID [--login-url URL | --sandbox | --my-domain D] [--timeout-minutes N] [--json]'],
  summary:
    "Signs in to Salesforce with a code you approve in any browser, then adds the Salesforce workspace NAME (or, if NAME is one already, replaces its sign-in; it must be the same org).",
  options: {
    workspace: ['NAME', 'the workspace to add, or the Salesforce workspace to sign in again'],
    'data-dir': WORKSPACE_HELP['data-dir'],
    'client-id': ['ID', "the consumer key of your company's Partnerbook External Client App (device flow enabled)"],
    'login-url': ['URL', 'the login host (default https://login.salesforce.com)'],
    sandbox: 'sign in to a sandbox (https://test.salesforce.com)',
    'my-domain': ['D', 'sign in through My Domain D (D.my.salesforce.com, or a full host)'],
    'timeout-minutes': ['N', `how long to wait for the code to be approved (default ${DEFAULT_DEVICE_TIMEOUT_MS / 60_000})`],
    json: 'print the outcome as JSON instead of a line',
  },
};

function loginChoice(values: { 'login-url'?: string; sandbox?: boolean; 'my-domain'?: string }): SalesforceLoginChoice {
  const asked = [values['login-url'] !== undefined, values.sandbox === true, values['my-domain'] !== undefined].filter(Boolean).length;
  if (asked > 1) throw new CliError('use only one of --login-url, --sandbox and --my-domain', 2);
  if (values.sandbox) return { kind: 'sandbox' };
  if (values['my-domain'] !== undefined) return { kind: 'myDomain', domain: values['my-domain'] };
  if (values['login-url'] !== undefined) return { kind: 'custom', url: values['login-url'] };
  return { kind: 'production' };
}

/** A ServiceError's message without the "field: " prefix the app's form uses. */
const plainMessage = (err: ServiceError) => err.message.replace(/^[a-z.]+: /i, '');

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, OPTIONS, HELP);
  const name = values.workspace?.trim() ?? '';
  if (name === '') throw new CliError('--workspace NAME is required: the workspace to add or sign in again', 2);
  const clientId = values['client-id']?.trim() ?? '';
  if (clientId === '') throw new CliError("--client-id is required: the consumer key of your company's Partnerbook External Client App", 2);
  let timeoutMs = DEFAULT_DEVICE_TIMEOUT_MS;
  if (values['timeout-minutes'] !== undefined) {
    const n = Number(values['timeout-minutes']);
    if (!Number.isFinite(n) || n <= 0 || n > 60) throw new CliError(`--timeout-minutes must be a number of minutes from 1 to 60, got '${values['timeout-minutes']}'`, 2);
    timeoutMs = n * 60_000;
  }
  let loginUrl: string;
  try {
    loginUrl = loginUrlOf(loginChoice(values));
  } catch (err) {
    if (err instanceof ServiceError) throw new CliError(plainMessage(err), 2);
    throw err;
  }

  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  let registry: WorkspaceRegistry;
  try {
    registry = new WorkspaceRegistry(dataDir);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const existing = registry.find(name);
  if (existing && existing.source.kind !== 'salesforce') {
    throw new CliError(`the workspace '${existing.name}' does not sync from Salesforce; choose another name for the Salesforce workspace`);
  }
  const input: StartInput = existing ? { login: loginChoice(values), clientId, workspaceId: existing.id } : { login: loginChoice(values), clientId, name };

  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    const tokens = await deviceSignIn({
      loginUrl,
      clientId,
      timeoutMs,
      signal: controller.signal,
      onCode: ({ userCode, verificationUri }) => {
        process.stderr.write(`Go to ${verificationUri} and enter ${userCode}\n`);
      },
    });
    const saved = await saveSalesforceSignIn({ registry, secrets: dataRootSecrets(dataDir), now: () => new Date().toISOString() }, input, loginUrl, tokens, controller.signal);
    if (saved.outcome === 'cancelled') throw new CliError('the sign-in was cancelled; nothing was saved');
    if (saved.outcome === 'failed') throw new CliError(saved.message);
    const entry = registry.get(saved.id)!;
    const who = saved.username ? ` as ${saved.username}` : '';
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ workspace: { id: entry.id, name: entry.name }, created: saved.created, username: saved.username, instanceUrl: tokens.instanceUrl })}\n`);
    } else {
      process.stdout.write(
        saved.created
          ? `Signed in to Salesforce${who}; added the workspace '${entry.name}'. Run \`partnerbook sync --workspace "${entry.name}"\` to pull the book.\n`
          : `Signed in to Salesforce${who}; the workspace '${entry.name}' uses the new sign-in (queued edits are kept).\n`,
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof SourceError) throw new CliError(controller.signal.aborted ? 'the sign-in was cancelled; nothing was saved' : err.message);
    if (err instanceof ServiceError) throw new CliError(plainMessage(err));
    throw err;
  } finally {
    process.off('SIGINT', stop);
  }
}
