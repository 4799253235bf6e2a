/**
 * Checks a PRM before its address or token is saved: it must answer protocol v1 and
 * accept the token. A failure is one plain sentence naming the field that is wrong.
 */
import { fieldError, ServiceError } from '../base/errors';
import { SourceError, type SourceDescription } from '../sources/contract';
import { protocolV1Connector } from '../sources/protocol-v1/client';
import { withRetry } from '../sync/retry';

export async function checkPrm(url: string, token: string, opts: { timeoutMs?: number } = {}): Promise<SourceDescription> {
  try {
    const source = protocolV1Connector({ url, token }).open({ timeoutMs: opts.timeoutMs ?? 15_000 });
    // A flaky network or a busy PRM gets the same few retries as the sync's own requests.
    return await withRetry(() => source.describe(), { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 1000 });
  } catch (err) {
    if (!(err instanceof SourceError)) throw err;
    if (err.kind === 'unauthorized') {
      throw new ServiceError('invalid_input', `The PRM at ${url} did not accept this token.`, [{ path: 'token', message: 'The PRM did not accept this token.' }]);
    }
    throw fieldError('invalid_input', 'url', err.message);
  }
}
