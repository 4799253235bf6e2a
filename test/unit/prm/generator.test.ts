import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEAL_REG_STATUSES,
  ENGAGEMENT_KINDS,
  ENTITIES,
  MDF_REQUEST_STATUSES,
  OPPORTUNITY_STAGES,
  PARTNER_ROLES,
  PARTNER_STATUSES,
  PARTNER_TYPES,
  REGIONS,
  type EntityData,
  type EntityName,
} from '../../../src-shared/domain/entities';
import { addDays, quarterEnd, quarterOf, shiftQuarter } from '../../../src-shared/domain/time';
import { generateBook, type BookSummary } from '../../../tools/demo-prm/generator';
import { createRng } from '../../../tools/demo-prm/rng';

const AS_OF = '2026-11-20';

type Book = { [E in EntityName]: EntityData<E>[] };

function collect(seed: number, asOf = AS_OF): { book: Book; summary: BookSummary; order: string[] } {
  const book = Object.fromEntries(Object.keys(ENTITIES).map((e) => [e, []])) as unknown as Book;
  const order: string[] = [];
  const summary = generateBook({ seed, scale: 'small', asOf }, (entity, data) => {
    (book[entity] as unknown[]).push(data);
    order.push(`${entity}:${data.id}`);
  });
  return { book, summary, order };
}

function bookHash(seed: number, asOf = AS_OF): string {
  const h = createHash('sha256');
  generateBook({ seed, scale: 'small', asOf }, (entity, data) => {
    h.update(entity);
    h.update(JSON.stringify(data));
  });
  return h.digest('hex');
}

describe('rng', () => {
  it('is deterministic and roughly uniform', () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(createRng(8).next()).not.toBe(createRng(7).next());
    expect(a.fork('x').next()).toBe(b.fork('x').next());
  });
});

describe('generateBook (small)', () => {
  let book: Book;
  let summary: BookSummary;
  let order: string[];
  beforeAll(() => {
    ({ book, summary, order } = collect(42));
  });

  it('is deterministic by seed and asOf', () => {
    const h = bookHash(42);
    expect(bookHash(42)).toBe(h);
    expect(bookHash(43)).not.toBe(h);
    expect(bookHash(42, '2026-06-30')).not.toBe(h);
  });

  it('emits only records that pass their entity schema', () => {
    for (const entity of Object.keys(ENTITIES) as EntityName[]) {
      for (const rec of book[entity]) {
        const r = ENTITIES[entity].schema.safeParse(rec);
        if (!r.success) throw new Error(`${entity} ${(rec as { id: string }).id}: ${r.error.message}`);
      }
    }
    expect(book.action_state).toHaveLength(0);
  });

  it('has unique readable ids and emits parents before children', () => {
    const patterns: Partial<Record<EntityName, RegExp>> = {
      user: /^U-\d{3}$/,
      partner: /^P-\d{5}$/,
      contact: /^C-\d{6}$/,
      opportunity: /^O-\d{6}$/,
      deal_registration: /^DR-\d{6}$/,
      engagement_event: /^E-\d{7}$/,
      certification: /^CERT-\d{6}$/,
      mdf_allocation: /^MDFA-\d{5}$/,
      mdf_request: /^MDFR-\d{6}$/,
      psat_response: /^PSAT-\d{6}$/,
      jbp: /^JBP-\d{5}$/,
      jbp_objective: /^OBJ-\d{6}$/,
      jbp_initiative: /^INI-\d{6}$/,
      qbr_note: /^QN-\d{6}$/,
      note: /^N-\d{5}$/,
    };
    for (const [entity, re] of Object.entries(patterns)) {
      const ids = book[entity as EntityName].map((r) => (r as { id: string }).id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(re);
      // zero-padded sequential ids sort in emission order
      expect([...ids].sort()).toEqual(ids);
    }
    const pos = new Map(order.map((k, i) => [k, i]));
    const before = (child: string, parent: string) => {
      const p = pos.get(parent);
      expect(p, `${parent} missing`).toBeDefined();
      expect(p as number).toBeLessThan(pos.get(child) as number);
    };
    for (const e of book.engagement_event) {
      before(`engagement_event:${e.id}`, `partner:${e.partner_id}`);
      if (e.contact_id) before(`engagement_event:${e.id}`, `contact:${e.contact_id}`);
    }
    for (const d of book.deal_registration) {
      if (d.opportunity_id) before(`deal_registration:${d.id}`, `opportunity:${d.opportunity_id}`);
      if (d.matched_opportunity_id) before(`deal_registration:${d.id}`, `opportunity:${d.matched_opportunity_id}`);
    }
    for (const i of book.jbp_initiative) if (i.objective_id) before(`jbp_initiative:${i.id}`, `jbp_objective:${i.objective_id}`);
  });

  it('has users, tiers and partners covering every type, tier, region and status', () => {
    const managers = book.user.filter((u) => u.role === 'manager');
    const cams = book.user.filter((u) => u.role === 'cam');
    expect(managers.length).toBeGreaterThanOrEqual(2);
    expect(cams.length).toBeGreaterThanOrEqual(5);
    expect(book.tier.map((t) => [t.id, t.rank])).toEqual([
      ['registered', 1],
      ['silver', 2],
      ['gold', 3],
      ['platinum', 4],
    ]);
    for (let i = 1; i < book.tier.length; i++) {
      const [a, b] = [book.tier[i - 1], book.tier[i]];
      expect(b!.min_sourced_arr).toBeGreaterThan(a!.min_sourced_arr);
      expect(b!.min_certified).toBeGreaterThan(a!.min_certified);
      expect(b!.revenue_target).toBeGreaterThan(a!.revenue_target);
      expect(b!.benefits.length).toBeGreaterThan(a!.benefits.length);
    }
    expect(book.partner.length).toBeGreaterThanOrEqual(140);
    expect(book.partner.length).toBeLessThanOrEqual(160);
    const camIds = new Set(cams.map((c) => c.id));
    for (const p of book.partner) expect(camIds.has(p.owner_id)).toBe(true);
    expect(new Set(book.partner.map((p) => p.type))).toEqual(new Set(PARTNER_TYPES));
    expect(new Set(book.partner.map((p) => p.tier_id))).toEqual(new Set(['registered', 'silver', 'gold', 'platinum']));
    expect(new Set(book.partner.map((p) => p.region))).toEqual(new Set(REGIONS));
    expect(new Set(book.partner.map((p) => p.status))).toEqual(new Set(PARTNER_STATUSES));
    expect(new Set(book.partner.map((p) => p.name)).size).toBe(book.partner.length);
    expect(book.partner.some((p) => p.name.length >= 35)).toBe(true);
    const total = Object.values(summary.counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(20_000);
  });

  it('keeps status consistent with the latent trajectory', () => {
    const traj = summary.trajectories;
    for (const p of book.partner) {
      const t = traj[p.id];
      if (t === 'churned') {
        expect(p.status).toBe('churned');
        expect(p.churned_at).not.toBeNull();
      } else expect(p.churned_at).toBeNull();
      if (t === 'onboarding') {
        expect(p.status).toBe('onboarding');
        expect(p.agreement_signed_at > addDays(AS_OF, -183)).toBe(true);
      }
      if (t === 'at_risk') expect(p.status).toBe('at_risk');
      if (t === 'thriving' || t === 'steady') expect(p.status).toBe('active');
    }
  });

  it('gives contacts (3–25 per partner) logins consistent with engagement', () => {
    const byPartner = new Map<string, number>();
    for (const c of book.contact) byPartner.set(c.partner_id, (byPartner.get(c.partner_id) ?? 0) + 1);
    for (const p of book.partner) {
      const n = byPartner.get(p.id) ?? 0;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(25);
    }
    const lastLogin = new Map<string, string>();
    for (const e of book.engagement_event) {
      if (e.kind === 'portal_login' && e.contact_id && (lastLogin.get(e.contact_id) ?? '') < e.occurred_at) lastLogin.set(e.contact_id, e.occurred_at);
    }
    for (const c of book.contact) expect(c.last_login_at).toBe(lastLogin.get(c.id) ?? null);
  });

  it('has engagement of every kind that follows each trajectory', () => {
    expect(new Set(book.engagement_event.map((e) => e.kind))).toEqual(new Set(ENGAGEMENT_KINDS));
    const last90 = addDays(AS_OF, -90);
    const recent = new Set(book.engagement_event.filter((e) => e.occurred_at >= last90).map((e) => e.partner_id));
    const churned = book.partner.filter((p) => p.status === 'churned');
    expect(churned.length).toBeGreaterThan(5);
    for (const p of churned) expect(recent.has(p.id)).toBe(false);
    for (const e of book.engagement_event) expect(e.occurred_at <= `${AS_OF}T23:59:59Z`).toBe(true);
    // Declining partners: the last two quarters have clearly less engagement than the two before.
    const declining = Object.entries(summary.trajectories).filter(([, t]) => t === 'declining').map(([id]) => id);
    expect(declining.length).toBeGreaterThan(5);
    const d180 = addDays(AS_OF, -180);
    const d360 = addDays(AS_OF, -360);
    let falling = 0;
    for (const id of declining) {
      const evs = book.engagement_event.filter((e) => e.partner_id === id);
      const late = evs.filter((e) => e.occurred_at >= d180).length;
      const early = evs.filter((e) => e.occurred_at >= d360 && e.occurred_at < d180).length;
      if (late < early * 0.8) falling++;
    }
    expect(falling / declining.length).toBeGreaterThan(0.8);
  });

  it('has certifications expiring within 60 days and expired ones', () => {
    const soon = book.certification.filter((c) => c.expires_at > AS_OF && c.expires_at <= addDays(AS_OF, 60));
    const expired = book.certification.filter((c) => c.expires_at <= AS_OF);
    expect(soon.length).toBeGreaterThan(3);
    expect(expired.length).toBeGreaterThan(3);
  });

  it('has opportunities in every stage and role, realistic by tier, some stalled', () => {
    expect(new Set(book.opportunity.map((o) => o.stage))).toEqual(new Set(OPPORTUNITY_STAGES));
    expect(new Set(book.opportunity.map((o) => o.partner_role))).toEqual(new Set(PARTNER_ROLES));
    for (const o of book.opportunity) {
      expect(o.partner_id === null).toBe(o.partner_role === 'direct');
      expect(o.amount).toBeGreaterThan(0);
      expect(o.created_at <= AS_OF).toBe(true);
      expect(o.last_activity_at <= AS_OF).toBe(true);
      expect(o.last_activity_at >= o.created_at).toBe(true);
    }
    const open = book.opportunity.filter((o) => !o.stage.startsWith('closed'));
    const horizon = quarterEnd(shiftQuarter(quarterOf(AS_OF), 2));
    for (const o of open) {
      expect(o.close_date >= AS_OF).toBe(true);
      expect(o.close_date <= horizon).toBe(true);
    }
    const stalled = open.filter((o) => o.last_activity_at < addDays(AS_OF, -45));
    expect(stalled.length).toBeGreaterThan(10);
    const tierOf = new Map(book.partner.map((p) => [p.id, p.tier_id]));
    const avg = (tier: string) => {
      const xs = book.opportunity.filter((o) => o.partner_id && tierOf.get(o.partner_id) === tier).map((o) => o.amount);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(avg('platinum')).toBeGreaterThan(avg('gold'));
    expect(avg('gold')).toBeGreaterThan(avg('registered'));
    const closedDates = book.opportunity.filter((o) => o.stage.startsWith('closed')).map((o) => quarterOf(o.close_date));
    expect(new Set(closedDates).size).toBeGreaterThanOrEqual(11);
  });

  it('has deal registrations in every status, pending ones expiring soon, and channel conflicts', () => {
    expect(new Set(book.deal_registration.map((d) => d.status))).toEqual(new Set(DEAL_REG_STATUSES));
    const opps = new Map(book.opportunity.map((o) => [o.id, o]));
    const pending = book.deal_registration.filter((d) => d.status === 'submitted');
    for (const d of pending) expect(d.decided_at).toBeNull();
    expect(pending.filter((d) => d.expires_at >= AS_OF && d.expires_at <= addDays(AS_OF, 14)).length).toBeGreaterThan(0);
    for (const d of book.deal_registration.filter((x) => x.status === 'converted')) {
      expect(d.opportunity_id).not.toBeNull();
      const o = opps.get(d.opportunity_id as string);
      expect(o?.partner_id).toBe(d.partner_id);
      expect(o?.customer).toBe(d.customer);
    }
    for (const d of book.deal_registration.filter((x) => x.status === 'approved' || x.status === 'rejected')) expect(d.decided_at).not.toBeNull();
    const conflicts = book.deal_registration.filter((d) => d.matched_opportunity_id !== null);
    expect(conflicts.length).toBeGreaterThan(5);
    for (const d of conflicts) {
      const o = opps.get(d.matched_opportunity_id as string);
      expect(o?.partner_role).toBe('direct');
      expect(o?.partner_id).toBeNull();
      expect(o?.customer).toBe(d.customer);
    }
    expect(conflicts.some((d) => d.status === 'submitted')).toBe(true);
  });

  it('has MDF allocations per half and requests in every status, some allocations largely unspent', () => {
    expect(book.mdf_allocation.length).toBeGreaterThan(50);
    expect(new Set(book.mdf_request.map((r) => r.status))).toEqual(new Set(MDF_REQUEST_STATUSES));
    const spent = new Map<string, number>();
    for (const r of book.mdf_request) {
      expect(r.claimed_amount).toBeLessThanOrEqual(r.amount);
      if (r.status !== 'claimed') expect(r.claimed_amount).toBe(0);
      spent.set(r.allocation_id, (spent.get(r.allocation_id) ?? 0) + r.amount);
    }
    for (const a of book.mdf_allocation) expect(spent.get(a.id) ?? 0).toBeLessThanOrEqual(a.amount);
    expect(book.mdf_request.some((r) => r.attributed_pipeline > 0)).toBe(true);
    const current = book.mdf_allocation.filter((a) => a.period_start <= AS_OF && a.period_end >= AS_OF);
    expect(current.length).toBeGreaterThan(0);
    expect(current.filter((a) => (spent.get(a.id) ?? 0) < a.amount * 0.3).length).toBeGreaterThan(0);
  });

  it('has PSAT with detractors, comments, and partners never surveyed', () => {
    expect(book.psat_response.some((r) => r.score <= 6)).toBe(true);
    expect(book.psat_response.some((r) => r.score >= 9)).toBe(true);
    expect(book.psat_response.some((r) => r.comment !== null)).toBe(true);
    const surveyed = new Set(book.psat_response.map((r) => r.partner_id));
    expect(book.partner.filter((p) => !surveyed.has(p.id)).length).toBeGreaterThan(5);
  });

  it('seeds JBPs, QBR notes for the previous quarter and a few notes', () => {
    expect(book.jbp.length).toBeGreaterThan(20);
    const signed = book.jbp.filter((j) => j.status === 'signed');
    const draft = book.jbp.filter((j) => j.status === 'draft');
    expect(signed.length).toBeGreaterThan(0);
    expect(draft.length).toBeGreaterThan(0);
    for (const j of signed) {
      expect(j.vendor_signoff_name).not.toBeNull();
      expect(j.partner_signoff_name).not.toBeNull();
    }
    for (const j of draft) expect(j.vendor_signoff_at).toBeNull();
    const objJbp = new Map(book.jbp_objective.map((o) => [o.id, o.jbp_id]));
    for (const i of book.jbp_initiative) if (i.objective_id) expect(objJbp.get(i.objective_id)).toBe(i.jbp_id);
    const prev = shiftQuarter(quarterOf(AS_OF), -1);
    expect(book.qbr_note.length).toBeGreaterThan(10);
    for (const n of book.qbr_note) expect(n.quarter).toBe(prev);
    expect(book.qbr_note.some((n) => n.kind === 'commitment' && n.commitment_status !== null)).toBe(true);
    expect(book.note.length).toBeGreaterThan(0);
  });
});

describe('generateBook (medium)', () => {
  it('has about 1,000 partners', () => {
    const counts: Record<string, number> = {};
    generateBook({ seed: 42, scale: 'medium', asOf: AS_OF }, (entity) => {
      counts[entity] = (counts[entity] ?? 0) + 1;
    });
    expect(counts.partner).toBe(1000);
    expect(counts.engagement_event).toBeGreaterThan(300_000);
  });
});
