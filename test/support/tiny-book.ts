/**
 * A tiny hand-made PRM book for push tests: one CAM, one tier, and per "case" a partner
 * with a plan, its objectives and initiatives, and notes. Ids carry a case prefix so
 * one server can host many independent cases.
 */
import type { PrmStore } from '../../tools/demo-prm/store';

export const T0 = '2026-11-01T09:00:00Z';

export function seedBase(store: PrmStore): void {
  store.transaction(() => {
    store.upsert('user', 'U-1', { id: 'U-1', name: 'Ada Cam', email: 'ada@vendor.example', role: 'cam', manager_id: null });
    store.upsert('tier', 'gold', {
      id: 'gold', name: 'Gold', rank: 3, min_sourced_arr: 1, min_certified: 1, revenue_target: 1, pipeline_target: 1, currency: 'USD', benefits: ['MDF'],
    });
  });
}

export interface CaseIds {
  partner: string;
  jbp: string;
  objectives: string[];
  initiatives: string[];
  notes: string[];
}

export function caseIds(prefix: string, n = 2): CaseIds {
  return {
    partner: `P-${prefix}`,
    jbp: `JBP-${prefix}`,
    objectives: Array.from({ length: n }, (_, i) => `OBJ-${prefix}-${i + 1}`),
    initiatives: Array.from({ length: n }, (_, i) => `INI-${prefix}-${i + 1}`),
    notes: Array.from({ length: n }, (_, i) => `N-${prefix}-${i + 1}`),
  };
}

/** Adds one case's records (partner, plan, `n` objectives, initiatives and notes). */
export function seedCase(store: PrmStore, prefix: string, n = 2): CaseIds {
  const ids = caseIds(prefix, n);
  store.transaction(() => {
    store.upsert('partner', ids.partner, {
      id: ids.partner, name: `Partner ${prefix}`, type: 'msp', tier_id: 'gold', region: 'EMEA', country: 'DE', owner_id: 'U-1',
      status: 'active', agreement_signed_at: '2024-01-01', churned_at: null, website: null, currency: 'USD',
    });
    store.upsert('jbp', ids.jbp, {
      id: ids.jbp, partner_id: ids.partner, period: 'FY2026', title: `Plan ${prefix}`, status: 'draft', revision: 1, summary: 'Grow together',
      vendor_signoff_name: null, vendor_signoff_at: null, partner_signoff_name: null, partner_signoff_at: null, created_at: T0, updated_at: T0,
    });
    ids.objectives.forEach((id, i) =>
      store.upsert('jbp_objective', id, {
        id, jbp_id: ids.jbp, title: `Objective ${i + 1}`, metric: 'custom', unit: 'workshops', baseline: 0, target: 100, due_quarter: '2026-Q4',
        weight: 50, custom_actual: null, sort_order: i,
      }),
    );
    ids.initiatives.forEach((id, i) =>
      store.upsert('jbp_initiative', id, {
        id, jbp_id: ids.jbp, objective_id: ids.objectives[i] ?? null, title: `Initiative ${i + 1}`, owner_side: 'vendor', owner_name: 'Ada',
        due_date: '2026-12-15', status: 'not_started', mdf_investment: 0, currency: 'USD', notes: '', source: null,
      }),
    );
    ids.notes.forEach((id, i) =>
      store.upsert('note', id, { id, partner_id: ids.partner, body: `Note ${i + 1}`, created_at: T0, updated_at: T0 }),
    );
  });
  return ids;
}
