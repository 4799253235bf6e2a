import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src-main/base/errors';
import {
  createInitiativeFrom,
  createPlan,
  deleteObjective,
  getPlan,
  listHistory,
  listPlans,
  reopen,
  setActorName,
  signoff,
  updatePlan,
  upsertInitiative,
  upsertObjective,
} from '../../../src-main/services/plans';
import { clock, historyCount, outboxCount, seededBook } from './fixture';

function caught(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ServiceError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('sign-off, lock and reopen', () => {
  it('both sides sign, the plan locks, reopening starts a new revision; history records it all', () => {
    const db = seededBook();
    expect(signoff(db, clock, 'JBP-1', 'vendor', 'Dana Owner', '2026-11-19').status).toBe('draft');
    expect(getPlan(db, clock, 'JBP-1')).toMatchObject({ locked: false, plan: { vendor_signoff_name: 'Dana Owner' } });
    expect(signoff(db, clock, 'JBP-1', 'partner', 'Pat Partner', '2026-11-20').status).toBe('signed');
    const signed = getPlan(db, clock, 'JBP-1');
    expect(signed.locked).toBe(true);
    expect(signed.plan).toMatchObject({ status: 'signed', partner_signoff_name: 'Pat Partner', partner_signoff_at: '2026-11-20' });

    const before = outboxCount(db);
    const locked = caught(() => upsertObjective(db, clock, 'JBP-1', 'OBJ-1', { target: 40_000_000 }));
    expect(locked.code).toBe('locked');
    expect(locked.message).toMatch(/signed by both sides and locked\. Reopen it .* revision 2/);
    expect(caught(() => updatePlan(db, clock, 'JBP-1', { summary: 'x' })).code).toBe('locked');
    expect(caught(() => upsertInitiative(db, clock, 'JBP-1', undefined, { title: 'New' })).code).toBe('locked');
    expect(caught(() => deleteObjective(db, clock, 'OBJ-2')).code).toBe('locked');
    expect(caught(() => signoff(db, clock, 'JBP-1', 'vendor', 'Dana', '2026-11-20')).code).toBe('locked');
    expect(outboxCount(db)).toBe(before);

    expect(reopen(db, clock, 'JBP-1')).toEqual({ revision: 2 });
    const reopened = getPlan(db, clock, 'JBP-1').plan;
    expect(reopened).toMatchObject({
      status: 'draft',
      revision: 2,
      vendor_signoff_name: null,
      vendor_signoff_at: null,
      partner_signoff_name: null,
      partner_signoff_at: null,
    });
    expect(caught(() => reopen(db, clock, 'JBP-1')).code).toBe('conflict');
    upsertObjective(db, clock, 'JBP-1', 'OBJ-1', { target: 40_000_000 });

    const h = listHistory(db, 'JBP-1');
    expect(h[0]).toMatchObject({ action: 'update', field: 'target', old_value: 30_000_000, new_value: 40_000_000, revision: 2, actor: 'Dana Owner', label: 'Grow sourced ARR' });
    const reopenRows = h.filter((x) => x.action === 'reopen');
    expect(reopenRows.map((x) => x.field).sort()).toEqual(
      // (updated_at too, but the fixed clock set the same instant at sign-off)
      ['partner_signoff_at', 'partner_signoff_name', 'revision', 'status', 'vendor_signoff_at', 'vendor_signoff_name'].sort(),
    );
    expect(reopenRows.find((x) => x.field === 'revision')).toMatchObject({ old_value: 1, new_value: 2, revision: 2 });
    const signRows = h.filter((x) => x.action === 'signoff');
    expect(signRows.find((x) => x.field === 'status')).toMatchObject({ old_value: 'draft', new_value: 'signed', revision: 1 });
    expect(signRows.find((x) => x.field === 'partner_signoff_name')).toMatchObject({ old_value: null, new_value: 'Pat Partner' });
    expect(h.every((x) => x.at === clock.now())).toBe(true);
  });

  it('a content change after one side signed clears that signature', () => {
    const db = seededBook();
    signoff(db, clock, 'JBP-1', 'vendor', 'Dana Owner', '2026-11-19');
    upsertObjective(db, clock, 'JBP-1', 'OBJ-2', { target: 4 });
    expect(getPlan(db, clock, 'JBP-1').plan).toMatchObject({ status: 'draft', vendor_signoff_name: null, vendor_signoff_at: null });
    expect(listHistory(db, 'JBP-1').find((h) => h.field === 'vendor_signoff_name')).toMatchObject({ action: 'signoff', old_value: 'Dana Owner', new_value: null });
  });

  it('records who: the "your name" setting wins over the partner owner', () => {
    const db = seededBook();
    setActorName(db, 'Sam Editor');
    updatePlan(db, clock, 'JBP-1', { summary: '## Goals\n- Grow **fast**' });
    expect(listHistory(db, 'JBP-1')[0]).toMatchObject({ actor: 'Sam Editor', field: 'summary', old_value: '## Goals\n- Grow' });
  });

  it('deleting an objective unlinks its initiatives and records both', () => {
    const db = seededBook();
    deleteObjective(db, clock, 'OBJ-1');
    const d = getPlan(db, clock, 'JBP-1');
    expect(d.objectives.map((o) => o.id)).toEqual(['OBJ-2', 'OBJ-3']);
    expect(d.initiatives.find((i) => i.id === 'INI-1')?.objective_id).toBeNull();
    const h = listHistory(db, 'JBP-1');
    expect(h.map((x) => `${x.action}:${x.entity}`)).toEqual(['delete:jbp_objective', 'update:jbp_initiative']);
    expect((h[0]!.old_value as { target: number }).target).toBe(30_000_000);
  });
});

describe('new plans', () => {
  it('from the template: five linked objectives summing to 100, baselines from the previous period', () => {
    const db = seededBook();
    const { id } = createPlan(db, clock, { partnerId: 'P-2', period: 'FY2027', from: 'template' });
    const d = getPlan(db, clock, id);
    expect(d.plan).toMatchObject({ status: 'draft', revision: 1, title: 'Beta Systems FY2027 joint business plan', version: 0 });
    expect(d.plan.summary).toMatch(/## Target accounts/);
    expect(d.weights).toEqual({ sum: 100, ok: true });
    expect(d.objectives.map((o) => o.metric)).toEqual(['sourced_arr', 'pipeline_created', 'deal_registrations', 'certified_people', 'active_contacts']);
    const arr = d.objectives[0]!;
    expect(arr.baseline).toBe(50_000_000); // P-2's FY2026 so far
    expect(arr.target).toBe(60_000_000); // +20%
    expect(arr.due_quarter).toBe('2027-Q4');
    expect(d.objectives[3]!.target).toBe(4); // no certified people yet: the tier's requirement
    expect(d.objectives.every((o) => o.actual === null && o.pace.status === 'not_started')).toBe(true);
    expect(listHistory(db, id).filter((h) => h.action === 'create')).toHaveLength(6);
  });

  it('as a clone of the last period: objectives carried, baselines re-set from actuals, initiatives optionally carried', () => {
    const db = seededBook();
    const { id } = createPlan(db, clock, { partnerId: 'P-1', period: 'FY2027', from: 'clone', carryInitiatives: true });
    const d = getPlan(db, clock, id);
    expect(d.plan.summary).toBe('## Goals\n- Grow');
    expect(d.objectives.map((o) => [o.title, o.baseline, o.target, o.due_quarter, o.weight])).toEqual([
      ['Grow sourced ARR', 15_000_000, 50_000_000, '2027-Q4', 40], // actual 15M; growth 30/9 kept
      ['Certify people', 2, 6, '2027-Q4', 20], // actual 2; growth 3/1 kept
      ['Workshops', 5, 15, '2027-Q4', 20], // typed actual 5; growth 6/2 kept
    ]);
    // the open initiative is carried, linked to the new objective and due in the new period; the done one is not
    expect(d.initiatives).toHaveLength(1);
    expect(d.initiatives[0]).toMatchObject({ title: 'Joint pipeline review', objective_id: d.objectives[0]!.id, due_date: '2027-03-31', status: 'in_progress' });
    const without = createPlan(db, clock, { partnerId: 'P-1', period: '2028-H1', from: 'clone' });
    expect(getPlan(db, clock, without.id).initiatives).toHaveLength(0);
  });

  it('refuses a second plan for an overlapping period, and a clone with nothing to clone', () => {
    const db = seededBook();
    expect(caught(() => createPlan(db, clock, { partnerId: 'P-1', period: '2026-H2', from: 'template' })).message).toMatch(
      /already has a plan covering 2026-H2/,
    );
    expect(caught(() => createPlan(db, clock, { partnerId: 'P-2', period: 'FY2027', from: 'clone' })).issues?.[0]?.path).toBe('from');
    expect(outboxCount(db)).toBe(0);
    expect(historyCount(db)).toBe(0);
  });

  it('lists plans with progress, pace counts and filters', () => {
    const db = seededBook();
    createPlan(db, clock, { partnerId: 'P-2', period: 'FY2027', from: 'template' });
    const all = listPlans(db, clock);
    expect(all.map((p) => p.id).slice(-2)).toEqual(['JBP-1', 'JBP-S']);
    const acme = all.find((p) => p.id === 'JBP-1')!;
    expect(acme).toMatchObject({ partner_name: 'Acme Cloud Partners', owner_name: 'Dana Owner', objectives: 3, initiatives: 2, open_initiatives: 1, weight_sum: 80, pending: 0 });
    // weighted % to target: (50 × 40 + 66.67 × 20 + 83.33 × 20) / 80
    expect(acme.progress).toBeCloseTo((50 * 40 + (200 / 3) * 20 + (250 / 3) * 20) / 80, 8);
    expect(acme.pace).toMatchObject({ off_track: 2 });
    expect(listPlans(db, clock, { status: 'signed' }).map((p) => p.id)).toEqual(['JBP-S']);
    expect(listPlans(db, clock, { period: 'FY2027' })).toHaveLength(1);
    expect(listPlans(db, clock, { partnerId: 'P-2' })[0]!.pending).toBe(6); // the plan and its five objectives
  });
});

describe('createInitiativeFrom (actions and QBR commitments)', () => {
  it('adds to the partner’s draft plan in one step, once per source', () => {
    const db = seededBook();
    const input = { partnerId: 'P-1', title: 'Renew expiring certifications', dueDate: '2026-12-20', source: 'action:cert_expiring:P-1:2026-Q4' };
    const first = createInitiativeFrom(db, clock, input);
    expect(first).toMatchObject({ planId: 'JBP-1', created: true });
    const again = createInitiativeFrom(db, clock, input);
    expect(again).toEqual({ ...first, created: false });
    const ini = getPlan(db, clock, 'JBP-1').initiatives.find((i) => i.id === first.initiativeId)!;
    expect(ini).toMatchObject({ title: 'Renew expiring certifications', source: input.source, owner_side: 'vendor', owner_name: 'Dana Owner', status: 'not_started', currency: 'USD' });
  });

  it('explains when there is no draft plan to add to', () => {
    const db = seededBook();
    expect(caught(() => createInitiativeFrom(db, clock, { partnerId: 'P-3', title: 'X', dueDate: '2026-12-01', source: 'qbr:N-1' })).message).toMatch(
      /all signed\. Reopen/,
    );
    expect(caught(() => createInitiativeFrom(db, clock, { partnerId: 'P-2', title: 'X', dueDate: '2026-12-01', source: 'qbr:N-1' })).message).toMatch(
      /no joint business plan yet/,
    );
  });
});
