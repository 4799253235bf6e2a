/**
 * Who is calling the demo PRM: a token per user (the demo CAM, their manager, an admin),
 * `GET /v1/me`, and the audit trail of who made each pushed change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, meSchema } from '../../../src-shared/domain/protocol';
import { DEMO_CAM_PARTNERS } from '../../../tools/demo-prm/generator';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';

const AS_OF = '2026-11-20';

interface AuditBody {
  entries: { entity: string; id: string; op: string; fields: string[]; edited_by: { id: string | null; name: string; role: string } }[];
}

describe('demo PRM identity', () => {
  let prm: DemoPrm;
  const get = (path: string, token: string) => fetch(`${prm.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const push = (token: string, clientId: string, mutations: unknown[]) =>
    fetch(`${prm.url}/v1/mutations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: clientId, mutations }),
    }).then((r) => r.json() as Promise<{ results: { status: string; version: number }[] }>);
  const me = async (token: string) => meSchema.parse(await (await get('/v1/me', token)).json()).user;

  beforeAll(async () => {
    prm = await startDemoPrm({ seed: 42, scale: 'small', asOf: AS_OF, token: 'cam-t0ken', port: 0 });
  });
  afterAll(async () => {
    await prm.close();
  });

  it('derives a manager and an admin token from the CAM token', () => {
    expect(prm.tokens).toEqual({ cam: 'cam-t0ken', manager: 'cam-t0ken.manager', admin: 'cam-t0ken.admin' });
  });

  it('answers GET /v1/me with the person behind each token', async () => {
    const users = prm.store.dump('user').map((r) => r.data);
    const cam = await me(prm.tokens.cam);
    const camRecord = users.find((u) => u.id === cam.id);
    expect(cam.role).toBe('cam');
    expect(camRecord).toMatchObject({ role: 'cam', name: cam.name, email: cam.email });
    // The first CAM of the book: the one the embedded demo signs in as.
    expect(users.filter((u) => u.role === 'cam')[0]?.id).toBe(cam.id);

    const manager = await me(prm.tokens.manager);
    expect(manager.role).toBe('manager');
    expect(manager.id).toBe(camRecord?.manager_id);

    expect(await me(prm.tokens.admin)).toEqual({ id: null, name: 'PRM Administrator', email: 'prm-admin@vendor.example', role: 'admin' });

    const wrong = await get('/v1/me', 'cam-t0ken.nobody');
    expect(wrong.status).toBe(401);
    expect(errorBodySchema.parse(await wrong.json()).error.code).toBe('unauthorized');
  });

  it('gives the demo CAM a realistic book of 30–60 live partners, and their manager a team', async () => {
    const cam = await me(prm.tokens.cam);
    const manager = await me(prm.tokens.manager);
    const partners = prm.store.dump('partner').map((r) => r.data);
    const users = prm.store.dump('user').map((r) => r.data);
    const own = partners.filter((p) => p.owner_id === cam.id);
    expect(own).toHaveLength(DEMO_CAM_PARTNERS);
    const live = own.filter((p) => p.status !== 'churned').length;
    expect(live).toBeGreaterThanOrEqual(30);
    expect(live).toBeLessThanOrEqual(60);
    // Every kind of partner, not a block of similar ones.
    expect(new Set(own.map((p) => p.tier_id)).size).toBe(4);
    expect(new Set(own.map((p) => p.status)).size).toBeGreaterThanOrEqual(3);
    // The others share the rest evenly.
    const others = users.filter((u) => u.role === 'cam' && u.id !== cam.id).map((u) => partners.filter((p) => p.owner_id === u.id).length);
    expect(Math.max(...others) - Math.min(...others)).toBeLessThanOrEqual(1);
    expect(Math.max(...others)).toBeLessThan(own.length);
    const team = users.filter((u) => u.manager_id === manager.id).map((u) => u.id);
    expect(team).toContain(cam.id);
    expect(team.length).toBeGreaterThan(1);
  });

  it('records who made each pushed change, and serves a plan\'s history with its objectives', async () => {
    const plan = prm.store.dump('jbp').find((p) => p.data.status === 'draft')!;
    const objective = prm.store.dump('jbp_objective').find((o) => o.data.jbp_id === plan.id)!;
    const cam = await me(prm.tokens.cam);
    const manager = await me(prm.tokens.manager);
    const first = await push(prm.tokens.cam, 'client-cam', [
      { mutation_id: 1, entity: 'jbp', id: plan.id, op: 'upsert', base_version: plan.version, fields: { summary: 'Edited by the CAM' }, base: { summary: plan.data.summary } },
    ]);
    expect(first.results[0]?.status).toBe('applied');
    const second = await push(prm.tokens.manager, 'client-manager', [
      { mutation_id: 1, entity: 'jbp_objective', id: objective.id, op: 'upsert', base_version: objective.version, fields: { title: 'Renamed by the manager' }, base: { title: objective.data.title } },
    ]);
    expect(second.results[0]?.status).toBe('applied');
    // A resend is answered from the ledger and records nothing new.
    await push(prm.tokens.cam, 'client-cam', [
      { mutation_id: 1, entity: 'jbp', id: plan.id, op: 'upsert', base_version: plan.version, fields: { summary: 'Edited by the CAM' }, base: { summary: plan.data.summary } },
    ]);
    // Server-side edits (someone in the PRM itself) have no signed-in editor.
    await fetch(`${prm.url}/admin/edit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${prm.tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ entity: 'jbp', id: plan.id, fields: { title: 'Renamed in the PRM' } }),
    });

    const audit = (await (await get(`/admin/audit?entity=jbp&id=${plan.id}`, prm.tokens.cam)).json()) as AuditBody;
    expect(audit.entries.map((e) => [e.entity, e.id, e.fields, e.edited_by.name, e.edited_by.role])).toEqual([
      ['jbp', plan.id, ['summary'], cam.name, 'cam'],
      ['jbp_objective', objective.id, ['title'], manager.name, 'manager'],
    ]);
    const objectiveAudit = (await (await get(`/admin/audit?entity=jbp_objective&id=${objective.id}`, prm.tokens.cam)).json()) as AuditBody;
    expect(objectiveAudit.entries.map((e) => e.edited_by.id)).toEqual([manager.id]);
    const bad = await get('/admin/audit?entity=nope&id=x', prm.tokens.cam);
    expect(bad.status).toBe(400);
  });
});
