/**
 * The fake Salesforce's limits and failures: `Sforce-Limit-Info` on every data API
 * answer, 403 REQUEST_LIMIT_EXCEEDED past the daily limit, 401 INVALID_SESSION_ID for an
 * expired or unknown token (then a refresh works), and 503 on every Nth request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { admin, client, session, sfError, token, type JsonObject } from './support';

describe('fake Salesforce limits, expired sessions and injected faults', () => {
  let sf: FakeSalesforce;

  beforeAll(async () => {
    sf = await startFakeSalesforce({ dataDir: null, now: '2026-11-20T10:00:00Z' });
  });
  afterAll(() => sf?.close());

  it('puts Sforce-Limit-Info: api-usage=n/max on every answer and refuses calls past the limit with 403', async () => {
    await admin(sf, 'config', { apiLimit: 5, apiUsage: 0 });
    const api = client(sf, (await session(sf)).access_token);
    for (let n = 1; n <= 5; n++) {
      const r = await api.query('SELECT Id FROM User');
      expect(r.status).toBe(200);
      expect(r.headers.get('sforce-limit-info')).toBe(`api-usage=${n}/5`);
    }
    const over = await api.query('SELECT Id FROM User');
    expect(over.status).toBe(403);
    expect(over.json).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(over.headers.get('sforce-limit-info')).toBe('api-usage=5/5');
    // Test knobs are not API calls: they work past the limit and are not counted.
    expect(((await admin(sf, 'state')).json as JsonObject).apiUsage).toBe(5);
    await admin(sf, 'config', { apiLimit: 100000, apiUsage: 0 });
    expect((await api.query('SELECT Id FROM User')).headers.get('sforce-limit-info')).toBe('api-usage=1/100000');
  });

  it('answers 401 INVALID_SESSION_ID for an unknown or expired token; the refresh token still works', async () => {
    const unknown = await client(sf, 'nope').query('SELECT Id FROM User');
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    expect(unknown.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/\d+$/);

    const s = await session(sf);
    const api = client(sf, s.access_token);
    expect((await api.query('SELECT Id FROM User')).status).toBe(200);
    expect(((await admin(sf, 'expire-tokens')).json as JsonObject).expired).toBeGreaterThan(0);
    const expired = await api.query('SELECT Id FROM User');
    expect([expired.status, sfError(expired).errorCode]).toEqual([401, 'INVALID_SESSION_ID']);

    const renewed = await token(sf, { grant_type: 'refresh_token', refresh_token: s.refresh_token, client_id: sf.clientId });
    expect(renewed.status).toBe(200);
    expect((await client(sf, String((renewed.json as JsonObject).access_token)).query('SELECT Id FROM User')).status).toBe(200);
  });

  it('expires access tokens after the session timeout on the fake clock', async () => {
    await admin(sf, 'config', { sessionTimeoutSeconds: 60 });
    const api = client(sf, (await session(sf)).access_token);
    expect((await api.query('SELECT Id FROM User')).status).toBe(200);
    await admin(sf, 'clock', { advanceSeconds: 61 });
    expect((await api.query('SELECT Id FROM User')).status).toBe(401);
    await admin(sf, 'config', { sessionTimeoutSeconds: 7200 });
  });

  it('fails every Nth request with 503 when asked, without touching the data', async () => {
    const api = client(sf, (await session(sf)).access_token);
    await admin(sf, 'config', { failEvery: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api.query('SELECT Id FROM User')).status);
    expect(statuses).toEqual([200, 200, 503, 200, 200, 503]);
    await admin(sf, 'config', { failEvery: 0 });
    const bad = await admin(sf, 'config', { failEvery: -1 });
    expect(bad.status).toBe(400);
  });
});
