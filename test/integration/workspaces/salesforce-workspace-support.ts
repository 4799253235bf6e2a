/**
 * A Salesforce workspace in a data folder without the browser flow: the fake org (empty,
 * with a few partner records), a registry entry of kind 'salesforce' and the session the
 * sign-in would store (one JSON value in secrets.json), for the workspace tests.
 */
import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import type { SalesforceTokens } from '../../../src-main/sources/salesforce/oauth';
import { WorkspaceRegistry } from '../../../src-main/workspaces/registry';
import { readSalesforceSignIn, writeSalesforceSignIn } from '../../../src-main/workspaces/salesforce-tokens';
import { dataRootSecrets } from '../../../src-main/workspaces/secrets';
import type { FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { CLI, REPO } from '../../support/harness';
import { admin } from '../salesforce/support';

/** Inserts Accounts (partners by IsPartner, others by Type), contacts and a partner deal; returns their Ids. */
export function seedOrg(sf: FakeSalesforce): Record<string, string> {
  const o = (n: string) => sf.org.schema.objects.find((d) => d.name === n)!;
  const user = String([...sf.org.rows(o('User'))][0]!.Id);
  const ins = (object: string, values: Record<string, string | number | boolean | null>) => String(sf.org.insert(o(object), values, user).Id);
  const ids: Record<string, string> = {};
  ids.contoso = ins('Account', { Name: 'Contoso', IsPartner: true, Type: 'Reseller', BillingCountry: 'France' });
  ids.fabrikam = ins('Account', { Name: 'Fabrikam', IsPartner: true, Type: 'Reseller', BillingCountry: 'Germany' });
  // Not a partner by licence: only a mapping that filters on Type takes it.
  ids.tailspin = ins('Account', { Name: 'Tailspin Toys', IsPartner: false, Type: 'Partner', BillingCountry: 'Spain' });
  ids.kept = ins('Contact', { AccountId: ids.contoso, FirstName: 'Ana', LastName: 'Ruiz', Name: 'Ana Ruiz', Email: 'ana@contoso.example', Title: 'Sales' });
  ids.gone = ins('Contact', { AccountId: ids.contoso, FirstName: 'Bo', LastName: 'Li', Name: 'Bo Li', Email: 'bo@contoso.example', Title: 'Owner' });
  ids.opp = ins('Opportunity', { Name: 'Contoso deal', StageName: 'Prospecting', Amount: 500, CloseDate: '2026-12-31', AccountId: ids.contoso, PartnerAccountId: ids.contoso });
  return ids;
}

/** A session of the fake's user, as the sign-in stores it. */
export async function fakeTokens(sf: FakeSalesforce): Promise<SalesforceTokens> {
  const r = await admin(sf, 'session', {});
  expect(r.status).toBe(200);
  const t = r.json as { access_token: string; refresh_token: string; instance_url: string; id: string; issued_at: string };
  return { accessToken: t.access_token, refreshToken: t.refresh_token, instanceUrl: t.instance_url, idUrl: t.id, issuedAt: Number(t.issued_at) };
}

/** Adds a Salesforce workspace signed in to the fake (made the current one) and returns its id. */
export async function addSalesforceWorkspace(sf: FakeSalesforce, dataDir: string, name: string): Promise<string> {
  const registry = new WorkspaceRegistry(dataDir);
  const entry = registry.add({ name, source: { kind: 'salesforce', instanceUrl: sf.url, loginUrl: sf.url, clientId: sf.clientId } }, '2026-11-30T10:00:00Z');
  writeSalesforceSignIn(dataRootSecrets(dataDir), entry.id, await fakeTokens(sf));
  registry.setActive(entry.id);
  return entry.id;
}

export function storedSession(dataDir: string, id: string): SalesforceTokens {
  const stored = readSalesforceSignIn(dataRootSecrets(dataDir), id);
  if (stored?.kind !== 'session') throw new Error('no session stored');
  return stored.tokens;
}

/** `partnerbook …` from the sources, asynchronously (the fake answers from this process). */
export function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PARTNERBOOK_FROM_SOURCE: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((res) => child.once('exit', (code) => res({ code, stdout, stderr })));
}
