import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { withAppHandlers } from '../../support/api';
import { createRouter } from '../../../src-main/api/router';
import { EventBus } from '../../../src-main/events';
import { createSyncService } from '../../../src-main/sync/service';
import type { PlanDetail } from '../../../src-shared/methods/plans';
import { clock, outboxCount, seededBook } from './fixture';

function setup() {
  const db = seededBook();
  const events = new EventBus();
  const changed: string[][] = [];
  events.on('data.changed', (p) => changed.push(p.entities));
  const sync = createSyncService({ db, clock, events, source: () => null });
  const router = createRouter(withAppHandlers(createHandlers({ db, clock, events, sync, dataDir: ':memory:' }), { clock }));
  return { db, router, changed };
}

describe('plans API through the router', () => {
  it('refuses a malformed input before any service runs, naming the field', async () => {
    const { db, router } = setup();
    const res = await router.handle('objectives.upsert', { planId: 'JBP-1', id: 'OBJ-1', fields: { target: 'lots' } });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.issues?.[0]?.path).toBe('fields.target');
    const bad = await router.handle('plans.create', { partnerId: 'P-1', period: '2026', from: 'template' });
    expect(!bad.ok && bad.error.message).toMatch(/period: a period looks like FY2026/);
    expect(outboxCount(db)).toBe(0);
  });

  it('edits, announces the change, and answers with field-level issues and the locked code', async () => {
    const { router, changed } = setup();
    const ok = await router.handle('objectives.upsert', { planId: 'JBP-1', id: 'OBJ-1', fields: { weight: 50 } });
    expect(ok).toEqual({ ok: true, value: { id: 'OBJ-1', changed: true } });
    expect(changed.at(-1)).toEqual(expect.arrayContaining(['jbp_objective', 'outbox']));
    const refused = await router.handle('objectives.upsert', { planId: 'JBP-1', id: 'OBJ-1', fields: { due_quarter: '2025-Q4' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'due_quarter' }] } });
    const locked = await router.handle('initiatives.upsert', { planId: 'JBP-S', fields: { title: 'More' } });
    expect(locked).toMatchObject({ ok: false, error: { code: 'locked' } });
    const got = await router.handle('plans.get', { id: 'JBP-1' });
    expect(got.ok && (got.value as PlanDetail).objectives[0]).toMatchObject({ weight: 50, pending_fields: ['weight'] });
    expect(await router.handle('plans.get', { id: 'JBP-404' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
