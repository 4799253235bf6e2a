/**
 * The edit rules (src-shared/domain/rules) on their own: dates at the boundary, sizes the
 * typed API and the generic path share, the sign-off lock and lifecycle, consistency,
 * and that a record already breaking a rule can still be edited in other ways.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { api } from '../../../src-shared/api';
import { isoDateSchema, quarterSchema } from '../../../src-shared/domain/date-schemas';
import { checkEdit, fieldIssues, LIMITS, type Lookup } from '../../../src-shared/domain/rules';
import { dateProblem, quarterOf, shiftQuarter } from '../../../src-shared/domain/time';
import { CliError, dateOption, quarterOption } from '../../../src-main/cli/args';

const T = '2026-01-05T10:00:00Z';
const draft = {
  id: 'J-1', partner_id: 'P-1', period: 'FY2026', title: 'FY26 plan', status: 'draft', revision: 1, summary: 'Grow',
  vendor_signoff_name: null, vendor_signoff_at: null, partner_signoff_name: null, partner_signoff_at: null, created_at: T, updated_at: T,
};
const signed = {
  ...draft, status: 'signed', vendor_signoff_name: 'Dana', vendor_signoff_at: '2026-02-01', partner_signoff_name: 'Pat', partner_signoff_at: '2026-02-02',
};
const objective = {
  id: 'OBJ-1', jbp_id: 'J-1', title: 'Workshops', metric: 'custom', unit: 'workshops', baseline: 0, target: 10, due_quarter: '2026-Q4',
  weight: 50, custom_actual: null, sort_order: 0,
};
const lookupWith = (plan: Record<string, unknown>): Lookup => (entity, id) => (entity === 'jbp' && id === plan.id ? plan : null);

describe('dates at the boundary', () => {
  it.each(['2026-02-30', '2026-02-29', '2026-13-01', '2026-04-31', '0000-01-01', '9999-12-31', '2026-1-01', ''])('refuses %j', (d) => {
    expect(isoDateSchema.safeParse(d).success).toBe(false);
    expect(api['actions.list'].input.safeParse({ asOf: d }).success).toBe(false);
    expect(api['health.portfolio'].input.safeParse({ asOf: d }).success).toBe(false);
  });

  it('names what is wrong with an impossible date', () => {
    expect(dateProblem('2026-02-30')).toBe('2026-02-30 is not a real date (that month has 28 days)');
    expect(dateProblem('9999-01-01')).toMatch(/year must be between 1900 and 2199/);
  });

  it('accepts exactly the real calendar dates of 1900–2199 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const real = y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
        expect(isoDateSchema.safeParse(s).success).toBe(real);
        // whatever gets through can be computed with: its quarter and the quarters around it
        if (real) expect(shiftQuarter(quarterOf(s), 4)).toMatch(/^\d{4}-Q[1-4]$/);
      }),
    );
  });

  it('quarters: the format and the years', () => {
    expect(quarterSchema.safeParse('2026-Q3').success).toBe(true);
    for (const q of ['0000-Q1', '9999-Q4', '2026-Q5', '2026Q1']) expect(quarterSchema.safeParse(q).success).toBe(false);
    expect(api['qbr.pack'].input.safeParse({ partnerId: 'P-1', quarter: '9999-Q4' }).success).toBe(false);
    expect(api['objectives.upsert'].input.safeParse({ planId: 'J-1', fields: { due_quarter: '0000-Q1' } }).success).toBe(false);
  });

  it('the CLI options take the same check', () => {
    expect(() => dateOption('2026-02-30', '--as-of')).toThrow(CliError);
    expect(() => dateOption('2026-02-30', '--as-of')).toThrow('--as-of must be a date YYYY-MM-DD: 2026-02-30 is not a real date (that month has 28 days)');
    expect(() => dateOption('0000-01-01', '--as-of')).toThrow(/year must be between 1900 and 2199/);
    expect(dateOption('2024-02-29', '--as-of')).toBe('2024-02-29');
    expect(() => quarterOption('9999-Q1', '--quarter')).toThrow(/--quarter must be a quarter YYYY-Qn: 9999-Q1: the year must be between 1900 and 2199/);
    expect(quarterOption(undefined, '--quarter')).toBeUndefined();
  });

  it('plan sign-off and initiative dates through the typed API', () => {
    expect(api['plans.signoff'].input.safeParse({ id: 'J-1', side: 'vendor', name: 'Dana', date: '2026-02-30' }).success).toBe(false);
    expect(api['initiatives.upsert'].input.safeParse({ planId: 'J-1', fields: { due_date: '2026-02-30' } }).success).toBe(false);
    expect(api['plans.signoff'].input.safeParse({ id: 'J-1', side: 'vendor', name: 'Dana', date: '2026-02-28' }).success).toBe(true);
  });
});

describe('sizes: one definition for the typed API and every edit', () => {
  const cases: [string, (s: string) => boolean, (s: string) => boolean][] = [
    ['plan summary', (s) => api['plans.update'].input.safeParse({ id: 'J-1', fields: { summary: s } }).success, (s) => fieldIssues('jbp', { summary: s }).length === 0],
    ['initiative notes', (s) => api['initiatives.upsert'].input.safeParse({ planId: 'J-1', fields: { notes: s } }).success, (s) => fieldIssues('jbp_initiative', { notes: s }).length === 0],
    ['objective unit', (s) => api['objectives.upsert'].input.safeParse({ planId: 'J-1', fields: { unit: s } }).success, (s) => fieldIssues('jbp_objective', { unit: s }).length === 0],
    ['QBR note', (s) => api['qbr.notes.save'].input.safeParse({ partnerId: 'P-1', quarter: '2026-Q4', section: 'summary', kind: 'commentary', body: s }).success, (s) => fieldIssues('qbr_note', { body: s }).length === 0],
  ];
  it.each(cases)('%s: the typed method and the generic edit accept the same lengths (property)', (_name, typed, generic) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25_000 }), (n) => {
        const s = 'x'.repeat(n);
        expect(typed(s)).toBe(generic(s));
        expect(api['records.edit'].input.safeParse({ entity: 'jbp', id: 'J-1', fields: { summary: s } }).success).toBe(n <= LIMITS.planSummary);
      }),
      { numRuns: 60 },
    );
  });

  it('a 100,000-character summary is refused with its length and the limit', () => {
    expect(fieldIssues('jbp', { summary: 'x'.repeat(100_000) })).toEqual([
      { field: 'summary', message: 'The summary is 100,000 characters long; it can be at most 20,000.' },
    ]);
  });

  it('unknown fields and wrong types are named', () => {
    expect(fieldIssues('note', { colour: 'red', body: 7 }).map((i) => i.field)).toEqual(['colour', 'body']);
  });
});

describe('the sign-off lock', () => {
  const planFieldValues: Record<string, unknown[]> = {
    title: ['Another title', ''],
    summary: ['changed', 'x'.repeat(30_000)],
    status: ['draft', 'signed'],
    revision: [1, 2, 3],
    vendor_signoff_name: [null, 'Someone'],
    vendor_signoff_at: [null, '2026-03-01'],
    partner_signoff_at: [null, '2026-03-01'],
    updated_at: ['2026-03-01T10:00:00Z'],
  };
  const planEdit = fc
    .uniqueArray(fc.constantFrom(...Object.keys(planFieldValues)), { minLength: 1, maxLength: 4 })
    .chain((keys) => fc.tuple(...keys.map((k) => fc.constantFrom(...planFieldValues[k]!.map((v) => [k, v] as const)))))
    .map((pairs) => Object.fromEntries(pairs));

  it('a signed plan refuses every content edit, whatever it changes (property)', () => {
    fc.assert(
      fc.property(planEdit, fc.constantFrom('edit' as const, 'lifecycle' as const), (fields, intent) => {
        const changes = Object.entries(fields).some(([k, v]) => JSON.stringify(v) !== JSON.stringify((signed as Record<string, unknown>)[k]));
        const issues = checkEdit({ entity: 'jbp', id: 'J-1', op: 'upsert', before: signed, fields, intent, lookup: lookupWith(signed) });
        const reopen =
          intent === 'lifecycle' &&
          fields.status === 'draft' &&
          Object.keys(fields).every((k) => k !== 'title' && k !== 'summary') &&
          ['vendor_signoff_name', 'vendor_signoff_at', 'partner_signoff_name', 'partner_signoff_at'].every(
            (k) => (k in fields ? fields[k] : (signed as Record<string, unknown>)[k]) === null,
          );
        if (!changes) expect(issues.filter((i) => i.kind === 'locked')).toEqual([]);
        else if (!reopen) expect(issues).toEqual([expect.objectContaining({ kind: 'locked' })]);
      }),
    );
  });

  it('reopening is the one change a signed plan takes', () => {
    const reopen = { status: 'draft', revision: 2, vendor_signoff_name: null, vendor_signoff_at: null, partner_signoff_name: null, partner_signoff_at: null, updated_at: T };
    expect(checkEdit({ entity: 'jbp', id: 'J-1', op: 'upsert', before: signed, fields: reopen, intent: 'lifecycle', lookup: lookupWith(signed) })).toEqual([]);
    // … through the sign-off operations only
    expect(checkEdit({ entity: 'jbp', id: 'J-1', op: 'upsert', before: signed, fields: reopen, lookup: lookupWith(signed) })[0]).toMatchObject({ kind: 'locked' });
    // un-signing without clearing the signatures is not a reopen
    const unsign = checkEdit({ entity: 'jbp', id: 'J-1', op: 'upsert', before: signed, fields: { status: 'draft' }, intent: 'lifecycle', lookup: lookupWith(signed) });
    expect(unsign[0]).toMatchObject({ kind: 'locked', field: 'status' });
    expect(unsign[0]!.message).toMatch(/signed by both sides and locked\. Reopen it/);
  });

  it('objectives and initiatives of a signed plan refuse edits, creations and deletes', () => {
    const lookup = lookupWith(signed);
    expect(checkEdit({ entity: 'jbp_objective', id: 'OBJ-1', op: 'upsert', before: objective, fields: { target: 12 }, lookup })[0]).toMatchObject({ kind: 'locked', field: 'target' });
    expect(checkEdit({ entity: 'jbp_objective', id: 'OBJ-1', op: 'delete', before: objective, lookup })[0]).toMatchObject({ kind: 'locked' });
    expect(checkEdit({ entity: 'jbp', id: 'J-1', op: 'delete', before: signed, lookup })[0]!.message).toMatch(/can't be deleted/);
    const created = checkEdit({
      entity: 'jbp_initiative', id: 'INI-9', op: 'upsert', before: null, lookup,
      fields: { jbp_id: 'J-1', objective_id: null, title: 'New', owner_side: 'vendor', owner_name: 'Dana', due_date: '2026-05-01', status: 'not_started', mdf_investment: 0, currency: 'USD', notes: '', source: null },
    });
    expect(created[0]).toMatchObject({ kind: 'locked' });
    // the same edits on a draft plan are fine
    expect(checkEdit({ entity: 'jbp_objective', id: 'OBJ-1', op: 'upsert', before: objective, fields: { target: 12 }, lookup: lookupWith(draft) })).toEqual([]);
  });

  it('on a draft, the sign-off fields change only through sign-off and reopen', () => {
    const lookup = lookupWith(draft);
    const fields = { vendor_signoff_name: 'Dana', vendor_signoff_at: '2026-02-01' };
    expect(checkEdit({ entity: 'jbp', id: 'J-1', op: 'upsert', before: draft, fields, lookup })[0]).toMatchObject({ kind: 'invalid', field: 'vendor_signoff_name' });
    expect(checkEdit({ entity: 'jbp', id: 'J-1', op: 'upsert', before: draft, fields, intent: 'lifecycle', lookup })).toEqual([]);
  });
});

describe('consistency', () => {
  const lookup = lookupWith(draft);
  it('a draft plan does not carry both signatures; a signed one needs both; a signature has a name and a date', () => {
    const both = { vendor_signoff_name: 'Dana', vendor_signoff_at: '2026-02-01', partner_signoff_name: 'Pat', partner_signoff_at: '2026-02-02' };
    expect(checkEdit({ entity: 'jbp', id: 'J-1', op: 'upsert', before: draft, fields: both, intent: 'lifecycle', lookup })).toEqual([
      expect.objectContaining({ field: 'status', message: expect.stringMatching(/draft plan can’t carry both sides’ signatures/) as unknown }),
    ]);
    expect(checkEdit({ entity: 'jbp', id: 'J-1', op: 'upsert', before: draft, fields: { status: 'signed' }, intent: 'lifecycle', lookup })[0]).toMatchObject({ field: 'status' });
    expect(checkEdit({ entity: 'jbp', id: 'J-1', op: 'upsert', before: draft, fields: { vendor_signoff_name: 'Dana' }, intent: 'lifecycle', lookup })[0]).toMatchObject({ field: 'vendor_signoff_at' });
    expect(checkEdit({ entity: 'jbp', id: 'J-1', op: 'upsert', before: draft, fields: { ...both, status: 'signed' }, intent: 'lifecycle', lookup })).toEqual([]);
  });

  it('a new plan starts as an unsigned draft', () => {
    expect(checkEdit({ entity: 'jbp', id: 'J-2', op: 'upsert', before: null, fields: { ...signed, id: 'J-2' }, lookup })[0]).toMatchObject({ field: 'status' });
    expect(checkEdit({ entity: 'jbp', id: 'J-2', op: 'upsert', before: null, fields: { ...draft, id: 'J-2' }, lookup })).toEqual([]);
  });

  it('objectives: the plan rules of the typed API, with the plan’s period', () => {
    expect(checkEdit({ entity: 'jbp_objective', id: 'OBJ-1', op: 'upsert', before: objective, fields: { due_quarter: '2027-Q1' }, lookup })[0]).toMatchObject({ field: 'due_quarter' });
    expect(checkEdit({ entity: 'jbp_objective', id: 'OBJ-1', op: 'upsert', before: objective, fields: { unit: null }, lookup })[0]).toMatchObject({ field: 'unit' });
    expect(checkEdit({ entity: 'jbp_objective', id: 'OBJ-1', op: 'upsert', before: objective, fields: { weight: 120 }, lookup })[0]!.message).toBe(
      'The weight must be a whole number from 0 to 100.',
    );
  });

  it('a record that already breaks a rule can still be edited in other ways, not made worse in that way', () => {
    const broken = { ...objective, target: 0 };
    expect(checkEdit({ entity: 'jbp_objective', id: 'OBJ-1', op: 'upsert', before: broken, fields: { title: 'Renamed' }, lookup })).toEqual([]);
    expect(checkEdit({ entity: 'jbp_objective', id: 'OBJ-1', op: 'upsert', before: broken, fields: { due_quarter: '2027-Q1' }, lookup })[0]).toMatchObject({ field: 'due_quarter' });
  });

  it('what a record belongs to is fixed', () => {
    expect(checkEdit({ entity: 'jbp_objective', id: 'OBJ-1', op: 'upsert', before: objective, fields: { jbp_id: 'J-2' }, lookup })[0]).toMatchObject({ field: 'jbp_id' });
    expect(checkEdit({ entity: 'jbp', id: 'J-1', op: 'upsert', before: draft, fields: { period: 'FY2027' }, lookup })[0]).toMatchObject({ field: 'period' });
  });

  it('action states and QBR notes', () => {
    const action = { id: 'stalled_opportunity:O-1:2026-Q4', partner_id: 'P-1', state: 'done', snooze_until: null, reason: null, updated_at: T };
    expect(checkEdit({ entity: 'action_state', id: action.id, op: 'upsert', before: action, fields: { state: 'snoozed' }, lookup })[0]).toMatchObject({ field: 'snooze_until' });
    expect(checkEdit({ entity: 'action_state', id: action.id, op: 'upsert', before: action, fields: { state: 'dismissed' }, lookup })[0]).toMatchObject({ field: 'reason' });
    const note = { id: 'QN-1', partner_id: 'P-1', quarter: '2026-Q4', section: 'summary', kind: 'commentary', body: 'Good', commitment_status: null, updated_at: T };
    expect(checkEdit({ entity: 'qbr_note', id: 'QN-1', op: 'upsert', before: note, fields: { commitment_status: 'open' }, lookup })[0]).toMatchObject({ field: 'commitment_status' });
    expect(checkEdit({ entity: 'qbr_note', id: 'QN-1', op: 'upsert', before: note, fields: { body: '  ' }, lookup })[0]).toMatchObject({ field: 'body' });
  });
});
