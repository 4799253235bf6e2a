/**
 * The connector's Salesforce sign-in (src-main/sources/salesforce/oauth.ts) against the fake
 * Salesforce over loopback: the browser flow with PKCE through a loopback redirect
 * (authorize → code → token → a data API call), a forged state and a declined consent
 * refused with one plain sentence, refresh with rotation (the old refresh token is then
 * refused), a refreshing session whose concurrent refreshes share one token request, and
 * the login host choice. The device flow is checked here against a stub written from
 * Salesforce's documentation; against the fake's device flow through the CLI in
 * device-cli.test.ts. Needs no AdventureWorks files.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../../src-main/sources/contract';
import {
  authorizeUrl,
  createPkce,
  deviceSignIn,
  exchangeCode,
  loginHostUrl,
  loopbackSignIn,
  refreshingSession,
  refreshTokens,
  type SalesforceTokens,
  type TokenStore,
} from '../../../src-main/sources/salesforce/oauth';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { session } from './support';

/** One sentence for a person: starts with a capital or a quote, ends with a full stop, no OAuth jargon or stack. */
function expectPlainSentence(message: string): void {
  expect(message).toMatch(/^["A-Z][^\n]*\.$/);
  expect(message).not.toMatch(/invalid_grant|access_denied|Error:|undefined|\bnull\b/);
}

/** The failure of `p`, which must be a SourceError. */
async function failure(p: Promise<unknown>): Promise<SourceError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

interface Visit {
  status: number;
  text: string;
}

/**
 * Stands in for the system browser: follows the authorize redirect (the fake approves at
 * once) and then opens the callback, optionally tampered with. Like shell.openExternal,
 * `open` resolves when the browser is started, not when the sign-in ends.
 */
function fakeBrowser(tamper?: (callback: URL) => void) {
  const opened: URL[] = [];
  const visits: Promise<Visit>[] = [];
  return {
    opened,
    visits,
    open: (url: string): Promise<void> => {
      opened.push(new URL(url));
      visits.push(
        (async () => {
          const auth = await fetch(url, { redirect: 'manual' });
          expect(auth.status).toBe(302);
          const callback = new URL(auth.headers.get('location')!);
          tamper?.(callback);
          const res = await fetch(callback);
          return { status: res.status, text: await res.text() };
        })(),
      );
      return Promise.resolve();
    },
  };
}

/** A reverse proxy in front of the fake that counts token requests and holds each answer a little, so concurrent refreshes overlap. */
async function countingProxy(target: string): Promise<{ url: string; tokenRequests: () => number; close: () => Promise<void> }> {
  let tokenRequests = 0;
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const isToken = req.method === 'POST' && (req.url ?? '').startsWith('/services/oauth2/token');
    if (isToken) tokenRequests++;
    const up = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (upRes) => {
        setTimeout(
          () => {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            upRes.pipe(res);
          },
          isToken ? 150 : 0,
        );
      },
    );
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tokenRequests: () => tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

function memoryStore(initial: SalesforceTokens | null): TokenStore & { writes: SalesforceTokens[] } {
  let current = initial;
  const writes: SalesforceTokens[] = [];
  return {
    writes,
    get: () => current,
    set(t) {
      writes.push(t);
      current = t;
    },
  };
}

describe('Salesforce sign-in client against the fake Salesforce', () => {
  let sf: FakeSalesforce;

  beforeAll(async () => {
    sf = await startFakeSalesforce({ dataDir: null, now: '2026-11-20T10:00:00Z' });
  });
  afterAll(() => sf?.close());

  const dataCall = (t: SalesforceTokens) =>
    fetch(`${t.instanceUrl}/services/data/v61.0/query?q=${encodeURIComponent('SELECT Id FROM User')}`, {
      headers: { Authorization: `Bearer ${t.accessToken}` },
    });

  /** Tokens of a session made without the browser (POST /__fake/session). */
  async function fakeSessionTokens(): Promise<SalesforceTokens> {
    const s = (await session(sf)) as { access_token: string; refresh_token: string; instance_url?: string; id?: string; issued_at?: string };
    return { accessToken: s.access_token, refreshToken: s.refresh_token, instanceUrl: sf.url, idUrl: s.id ?? '', issuedAt: Number(s.issued_at ?? 0) };
  }

  describe('loopbackSignIn (web-server flow with PKCE, loopback redirect)', () => {
    it('authorize → code → token with PKCE, and the tokens work on the data API', async () => {
      const browser = fakeBrowser();
      const tokens = await loopbackSignIn({ loginUrl: sf.url, clientId: sf.clientId, openBrowser: browser.open });

      const auth = browser.opened[0]!;
      expect(`${auth.origin}${auth.pathname}`).toBe(`${sf.url}/services/oauth2/authorize`);
      const q = auth.searchParams;
      expect(q.get('response_type')).toBe('code');
      expect(q.get('client_id')).toBe(sf.clientId);
      expect(q.get('code_challenge_method')).toBe('S256');
      expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(q.get('scope')).toBe('api refresh_token');
      expect(q.get('state')!.length).toBeGreaterThanOrEqual(32);
      expect(q.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);

      const page = await browser.visits[0]!;
      expect(page.status).toBe(200);
      expect(page.text).toContain('You can close this window');

      expect(tokens.instanceUrl).toBe(sf.url);
      expect(tokens.idUrl).toMatch(new RegExp(`^${sf.url}/id/00D[A-Za-z0-9]{15}/005[A-Za-z0-9]{15}$`));
      expect(tokens.refreshToken).toEqual(expect.any(String));
      expect(tokens.issuedAt).toBe(Date.parse('2026-11-20T10:00:00Z'));
      const data = await dataCall(tokens);
      expect(data.status).toBe(200);
      expect(await data.json()).toMatchObject({ totalSize: 1, done: true });

      // The loopback listener is gone once the sign-in is over.
      await expect(fetch(q.get('redirect_uri')!)).rejects.toThrow();
    });

    it('refuses a callback whose state is not the one it sent, in a plain sentence', async () => {
      const browser = fakeBrowser((cb) => cb.searchParams.set('state', 'forged-state'));
      const err = await failure(loopbackSignIn({ loginUrl: sf.url, clientId: sf.clientId, openBrowser: browser.open }));
      expect(err.kind).toBe('unauthorized');
      expect(err.message).toBe('The answer from Salesforce does not belong to the sign-in Partnerbook started, so it was refused; sign in again.');
      expectPlainSentence(err.message);
      const page = await browser.visits[0]!;
      expect(page.status).toBe(400);
      expect(page.text).toContain('does not belong to the sign-in');
    });

    it('refuses an error=access_denied callback (consent declined) in a plain sentence', async () => {
      let visit: Promise<Visit> | undefined;
      const openBrowser = (url: string): Promise<void> => {
        const q = new URL(url).searchParams;
        const cb = new URL(q.get('redirect_uri')!);
        cb.searchParams.set('error', 'access_denied');
        cb.searchParams.set('error_description', 'end-user denied authorization');
        cb.searchParams.set('state', q.get('state')!);
        visit = fetch(cb).then(async (r) => ({ status: r.status, text: await r.text() }));
        return Promise.resolve();
      };
      const err = await failure(loopbackSignIn({ loginUrl: sf.url, clientId: sf.clientId, openBrowser }));
      expect(err.kind).toBe('unauthorized');
      expect(err.message).toBe('The Salesforce sign-in was declined, so Partnerbook is not signed in.');
      expectPlainSentence(err.message);
      expect((await visit!).status).toBe(400);
    });

    it('gives up after its time limit, stops on abort, and says so when the browser cannot be opened', async () => {
      const slow = await failure(loopbackSignIn({ loginUrl: sf.url, clientId: sf.clientId, openBrowser: () => Promise.resolve(), timeoutMs: 200 }));
      expect(slow.kind).toBe('timeout');
      expectPlainSentence(slow.message);

      const ac = new AbortController();
      const pending = loopbackSignIn({ loginUrl: sf.url, clientId: sf.clientId, openBrowser: () => Promise.resolve(), signal: ac.signal });
      setTimeout(() => ac.abort(), 50);
      const stopped = await failure(pending);
      expect([stopped.kind, stopped.code]).toEqual(['network', 'cancelled']);
      expectPlainSentence(stopped.message);

      const noBrowser = await failure(loopbackSignIn({ loginUrl: sf.url, clientId: sf.clientId, openBrowser: () => Promise.reject(new Error('xdg-open: not found')) }));
      expect(noBrowser.kind).toBe('client');
      expect(noBrowser.message).toBe('Partnerbook could not open your web browser to sign in to Salesforce.');
    });

    it('an http login host other than this computer is refused before anything is sent', async () => {
      const err = await failure(loopbackSignIn({ loginUrl: 'http://login.salesforce.com', clientId: sf.clientId, openBrowser: () => Promise.resolve() }));
      expect(err.kind).toBe('client');
      expectPlainSentence(err.message);
    });
  });

  describe('exchangeCode', () => {
    const REDIRECT = 'http://127.0.0.1:53682/oauth/callback';
    async function code(challenge: string, state: string): Promise<string> {
      const url = authorizeUrl({ loginUrl: sf.url, clientId: sf.clientId, redirectUri: REDIRECT, pkce: { challenge, state } });
      const r = await fetch(url, { redirect: 'manual' });
      const back = new URL(r.headers.get('location')!);
      expect(back.searchParams.get('state')).toBe(state);
      return back.searchParams.get('code')!;
    }

    it('exchanges a code with its verifier; a wrong verifier is refused as unauthorized in a plain sentence', async () => {
      const pkce = createPkce();
      expect(pkce.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
      const tokens = await exchangeCode({ loginUrl: sf.url, clientId: sf.clientId, redirectUri: REDIRECT, code: await code(pkce.challenge, pkce.state), verifier: pkce.verifier });
      expect((await dataCall(tokens)).status).toBe(200);

      const wrong = await failure(
        exchangeCode({ loginUrl: sf.url, clientId: sf.clientId, redirectUri: REDIRECT, code: await code(pkce.challenge, pkce.state), verifier: createPkce().verifier }),
      );
      expect(wrong.kind).toBe('unauthorized');
      expectPlainSentence(wrong.message);
    });

    it('an unreachable login host is a network error', async () => {
      const port = await closedPort();
      const err = await failure(exchangeCode({ loginUrl: `http://127.0.0.1:${port}`, clientId: sf.clientId, redirectUri: REDIRECT, code: 'x', verifier: createPkce().verifier }));
      expect(err.kind).toBe('network');
      expect(err.message).toBe(`Can't reach Salesforce at 127.0.0.1:${port} (ECONNREFUSED).`);
    });

    it('a wrong client id is a misconfiguration (client), not a sign-in to repeat', async () => {
      const err = await failure(exchangeCode({ loginUrl: sf.url, clientId: 'not-the-app', redirectUri: REDIRECT, code: 'x', verifier: createPkce().verifier }));
      expect(err.kind).toBe('client');
      expectPlainSentence(err.message);
    });
  });

  describe('refreshTokens', () => {
    it('rotates the refresh token, and the old one is then refused with a plain sentence', async () => {
      const first = await fakeSessionTokens();
      const next = await refreshTokens({ loginUrl: sf.url, clientId: sf.clientId, refreshToken: first.refreshToken! });
      expect(next.refreshToken).toEqual(expect.any(String));
      expect(next.refreshToken).not.toBe(first.refreshToken);
      expect(next.accessToken).not.toBe(first.accessToken);
      expect(next.instanceUrl).toBe(sf.url);
      expect((await dataCall(next)).status).toBe(200);

      const reused = await failure(refreshTokens({ loginUrl: sf.url, clientId: sf.clientId, refreshToken: first.refreshToken! }));
      expect(reused.kind).toBe('unauthorized');
      expect(reused.message).toBe('Salesforce no longer accepts this sign-in. Sign in again.');

      // The rotated one keeps working.
      const third = await refreshTokens({ loginUrl: sf.url, clientId: sf.clientId, refreshToken: next.refreshToken! });
      expect((await dataCall(third)).status).toBe(200);
    });

    it('keeps the old refresh token when the answer carries none (rotation off)', async () => {
      const stub = createServer((req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'AT2', instance_url: 'https://acme.my.salesforce.com', id: 'https://login.salesforce.com/id/00D/005', token_type: 'Bearer', issued_at: '1795000000000', signature: 'x', scope: 'api' }));
        req.resume();
      });
      await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
      try {
        const t = await refreshTokens({ loginUrl: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`, clientId: 'c', refreshToken: 'RT1' });
        expect(t).toEqual({ accessToken: 'AT2', refreshToken: 'RT1', instanceUrl: 'https://acme.my.salesforce.com', idUrl: 'https://login.salesforce.com/id/00D/005', issuedAt: 1795000000000 });
      } finally {
        await new Promise<void>((resolve) => stub.close(() => resolve()));
      }
    });
  });

  describe('refreshingSession', () => {
    it('two concurrent refresh() calls make one token request; the store ends with the newest tokens', async () => {
      const proxy = await countingProxy(sf.url);
      try {
        const first = await fakeSessionTokens();
        const store = memoryStore(first);
        const s = refreshingSession(store, { loginUrl: proxy.url, clientId: sf.clientId });
        expect(s.accessToken()).toBe(first.accessToken);
        expect(s.instanceUrl()).toBe(sf.url);

        await Promise.all([s.refresh(), s.refresh()]);
        expect(proxy.tokenRequests()).toBe(1);
        expect(store.writes).toHaveLength(1);
        const newest = store.get()!;
        expect(newest.refreshToken).not.toBe(first.refreshToken);
        expect(s.accessToken()).toBe(newest.accessToken);
        expect((await dataCall(newest)).status).toBe(200);

        // The old refresh token was spent by the rotation.
        const old = await failure(refreshTokens({ loginUrl: sf.url, clientId: sf.clientId, refreshToken: first.refreshToken! }));
        expect(old.message).toBe('Salesforce no longer accepts this sign-in. Sign in again.');

        // A later refresh is a new request with the newest refresh token.
        await s.refresh();
        expect(proxy.tokenRequests()).toBe(2);
        expect(store.get()!.refreshToken).not.toBe(newest.refreshToken);
        expect((await dataCall(store.get()!)).status).toBe(200);
      } finally {
        await proxy.close();
      }
    });

    it('a refused refresh token is unauthorized with the plain message, and the store keeps what it had', async () => {
      const first = await fakeSessionTokens();
      await refreshTokens({ loginUrl: sf.url, clientId: sf.clientId, refreshToken: first.refreshToken! }); // spent elsewhere
      const store = memoryStore(first);
      const s = refreshingSession(store, { loginUrl: sf.url, clientId: sf.clientId });
      const err = await failure(s.refresh());
      expect([err.kind, err.message]).toEqual(['unauthorized', 'Salesforce no longer accepts this sign-in. Sign in again.']);
      expect(store.writes).toHaveLength(0);
      expect(store.get()).toBe(first);
    });

    it('when another holder of the store rotated meanwhile, its newer tokens are kept and refresh succeeds', async () => {
      const first = await fakeSessionTokens();
      // Another process (the CLI) refreshed with the same refresh token and stored the rotated session.
      const rotated = await refreshTokens({ loginUrl: sf.url, clientId: sf.clientId, refreshToken: first.refreshToken! });
      let reads = 0;
      const writes: SalesforceTokens[] = [];
      const store: TokenStore = { get: () => (reads++ === 0 ? first : rotated), set: (t) => void writes.push(t) };
      await refreshingSession(store, { loginUrl: sf.url, clientId: sf.clientId }).refresh();
      expect(writes).toHaveLength(0);
      expect(store.get()).toBe(rotated);
    });

    it('without a sign-in, or without a refresh token, it says to sign in', async () => {
      const none = refreshingSession(memoryStore(null), { loginUrl: sf.url, clientId: sf.clientId });
      expect(() => none.accessToken()).toThrow(SourceError);
      const e1 = await failure(none.refresh());
      expect(e1.kind).toBe('unauthorized');
      expectPlainSentence(e1.message);

      const noRefresh = refreshingSession(memoryStore({ ...(await fakeSessionTokens()), refreshToken: null }), { loginUrl: sf.url, clientId: sf.clientId });
      const e2 = await failure(noRefresh.refresh());
      expect(e2.kind).toBe('unauthorized');
      expectPlainSentence(e2.message);
    });
  });
});

describe('loginHostUrl', () => {
  it('maps production, sandbox and My Domain', () => {
    expect(loginHostUrl('production')).toBe('https://login.salesforce.com');
    expect(loginHostUrl('sandbox')).toBe('https://test.salesforce.com');
    expect(loginHostUrl({ myDomain: 'acme' })).toBe('https://acme.my.salesforce.com');
    expect(loginHostUrl({ myDomain: '  Acme-Corp ' })).toBe('https://acme-corp.my.salesforce.com');
    expect(loginHostUrl({ myDomain: 'acme.my.salesforce.com' })).toBe('https://acme.my.salesforce.com');
    expect(loginHostUrl({ myDomain: 'https://acme.my.salesforce.com/' })).toBe('https://acme.my.salesforce.com');
    expect(loginHostUrl({ myDomain: 'acme--uat.sandbox.my.salesforce.com' })).toBe('https://acme--uat.sandbox.my.salesforce.com');
    expect(loginHostUrl({ myDomain: 'https://acme.lightning.force.com' })).toBe('https://acme.my.salesforce.com');
  });

  it.each(['', '   ', 'acme.example.com', 'http://acme.my.salesforce.com', 'https://acme.my.salesforce.com:8443', '-acme', 'acme-', 'ac me', 'acme_corp', 'evil.com/acme', 'a.b.c.my.salesforce.com', 'x'.repeat(64)])(
    'refuses %j with a plain sentence',
    (myDomain) => {
      let err: unknown;
      try {
        loginHostUrl({ myDomain });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SourceError);
      expect((err as SourceError).kind).toBe('client');
      expectPlainSentence((err as SourceError).message);
    },
  );
});

/**
 * This stub answers the shapes of Salesforce's
 * "OAuth 2.0 Device Flow for IoT Integration" page as we read them. It checks our polling
 * logic, not Salesforce's behaviour.
 */
describe('deviceSignIn (against a stub written from the documentation, not the fake)', () => {
  async function deviceStub(decision: 'approve' | 'deny'): Promise<{ url: string; polls: () => number; close: () => Promise<void> }> {
    let polls = 0;
    let url = '';
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const json = (status: number, value: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        if (req.url !== '/services/oauth2/token' || form.get('client_id') !== 'cli-app') return json(400, { error: 'invalid_client_id', error_description: 'client identifier invalid' });
        if (form.get('response_type') === 'device_code') {
          return json(200, { device_code: 'DC-1', user_code: 'WXYZ-1234', verification_uri: `${url}/setup/connect`, interval: 1 });
        }
        if (form.get('grant_type') !== 'device' || form.get('code') !== 'DC-1') return json(400, { error: 'invalid_grant', error_description: 'invalid device code' });
        polls++;
        if (polls === 1) return json(400, { error: 'authorization_pending', error_description: 'authorization pending' });
        if (decision === 'deny') return json(400, { error: 'access_denied', error_description: 'end-user denied authorization' });
        json(200, { access_token: 'AT', refresh_token: 'RT', instance_url: 'https://acme.my.salesforce.com', id: `${url}/id/00D000000000001EAA/005000000000001AAA`, token_type: 'Bearer', issued_at: '1795000000000', signature: 's', scope: 'api refresh_token' });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, polls: () => polls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it('shows the code, polls through authorization_pending and returns the tokens', async () => {
    const stub = await deviceStub('approve');
    try {
      const shown: unknown[] = [];
      const t = await deviceSignIn({ loginUrl: stub.url, clientId: 'cli-app', onCode: (p) => void shown.push(p) });
      expect(shown).toEqual([{ userCode: 'WXYZ-1234', verificationUri: `${stub.url}/setup/connect` }]);
      expect(stub.polls()).toBe(2);
      expect(t).toMatchObject({ accessToken: 'AT', refreshToken: 'RT', instanceUrl: 'https://acme.my.salesforce.com', issuedAt: 1795000000000 });
    } finally {
      await stub.close();
    }
  });

  it('a denied request is unauthorized in a plain sentence; abort stops the polling', async () => {
    const stub = await deviceStub('deny');
    try {
      const denied = await failure(deviceSignIn({ loginUrl: stub.url, clientId: 'cli-app', onCode: () => undefined }));
      expect(denied.kind).toBe('unauthorized');
      expectPlainSentence(denied.message);

      const ac = new AbortController();
      const stopped = await failure(deviceSignIn({ loginUrl: stub.url, clientId: 'cli-app', onCode: () => ac.abort(), signal: ac.signal }));
      expect(stopped.code).toBe('cancelled');
    } finally {
      await stub.close();
    }
  });

  it('an app without the device flow enabled (unsupported_grant_type) is reported as not enabled, in a plain sentence', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'unsupported_grant_type', error_description: 'grant type not supported' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const err = await failure(deviceSignIn({ loginUrl: url, clientId: 'cli-app', onCode: () => undefined }));
      expect(err.kind).toBe('client');
      expect(err.message).toContain('device sign-in');
      expectPlainSentence(err.message);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
