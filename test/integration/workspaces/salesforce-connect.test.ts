/**
 * "Connect Salesforce" through the API against the fake org (in-process, an empty org with
 * one user): the authorize URL is followed as a browser would (302 to the loopback
 * callback), the workspace is created with its tokens in the secret store only, opened and
 * synced; cancel, a declined sign-in, "Sign in again" (also while the Identity URL fails), and a refresh whose rotated token
 * is stored (and a refused refresh asking to sign in again).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core';
import type { SalesforceSignInStarted, SalesforceSignInState } from '../../../src-shared/methods/salesforce';
import type { WorkspaceList } from '../../../src-shared/methods/workspaces';
import { readSalesforceSignIn } from '../../../src-main/workspaces/salesforce-tokens';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { call, statusWhen, type StatusLike } from '../../support/core';
import { admin } from '../salesforce/support';

let sf: FakeSalesforce;
let core: Core;
let dir: string;

beforeAll(async () => {
  sf = await startFakeSalesforce({ dataDir: null });
  dir = mkdtempSync(join(tmpdir(), 'pb-sf-connect-'));
  core = createCore({
    dataDir: join(dir, 'data'),
    firstRun: 'welcome',
    demoCommand: null,
    salesforce: { callbackPort: 0 },
    sync: { editDebounceMs: 3_600_000, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } },
  });
  await core.start();
});
afterAll(async () => {
  await core?.close();
  await sf?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const start = (input: Record<string, unknown> = {}) =>
  call<SalesforceSignInStarted>(core, 'salesforce.signInStart', { login: { kind: 'custom', url: sf.url }, clientId: sf.clientId, ...input });

/** What a browser does with the authorize URL: follow the fake's 302 to the loopback callback. */
async function browse(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'follow' });
  return res.text();
}

const registryText = () => readFileSync(join(dir, 'data', 'workspaces.json'), 'utf8');
const secretsText = () => readFileSync(join(dir, 'data', 'secrets.json'), 'utf8');
const fakeRefresh = (refreshToken: string) =>
  fetch(`${sf.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: sf.clientId, refresh_token: refreshToken }).toString(),
  });

describe('Connect Salesforce', () => {
  let wsId = '';

  it('signs in through the browser, creates and opens the workspace with the tokens only in the secret store, and syncs', async () => {
    const started = await start();
    expect(started.opened).toBe(false); // no system browser here: the window opens it
    const authorize = new URL(started.authorizeUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${sf.url}/services/oauth2/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(await call<SalesforceSignInState>(core, 'salesforce.signInStatus', { attempt: started.attempt })).toEqual({ state: 'waiting' });

    expect(await browse(started.authorizeUrl)).toContain('Signed in to Salesforce');
    const done = await core.salesforce.settled(started.attempt);
    expect(done).toMatchObject({ state: 'done', username: sf.username });
    if (done.state !== 'done') throw new Error('not done');
    wsId = done.workspace.id;
    expect(done.workspace).toMatchObject({
      active: true,
      signedIn: true,
      source: { kind: 'salesforce', instanceUrl: sf.url, loginUrl: sf.url, clientId: sf.clientId, username: sf.username },
    });
    expect(done.workspace.name).toMatch(/^Salesforce \(127\.0\.0\.1:\d+\)$/);

    const stored = readSalesforceSignIn(core.secrets, wsId);
    if (stored?.kind !== 'session') throw new Error('no session stored');
    expect(stored.tokens.refreshToken).toBeTruthy();
    expect(registryText()).not.toContain(stored.tokens.accessToken);
    expect(registryText()).not.toContain(stored.tokens.refreshToken!);
    expect(secretsText()).toContain(stored.tokens.refreshToken!);

    const synced = await statusWhen(core, (s) => s.state !== 'syncing' && (!!s.lastSyncedAt || s.state === 'error'));
    expect(synced).toMatchObject({ state: 'idle', needsSignIn: false });

    // Remembered for the next form.
    expect(await call(core, 'salesforce.signInDefaults')).toEqual({ clientId: sf.clientId, login: { kind: 'custom', url: sf.url } });
  });

  it('an expired session is renewed with the refresh token, and the rotated refresh token is what is stored', async () => {
    const before = readSalesforceSignIn(core.secrets, wsId);
    if (before?.kind !== 'session') throw new Error('no session stored');
    expect((await fetch(`${sf.url}/__fake/expire-tokens`, { method: 'POST' })).ok).toBe(true);

    const summary = await call<{ ok: boolean; error: string | null }>(core, 'sync.run');
    expect(summary).toMatchObject({ ok: true, error: null });
    const after = readSalesforceSignIn(core.secrets, wsId);
    if (after?.kind !== 'session') throw new Error('no session stored');
    expect(after.tokens.accessToken).not.toBe(before.tokens.accessToken);
    expect(after.tokens.refreshToken).not.toBe(before.tokens.refreshToken);
    // The old refresh token is spent at Salesforce; the stored one still works.
    expect((await fakeRefresh(before.tokens.refreshToken!)).status).toBe(400);
    expect(secretsText()).not.toContain(before.tokens.refreshToken!);
  });

  it('a refresh Salesforce refuses asks to sign in again; signing in again replaces the session and syncs', async () => {
    const stored = readSalesforceSignIn(core.secrets, wsId);
    if (stored?.kind !== 'session') throw new Error('no session stored');
    // Spend the stored refresh token elsewhere (as if revoked), then let the session expire.
    expect((await fakeRefresh(stored.tokens.refreshToken!)).status).toBe(200);
    await fetch(`${sf.url}/__fake/expire-tokens`, { method: 'POST' });

    expect((await call<{ ok: boolean }>(core, 'sync.run')).ok).toBe(false);
    const status = await call<StatusLike>(core, 'sync.status');
    expect(status).toMatchObject({ state: 'error', needsSignIn: true, message: 'Salesforce no longer accepts this sign-in. Sign in again.' });

    const again = await start({ workspaceId: wsId });
    await browse(again.authorizeUrl);
    const done = await core.salesforce.settled(again.attempt);
    expect(done).toMatchObject({ state: 'done', workspace: { id: wsId } });
    const renewed = readSalesforceSignIn(core.secrets, wsId);
    if (renewed?.kind !== 'session') throw new Error('no session stored');
    expect(renewed.tokens.refreshToken).not.toBe(stored.tokens.refreshToken);
    const list = await call<WorkspaceList>(core, 'workspaces.list');
    expect(list.workspaces.filter((w) => w.source.kind === 'salesforce')).toHaveLength(1);
    const synced = await statusWhen(core, (s) => s.state === 'idle' && !s.needsSignIn);
    expect(synced.message).toBeNull();
  });

  it('signing in again as a user of another org is refused and keeps the stored sign-in', async () => {
    const entry = core.workspaces.registry.get(wsId)!;
    if (entry.source.kind !== 'salesforce') throw new Error('not a Salesforce workspace');
    const org = entry.source.orgId!;
    expect(org).toMatch(/^00D/);
    // As if this workspace belonged to another org than the one the fake signs in to.
    core.workspaces.registry.update(wsId, { source: { ...entry.source, orgId: '00D000000000OTHER' } });
    const before = readSalesforceSignIn(core.secrets, wsId);
    try {
      const again = await start({ workspaceId: wsId });
      await browse(again.authorizeUrl);
      const outcome = await core.salesforce.settled(again.attempt);
      expect(outcome.state).toBe('failed');
      if (outcome.state === 'failed') expect(outcome.message).toMatch(/^You signed in to a different Salesforce org than the one '.+' syncs with \(127\.0\.0\.1:\d+\)/);
      expect(readSalesforceSignIn(core.secrets, wsId)).toEqual(before);
    } finally {
      core.workspaces.registry.update(wsId, { source: { ...entry.source, orgId: org } });
    }
  });

  it('while the Identity URL answers 503, the sign-in reads it once (no hidden retries) and still finishes', async () => {
    const reads = async () => ((await admin(sf, 'state')).json as { identityReads: number }).identityReads;
    await admin(sf, 'config', { identityFailures: 100 });
    try {
      const before = await reads();
      const again = await start({ workspaceId: wsId });
      expect(await browse(again.authorizeUrl)).toContain('Signed in to Salesforce');
      const outcome = await core.salesforce.settled(again.attempt);
      expect(outcome.state).toBe('done');
      // jsforce alone retried this read five times, sleeping 15.5 s, before giving up.
      expect(await reads()).toBe(before + 1);
    } finally {
      await admin(sf, 'config', { identityFailures: 0 });
    }
  });

  it('cancel stops the sign-in: nothing listens any more and no workspace is made', async () => {
    const before = (await call<WorkspaceList>(core, 'workspaces.list')).workspaces.length;
    const started = await start({ name: 'Cancelled one' });
    expect(await call(core, 'salesforce.signInCancel', { attempt: started.attempt })).toEqual({ cancelled: true });
    expect(await core.salesforce.settled(started.attempt)).toEqual({ state: 'cancelled' });
    await expect(browse(started.authorizeUrl)).rejects.toThrow(); // the loopback listener is closed
    expect((await call<WorkspaceList>(core, 'workspaces.list')).workspaces).toHaveLength(before);
    expect(await call(core, 'salesforce.signInCancel', { attempt: started.attempt })).toEqual({ cancelled: false });
  });

  it('a sign-in Salesforce declines is one sentence, and no workspace is made', async () => {
    const before = (await call<WorkspaceList>(core, 'workspaces.list')).workspaces.length;
    const started = await start({ name: 'Declined one' });
    const authorize = new URL(started.authorizeUrl);
    // Salesforce sends the browser back with an error instead of a code.
    const back = new URL(authorize.searchParams.get('redirect_uri')!);
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('error_description', 'end-user denied authorization');
    back.searchParams.set('state', authorize.searchParams.get('state')!);
    expect(await browse(back.toString())).toContain('Salesforce sign-in failed');
    expect(await core.salesforce.settled(started.attempt)).toEqual({
      state: 'failed',
      message: 'The Salesforce sign-in was declined, so Partnerbook is not signed in.',
    });
    expect((await call<WorkspaceList>(core, 'workspaces.list')).workspaces).toHaveLength(before);
  });

  it('refuses a login address that is not https (http only on this computer) and a bad My Domain, on the field', async () => {
    await expect(start({ login: { kind: 'custom', url: 'http://sf.example.com' } })).rejects.toThrow(/https/);
    await expect(start({ login: { kind: 'myDomain', domain: 'not a domain!' } })).rejects.toThrow(/not a Salesforce My Domain/);
  });
});

describe('Connect Salesforce: time limit and a taken callback port', () => {
  it('a sign-in nobody finishes in time is one sentence, and no workspace is made', async () => {
    const other = createCore({ dataDir: join(dir, 'data-timeout'), firstRun: 'welcome', demoCommand: null, salesforce: { callbackPort: 0, timeoutMs: 50 } });
    try {
      await other.start();
      const started = await call<SalesforceSignInStarted>(other, 'salesforce.signInStart', { login: { kind: 'custom', url: sf.url }, clientId: sf.clientId });
      expect(await other.salesforce.settled(started.attempt)).toEqual({ state: 'failed', message: 'The Salesforce sign-in did not finish within 1 s; try again.' });
      expect((await call<WorkspaceList>(other, 'workspaces.list')).workspaces).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('a callback port in use refuses to start, saying so', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    const other = createCore({ dataDir: join(dir, 'data-port'), firstRun: 'welcome', demoCommand: null, salesforce: { callbackPort: port } });
    try {
      await other.start();
      await expect(call(other, 'salesforce.signInStart', { login: { kind: 'custom', url: sf.url }, clientId: sf.clientId })).rejects.toThrow(
        `Port ${port} on this computer is in use, so the Salesforce sign-in cannot receive its answer; close the program using it and try again.`,
      );
    } finally {
      await other.close();
      blocker.close();
    }
  });
});
