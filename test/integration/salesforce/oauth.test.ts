/**
 * Sign-in against the fake Salesforce: the web-server flow with PKCE as a public client
 * (authorize → code → token), a wrong or missing verifier refused, refresh token
 * rotation (the old refresh token is refused once used), and the Identity URL.
 * Needs no AdventureWorks files (an empty org with one user).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { authorize, client, pkce, REDIRECT, token, type JsonObject } from './support';

describe('fake Salesforce OAuth (web-server flow with PKCE, refresh rotation)', () => {
  let sf: FakeSalesforce;

  beforeAll(async () => {
    sf = await startFakeSalesforce({ dataDir: null, now: '2026-11-20T10:00:00Z' });
  });
  afterAll(() => sf?.close());

  async function codeFor(challenge: string, state = 'st-1'): Promise<string> {
    const r = await authorize(sf, { code_challenge: challenge, code_challenge_method: 'S256', state });
    expect(r.status).toBe(302);
    expect(`${r.location!.origin}${r.location!.pathname}`).toBe(REDIRECT);
    expect(r.location!.searchParams.get('state')).toBe(state);
    return r.location!.searchParams.get('code')!;
  }

  const exchange = (code: string, verifier: string) =>
    token(sf, { grant_type: 'authorization_code', code, client_id: sf.clientId, redirect_uri: REDIRECT, code_verifier: verifier });

  it('authorize → code → token with the right verifier gives a working session', async () => {
    const { verifier, challenge } = pkce();
    const r = await exchange(await codeFor(challenge), verifier);
    expect(r.status).toBe(200);
    const t = r.json as JsonObject;
    expect(t).toMatchObject({ token_type: 'Bearer', instance_url: sf.url, scope: 'api refresh_token' });
    expect(typeof t.access_token).toBe('string');
    expect(typeof t.refresh_token).toBe('string');
    expect(typeof t.signature).toBe('string');
    expect(String(t.issued_at)).toMatch(/^\d{13}$/);
    expect(String(t.id)).toMatch(new RegExp(`^${sf.url}/id/00D[A-Za-z0-9]{15}/005[A-Za-z0-9]{15}$`));

    const api = client(sf, String(t.access_token));
    expect((await api.query('SELECT Id, Username FROM User')).status).toBe(200);
    const who = await fetch(String(t.id), { headers: { Authorization: `Bearer ${String(t.access_token)}` } });
    expect(who.status).toBe(200);
    expect(await who.json()).toMatchObject({ username: sf.username, user_id: String(t.id).split('/').pop(), organization_id: String(t.id).split('/')[4] });
  });

  it('refuses a wrong or missing code_verifier, a reused code and a foreign redirect_uri', async () => {
    const a = pkce();
    const wrong = await exchange(await codeFor(a.challenge), pkce().verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ error: 'invalid_grant' });

    const missing = await token(sf, { grant_type: 'authorization_code', code: await codeFor(a.challenge), client_id: sf.clientId, redirect_uri: REDIRECT });
    expect(missing.json).toMatchObject({ error: 'invalid_grant' });

    const code = await codeFor(a.challenge);
    expect((await exchange(code, a.verifier)).status).toBe(200);
    const reused = await exchange(code, a.verifier);
    expect([reused.status, (reused.json as JsonObject).error]).toEqual([400, 'invalid_grant']);

    const elsewhere = await token(sf, {
      grant_type: 'authorization_code',
      code: await codeFor(a.challenge),
      client_id: sf.clientId,
      redirect_uri: 'http://127.0.0.1:1/other',
      code_verifier: a.verifier,
    });
    expect(elsewhere.json).toMatchObject({ error: 'redirect_uri_mismatch' });
  });

  it('requires PKCE and the configured client at authorize', async () => {
    const noChallenge = await authorize(sf, { state: 's' });
    expect(noChallenge.status).toBe(302);
    expect(noChallenge.location!.searchParams.get('error')).toBe('invalid_request');
    expect(noChallenge.location!.searchParams.get('code')).toBeNull();
    const plain = await authorize(sf, { code_challenge: pkce().challenge, code_challenge_method: 'plain' });
    expect(plain.location!.searchParams.get('error')).toBe('invalid_request');
    const foreign = await authorize(sf, { client_id: 'someone-else', code_challenge: pkce().challenge });
    expect([foreign.status, (foreign.json as JsonObject).error]).toEqual([400, 'invalid_client_id']);
    const badRedirect = await authorize(sf, { redirect_uri: 'https://evil.example/cb', code_challenge: pkce().challenge });
    expect([badRedirect.status, (badRedirect.json as JsonObject).error]).toEqual([400, 'redirect_uri_mismatch']);
  });

  it('rotates refresh tokens: each refresh returns a new one and the old one is refused', async () => {
    const { verifier, challenge } = pkce();
    const first = (await exchange(await codeFor(challenge), verifier)).json as JsonObject;
    const refresh = (rt: string) => token(sf, { grant_type: 'refresh_token', refresh_token: rt, client_id: sf.clientId });

    const second = await refresh(String(first.refresh_token));
    expect(second.status).toBe(200);
    const t2 = second.json as JsonObject;
    expect(t2.refresh_token).not.toBe(first.refresh_token);
    expect(t2.access_token).not.toBe(first.access_token);
    expect((await client(sf, String(t2.access_token)).query('SELECT Id FROM User')).status).toBe(200);

    const reuse = await refresh(String(first.refresh_token));
    expect(reuse.status).toBe(400);
    expect(reuse.json).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });

    const third = await refresh(String(t2.refresh_token));
    expect(third.status).toBe(200);
    const wrongClient = await token(sf, { grant_type: 'refresh_token', refresh_token: String((third.json as JsonObject).refresh_token), client_id: 'x' });
    expect(wrongClient.json).toMatchObject({ error: 'invalid_client_id' });
    expect((await token(sf, { grant_type: 'password', client_id: sf.clientId })).json).toMatchObject({ error: 'unsupported_grant_type' });
  });
});
