/** The stored Salesforce session's format, and the login host choice ↔ login URL. */
import { describe, expect, it } from 'vitest';
import { loginUrlOf } from '../../../src-main/workspaces/salesforce-signin';
import { decodeSalesforceSecret, encodeSalesforceTokens } from '../../../src-main/workspaces/salesforce-tokens';
import { loginChoiceOf } from '../../../src-shared/methods/salesforce';

const tokens = {
  accessToken: '00D!abc',
  refreshToken: '5Aep-refresh',
  instanceUrl: 'https://acme.my.salesforce.com',
  idUrl: 'https://login.salesforce.com/id/00Dxx0000000001/005xx0000000001',
  issuedAt: 1_764_000_000_000,
};

describe('stored Salesforce sign-in', () => {
  it('keeps the whole session in one value and reads it back', () => {
    const raw = encodeSalesforceTokens(tokens);
    expect(decodeSalesforceSecret(raw)).toEqual({ kind: 'session', tokens });
    expect(decodeSalesforceSecret(encodeSalesforceTokens({ ...tokens, refreshToken: null }))).toEqual({ kind: 'session', tokens: { ...tokens, refreshToken: null } });
  });

  it('reads a bare value (an environment variable, a script) as an access token, and nothing as nothing', () => {
    expect(decodeSalesforceSecret('00D!plain')).toEqual({ kind: 'access-token', accessToken: '00D!plain' });
    expect(decodeSalesforceSecret('{not json')).toEqual({ kind: 'access-token', accessToken: '{not json' });
    expect(decodeSalesforceSecret(null)).toBeNull();
    expect(decodeSalesforceSecret('')).toBeNull();
  });
});

describe('login host', () => {
  it('maps each choice to its login URL and back', () => {
    expect(loginUrlOf({ kind: 'production' })).toBe('https://login.salesforce.com');
    expect(loginUrlOf({ kind: 'sandbox' })).toBe('https://test.salesforce.com');
    expect(loginUrlOf({ kind: 'myDomain', domain: 'acme' })).toBe('https://acme.my.salesforce.com');
    expect(loginUrlOf({ kind: 'myDomain', domain: 'acme--uat.sandbox.my.salesforce.com' })).toBe('https://acme--uat.sandbox.my.salesforce.com');
    expect(loginUrlOf({ kind: 'custom', url: 'http://127.0.0.1:4100/' })).toBe('http://127.0.0.1:4100');
    expect(loginUrlOf({ kind: 'custom', url: 'https://acme.my.site.com/partners/' })).toBe('https://acme.my.site.com/partners');

    expect(loginChoiceOf(undefined)).toEqual({ kind: 'production' });
    expect(loginChoiceOf('https://test.salesforce.com')).toEqual({ kind: 'sandbox' });
    expect(loginChoiceOf('https://acme.my.salesforce.com')).toEqual({ kind: 'myDomain', domain: 'acme' });
    expect(loginChoiceOf('https://acme--uat.sandbox.my.salesforce.com')).toEqual({ kind: 'myDomain', domain: 'acme--uat.sandbox.my.salesforce.com' });
    expect(loginChoiceOf('http://127.0.0.1:4100')).toEqual({ kind: 'custom', url: 'http://127.0.0.1:4100' });
  });

  it('refuses plain http off this computer, credentials, and a bad My Domain, naming the field', () => {
    const issue = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return (err as { issues?: { path: string }[] }).issues?.[0]?.path;
      }
      return null;
    };
    expect(issue(() => loginUrlOf({ kind: 'custom', url: 'http://sf.example.com' }))).toBe('login.url');
    expect(issue(() => loginUrlOf({ kind: 'custom', url: 'https://user:pw@sf.example.com' }))).toBe('login.url');
    expect(issue(() => loginUrlOf({ kind: 'custom', url: 'not a url' }))).toBe('login.url');
    expect(issue(() => loginUrlOf({ kind: 'myDomain', domain: 'acme.example.com' }))).toBe('login.domain');
  });
});
