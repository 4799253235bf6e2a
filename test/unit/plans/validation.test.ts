import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src-main/base/errors';
import { signoff, updatePlan, upsertInitiative, upsertObjective } from '../../../src-main/services/plans';
import type { ObjectiveFields } from '../../../src-shared/methods/plans';
import { clock, historyCount, outboxCount, seededBook } from './fixture';

function refusal(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ServiceError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('objective validation: each bad input gets its message and nothing is written', () => {
  const cases: { name: string; id?: string; fields: ObjectiveFields; path: string; message: RegExp }[] = [
    { name: 'zero money target', fields: { metric: 'sourced_arr', target: 0 }, path: 'target', message: /target must be a positive amount of money/ },
    { name: 'negative count target', id: 'OBJ-2', fields: { target: -3 }, path: 'target', message: /target must be a positive number of people/ },
    { name: 'fractional count', fields: { metric: 'deal_registrations', target: 2.5 }, path: 'target', message: /whole number of count/ },
    { name: 'fractional cents', id: 'OBJ-1', fields: { target: 1000.5 }, path: 'target', message: /whole amount of money/ },
    { name: 'win rate over 100%', fields: { metric: 'win_rate', target: 1.5 }, path: 'target', message: /^The target win rate must be between 0% and 100% \(as a share, 0\.6 is 60%\)\.$/ },
    { name: 'custom target', id: 'OBJ-3', fields: { target: 0 }, path: 'target', message: /positive number of workshops/ },
    {
      name: 'due quarter outside the period',
      id: 'OBJ-1',
      fields: { due_quarter: '2027-Q1' },
      path: 'due_quarter',
      message: /inside the plan period FY2026 \(2026-Q1 to 2026-Q4\)/,
    },
    { name: 'weight over 100', id: 'OBJ-1', fields: { weight: 120 }, path: 'weight', message: /whole number from 0 to 100/ },
    { name: 'fractional weight', id: 'OBJ-1', fields: { weight: 12.5 }, path: 'weight', message: /whole number from 0 to 100/ },
    { name: 'empty title', id: 'OBJ-1', fields: { title: '   ' }, path: 'title', message: /Give the objective a title/ },
    { name: 'custom without unit', fields: { metric: 'custom', target: 4 }, path: 'unit', message: /needs a unit/ },
    { name: 'typed actual on a linked metric', id: 'OBJ-1', fields: { custom_actual: 5 }, path: 'custom_actual', message: /computed, not typed/ },
    { name: 'negative baseline', id: 'OBJ-2', fields: { baseline: -1 }, path: 'baseline', message: /baseline must be zero or a positive/ },
    { name: 'new objective without metric', fields: { title: 'x', target: 5 }, path: 'metric', message: /Choose a metric/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const db = seededBook();
      const err = refusal(() => upsertObjective(db, clock, 'JBP-1', c.id, c.fields));
      expect(err.code).toBe('invalid_input');
      expect(err.message).toMatch(c.message);
      expect(err.issues?.map((i) => i.path)).toContain(c.path);
      expect(outboxCount(db)).toBe(0);
      expect(historyCount(db)).toBe(0);
    });
  }

  it('a valid edit goes to the outbox with its history', () => {
    const db = seededBook();
    expect(upsertObjective(db, clock, 'JBP-1', 'OBJ-1', { target: 32_000_000, due_quarter: '2026-Q3' }).changed).toBe(true);
    expect(outboxCount(db)).toBe(1);
    expect(historyCount(db)).toBe(2);
  });

  it('initiatives: title and objective of this plan', () => {
    const db = seededBook();
    expect(refusal(() => upsertInitiative(db, clock, 'JBP-1', 'INI-1', { title: ' ' })).issues).toEqual([
      { path: 'title', message: 'Give the initiative a title.' },
    ]);
    expect(refusal(() => upsertInitiative(db, clock, 'JBP-1', 'INI-1', { objective_id: 'OBJ-S1' })).message).toMatch(
      /objective of this plan/,
    );
    expect(outboxCount(db)).toBe(0);
  });

  it('plan title and sign-off fields', () => {
    const db = seededBook();
    expect(refusal(() => updatePlan(db, clock, 'JBP-1', { title: '' })).issues?.[0]?.path).toBe('title');
    const e = refusal(() => signoff(db, clock, 'JBP-1', 'partner', ' ', '2026-12-01'));
    expect(e.issues?.map((i) => i.path)).toEqual(['name', 'date']);
    expect(e.message).toMatch(/signing for the partner.*can't be in the future/);
    expect(outboxCount(db)).toBe(0);
    expect(historyCount(db)).toBe(0);
  });
});
