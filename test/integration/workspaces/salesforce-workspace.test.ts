/**
 * A Salesforce workspace opened by the app's core, against the fake org in this process:
 * - the periodic id reconciliation runs in the app (the workspace hands the connector its
 *   replica's ids): a contact hard-deleted in Salesforce (no delete-log entry) leaves the
 *   book on the first incremental sync, when the reconciliation is first due;
 * - the pull mapping is stored per workspace (`salesforce.mapping.get/set`), refused input
 *   is one sentence, a changed partner filter refetches the book with the new partners,
 *   "Reset to defaults" brings the standard one back, and signing in again keeps it;
 * - a mapping without certification or PSAT objects makes health treat those facts as
 *   absent ("no data", the book-gaps banner), like a spreadsheet without those tables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core';
import { absentFacts } from '../../../src-main/services/import/service';
import type { SalesforceMapping } from '../../../src-shared/domain/salesforce-mapping';
import type { HealthPortfolio } from '../../../src-shared/methods/health';
import type { SalesforceSignInStarted } from '../../../src-shared/methods/salesforce';
import type { SalesforceMappingView } from '../../../src-shared/methods/salesforce-mapping';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { call } from '../../support/core';
import { admin } from '../salesforce/support';
import { addSalesforceWorkspace, seedOrg } from './salesforce-workspace-support';

let sf: FakeSalesforce;
let core: Core;
let dir: string;
let wsId: string;
let ids: Record<string, string>;

beforeAll(async () => {
  sf = await startFakeSalesforce({ dataDir: null });
  ids = seedOrg(sf);
  dir = mkdtempSync(join(tmpdir(), 'pb-sf-ws-'));
  wsId = await addSalesforceWorkspace(sf, join(dir, 'data'), 'SF Book');
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

const db = () => core.workspaces.current()!.ws.db;
const names = (table: string) => db().sqlite.prepare(`SELECT name FROM "${table}" ORDER BY name`).pluck().all();
const run = () => call<{ ok: boolean; kind: string; error: string | null }>(core, 'sync.run');

describe('a Salesforce workspace in the app', () => {
  it('reconciles ids: a contact hard-deleted in Salesforce leaves the book once the reconciliation is due', async () => {
    expect(core.workspaces.current()?.ws.id).toBe(wsId);
    expect(await run()).toMatchObject({ ok: true });
    expect(names('contact')).toEqual(['Ana Ruiz', 'Bo Li']);
    expect((await admin(sf, 'hard-delete', { object: 'Contact', ids: [ids.gone] })).status).toBe(200);
    // Not in the delete log: only the reconciliation (due on the first incremental sync) sees it gone.
    expect(await run()).toMatchObject({ ok: true, kind: 'incremental' });
    expect(names('contact')).toEqual(['Ana Ruiz']);
    expect(names('partner')).toEqual(['Contoso', 'Fabrikam']);
  });

  it('a Salesforce book without certification or PSAT objects mapped holds those facts as absent', async () => {
    expect([...absentFacts(db())].sort()).toEqual(['certification', 'psat_response']);
    const p = await call<HealthPortfolio>(core, 'health.portfolio', { scope: 'all' });
    expect(p.bookGaps).toEqual(['certifications (no Salesforce object is mapped for them)', 'PSAT responses (no Salesforce object is mapped for them)']);
  });

  it('keeps the mapping per workspace; a changed partner filter fetches the book again with the new partners', async () => {
    const before = await call<SalesforceMappingView>(core, 'salesforce.mapping.get', { workspaceId: wsId });
    expect(before).toMatchObject({ isDefault: true, mapping: { partnerFilter: { field: 'IsPartner', equals: true } } });
    const mapping: SalesforceMapping = { ...before.mapping, partnerFilter: { field: 'Type', equals: 'Partner' } };
    const saved = await call<SalesforceMappingView>(core, 'salesforce.mapping.set', { workspaceId: wsId, mapping });
    expect(saved).toMatchObject({ isDefault: false, mapping: { partnerFilter: { field: 'Type', equals: 'Partner' } } });
    expect(core.workspaces.registry.get(wsId)?.source).toMatchObject({ kind: 'salesforce', mapping: { partnerFilter: { field: 'Type', equals: 'Partner' } } });
    // The save started the sync; this joins it.
    expect(await run()).toMatchObject({ ok: true, kind: 'full' });
    expect(names('partner')).toEqual(['Tailspin Toys']);
    // Kept for the CLI and the next start.
    expect((await call<SalesforceMappingView>(core, 'salesforce.mapping.get', { workspaceId: wsId })).mapping.partnerFilter).toEqual({ field: 'Type', equals: 'Partner' });
  });

  it('mapping objects for certifications and PSAT makes those facts present again', async () => {
    const { mapping } = await call<SalesforceMappingView>(core, 'salesforce.mapping.get', { workspaceId: wsId });
    await call(core, 'salesforce.mapping.set', {
      workspaceId: wsId,
      mapping: {
        ...mapping,
        certification: { object: 'Cert__c', partnerField: 'Account__c', contactField: 'Contact__c', nameField: 'Name', earnedField: 'Earned__c', expiresField: 'Expires__c' },
        psat: { object: 'Survey__c', partnerField: 'Account__c', contactField: null, scoreField: 'Score__c', commentField: null, dateField: 'Date__c' },
      },
    });
    expect(await run()).toMatchObject({ ok: true, kind: 'full' });
    expect([...absentFacts(db())]).toEqual([]);
    expect((await call<HealthPortfolio>(core, 'health.portfolio', { scope: 'all' })).bookGaps).toEqual([]);
  });

  it('refuses a mapping that would not be valid SOQL in one sentence naming the field', async () => {
    const { mapping } = await call<SalesforceMappingView>(core, 'salesforce.mapping.get', { workspaceId: wsId });
    const bad = call(core, 'salesforce.mapping.set', { workspaceId: wsId, mapping: { ...mapping, partnerFilter: { field: 'Type; DROP', equals: 'x' } } });
    await expect(bad).rejects.toThrow(/^Partner filter field must be a Salesforce API name \(letters, digits and underscores, starting with a letter\)\.$/);
    const quote = call(core, 'salesforce.mapping.set', { workspaceId: wsId, mapping: { ...mapping, dealRegistrations: { ...mapping.dealRegistrations, recordTypes: ["Deal's"] } } });
    await expect(quote).rejects.toThrow(/^Deal registration record types, item 1 must not contain quotes, backslashes or line breaks\.$/);
  });

  it('Reset to defaults brings the standard mapping back and the standard partners with it', async () => {
    const reset = await call<SalesforceMappingView>(core, 'salesforce.mapping.set', { workspaceId: wsId, mapping: null });
    expect(reset.isDefault).toBe(true);
    expect(core.workspaces.registry.get(wsId)?.source).not.toHaveProperty('mapping');
    expect(await run()).toMatchObject({ ok: true, kind: 'full' });
    expect(names('partner')).toEqual(['Contoso', 'Fabrikam']);
  });

  it('signing in again keeps the mapping', async () => {
    const { mapping } = await call<SalesforceMappingView>(core, 'salesforce.mapping.get', { workspaceId: wsId });
    await call(core, 'salesforce.mapping.set', { workspaceId: wsId, mapping: { ...mapping, dealRegistrations: { ...mapping.dealRegistrations, recordTypes: ['Partner Deal'] } } });
    await run();
    const started = await call<SalesforceSignInStarted>(core, 'salesforce.signInStart', { login: { kind: 'custom', url: sf.url }, clientId: sf.clientId, workspaceId: wsId });
    await (await fetch(started.authorizeUrl, { redirect: 'follow' })).text();
    expect(await core.salesforce.settled(started.attempt)).toMatchObject({ state: 'done' });
    expect((await call<SalesforceMappingView>(core, 'salesforce.mapping.get', { workspaceId: wsId })).mapping.dealRegistrations.recordTypes).toEqual(['Partner Deal']);
    await run();
  });

  it('a workspace that is not Salesforce has no mapping: one sentence', async () => {
    await call(core, 'workspaces.create', { name: 'Files', source: { kind: 'spreadsheet' }, open: false });
    const files = core.workspaces.registry.find('Files')!;
    await expect(call(core, 'salesforce.mapping.get', { workspaceId: files.id })).rejects.toThrow("'Files' does not sync from Salesforce, so it has no Salesforce mapping.");
  });
});
