/**
 * `partnerbook sync --db … --source salesforce --refresh-token R --client-id ID --login-url URL`
 * against the fake org (empty, one partner Account): the run gets its access token with
 * the refresh token and syncs; Salesforce rotates refresh tokens, so the same token on a
 * second run is refused — in one sentence that says why and what keeps the new token.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_TOKEN_REFUSED } from '../../../src-main/cli/sync';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { CLI } from '../../support/harness';
import { session } from './support';

describe('partnerbook sync --refresh-token against the fake org', () => {
  let sf: FakeSalesforce;
  const replica = join(mkdtempSync(join(tmpdir(), 'pb-sf-rt-')), 'replica.sqlite');
  // Async: the fake org answers from this process, so the CLI must not block its event loop.
  const sync = (refreshToken: string) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'sync', '--db', replica, '--source', 'salesforce', '--refresh-token', refreshToken, '--client-id', sf.clientId, '--login-url', sf.url, '--json']);
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (status) => resolve({ status, stdout: out, stderr: err }));
    });

  beforeAll(async () => {
    sf = await startFakeSalesforce({ dataDir: null });
    const user = String([...sf.org.rows(sf.org.schema.object('User')!)][0]!.Id);
    sf.org.insert(sf.org.schema.object('Account')!, { Name: 'Contoso Reseller', IsPartner: true, Type: 'Reseller', BillingCountry: 'United States' }, user);
  });
  afterAll(() => sf?.close());

  it('syncs with the refresh token; the spent token on a second run is one sentence and exit 1', async () => {
    const { refresh_token: rt } = await session(sf);
    const first = await sync(rt);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout.trim().split('\n').pop()!)).toMatchObject({ ok: true, kind: 'full' });

    const second = await sync(rt);
    expect(second.status).toBe(1);
    expect(second.stderr.trim()).toBe(`partnerbook sync: ${REFRESH_TOKEN_REFUSED}`);
  });
});
