/**
 * Server-side activity for the demo PRM: what happens in a real PRM while the app is
 * offline (new engagement, deals moving, registrations, surveys) and edits made by
 * other PRM users. Deterministic for a given store state and rng.
 */
import { OPPORTUNITY_STAGES, type EntityData, type EntityName } from '../../src-shared/domain/entities';
import { idOf } from './generator';
import type { Rng } from './rng';
import type { PrmStore } from './store';
import * as W from './words';

type IdEntity = keyof typeof idOf;

function newId(store: PrmStore, entity: IdEntity & EntityName): string {
  return idOf[entity](store.maxIdNumber(entity) + 1);
}

function today(store: PrmStore): string {
  return store.bookMeta()?.asOf ?? '2026-01-01';
}

function instant(store: PrmStore, rng: Rng): string {
  const h = String(rng.int(8, 19)).padStart(2, '0');
  const m = String(rng.int(0, 59)).padStart(2, '0');
  return `${today(store)}T${h}:${m}:${String(rng.int(0, 59)).padStart(2, '0')}Z`;
}

function livePartner(store: PrmStore, rng: Rng): EntityData<'partner'> | null {
  for (let i = 0; i < 10; i++) {
    const id = store.randomId('partner', rng);
    if (!id) return null;
    const p = store.get('partner', id);
    if (p && p.data.status !== 'churned') return p.data;
  }
  return null;
}

/** Applies `n` simulated activities; returns how many were applied. */
export function simulate(store: PrmStore, n: number, rng: Rng): number {
  let applied = 0;
  for (let attempt = 0; applied < n && attempt < n * 5 + 10; attempt++) {
    const kind = rng.weighted([
      ['event', 50],
      ['opportunity', 20],
      ['new_opportunity', 8],
      ['deal_registration', 10],
      ['psat', 5],
      ['certification', 4],
      ['mdf_request', 3],
    ] as const);
    const partner = livePartner(store, rng);
    if (!partner) break;
    const contacts = store.partnerRows(partner.id, 'contact');
    const contact = contacts.length > 0 ? rng.pick(contacts) : undefined;
    const day = today(store);
    switch (kind) {
      case 'event': {
        const at = instant(store, rng);
        const evKind = rng.weighted([['portal_login', 5], ['content_download', 2], ['webinar', 1], ['training_started', 1], ['training_completed', 1]] as const);
        store.upsert('engagement_event', newId(store, 'engagement_event'), {
          id: newId(store, 'engagement_event'),
          partner_id: partner.id,
          contact_id: contact ? contact.id : null,
          kind: evKind,
          occurred_at: at,
          detail: evKind === 'content_download' ? rng.pick(W.CONTENT) : evKind === 'webinar' ? rng.pick(W.WEBINARS) : evKind === 'portal_login' ? null : rng.pick(W.TRAININGS),
        });
        if (contact && evKind === 'portal_login') store.patch('contact', contact.id, { last_login_at: at });
        break;
      }
      case 'opportunity': {
        const opps = store.partnerRows(partner.id, 'opportunity').filter((o) => !o.data.stage.startsWith('closed'));
        if (opps.length === 0) continue;
        const opp = rng.pick(opps);
        const idx = OPPORTUNITY_STAGES.indexOf(opp.data.stage);
        const stage = rng.chance(0.2) ? (rng.chance(0.6) ? 'closed_won' : 'closed_lost') : (OPPORTUNITY_STAGES[Math.min(3, idx + 1)] ?? opp.data.stage);
        store.patch('opportunity', opp.id, {
          stage,
          amount: rng.chance(0.3) ? Math.round((opp.data.amount * rng.float(0.8, 1.25)) / 10_000) * 10_000 : opp.data.amount,
          last_activity_at: day,
          close_date: stage.startsWith('closed') ? day : opp.data.close_date,
        });
        break;
      }
      case 'new_opportunity': {
        const id = newId(store, 'opportunity');
        store.upsert('opportunity', id, {
          id,
          partner_id: partner.id,
          customer: `${rng.pick(W.CUSTOMER_PREFIX)} ${rng.pick(W.CUSTOMER_INDUSTRY)} ${rng.pick(W.CUSTOMER_FORM)}`,
          amount: rng.int(20, 400) * 100_000,
          currency: 'USD',
          stage: 'prospecting',
          partner_role: rng.pick(['sourced', 'influenced', 'co_sell', 'marketplace'] as const),
          created_at: day,
          close_date: day.slice(0, 8) === day.slice(0, 8) ? addDaysIso(day, rng.int(30, 150)) : day,
          last_activity_at: day,
        });
        break;
      }
      case 'deal_registration': {
        const id = newId(store, 'deal_registration');
        store.upsert('deal_registration', id, {
          id,
          partner_id: partner.id,
          customer: `${rng.pick(W.CUSTOMER_PREFIX)} ${rng.pick(W.CUSTOMER_INDUSTRY)} ${rng.pick(W.CUSTOMER_FORM)}`,
          amount: rng.int(10, 300) * 100_000,
          currency: 'USD',
          status: 'submitted',
          submitted_at: day,
          decided_at: null,
          expires_at: addDaysIso(day, 90),
          matched_opportunity_id: null,
          opportunity_id: null,
        });
        break;
      }
      case 'psat': {
        const id = newId(store, 'psat_response');
        const score = rng.int(0, 10);
        const band = score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
        store.upsert('psat_response', id, {
          id,
          partner_id: partner.id,
          contact_id: contact ? contact.id : null,
          score,
          comment: rng.chance(0.7) ? rng.pick(W.PSAT_COMMENTS[band]) : null,
          responded_at: day,
        });
        break;
      }
      case 'certification': {
        if (!contact) continue;
        const id = newId(store, 'certification');
        store.upsert('certification', id, {
          id,
          partner_id: partner.id,
          contact_id: contact.id,
          name: rng.pick(W.CERTIFICATIONS),
          earned_at: day,
          expires_at: addDaysIso(day, 730),
        });
        store.upsert('engagement_event', newId(store, 'engagement_event'), {
          id: newId(store, 'engagement_event'),
          partner_id: partner.id,
          contact_id: contact.id,
          kind: 'training_completed',
          occurred_at: instant(store, rng),
          detail: rng.pick(W.TRAININGS),
        });
        break;
      }
      case 'mdf_request': {
        const allocs = store.partnerRows(partner.id, 'mdf_allocation').sort((a, b) => (a.data.period < b.data.period ? 1 : -1));
        const alloc = allocs[0];
        if (!alloc) continue;
        const id = newId(store, 'mdf_request');
        store.upsert('mdf_request', id, {
          id,
          partner_id: partner.id,
          allocation_id: alloc.id,
          activity: rng.pick(W.MDF_ACTIVITIES),
          amount: Math.round((alloc.data.amount * rng.float(0.1, 0.3)) / 10_000) * 10_000,
          currency: 'USD',
          status: 'submitted',
          submitted_at: day,
          claimed_amount: 0,
          attributed_pipeline: 0,
        });
        break;
      }
    }
    applied++;
  }
  return applied;
}

/** `n` edits of existing records by other PRM users, including client-editable ones. */
export function editRandom(store: PrmStore, n: number, rng: Rng): number {
  let applied = 0;
  for (let attempt = 0; applied < n && attempt < n * 5 + 10; attempt++) {
    const entity = rng.weighted([
      ['contact', 3],
      ['opportunity', 3],
      ['partner', 1],
      ['jbp', 1],
      ['jbp_objective', 2],
      ['jbp_initiative', 2],
      ['qbr_note', 1],
      ['note', 1],
    ] as const);
    const id = store.randomId(entity, rng);
    if (!id) continue;
    switch (entity) {
      case 'contact':
        store.patch('contact', id, { role: rng.pick(W.CONTACT_ROLES) });
        break;
      case 'opportunity': {
        const o = store.get('opportunity', id);
        if (!o) continue;
        store.patch('opportunity', id, { amount: Math.max(100_000, Math.round((o.data.amount * rng.float(0.8, 1.3)) / 10_000) * 10_000) });
        break;
      }
      case 'partner':
        store.patch('partner', id, { website: rng.chance(0.5) ? null : `https://www.partner-${rng.int(1, 9999)}.example` });
        break;
      case 'jbp':
        store.patch('jbp', id, { summary: `${rng.pick(W.QBR_COMMENTARY)} (edited in the PRM)`, updated_at: instant(store, rng) });
        break;
      case 'jbp_objective': {
        const o = store.get('jbp_objective', id);
        if (!o) continue;
        if (rng.chance(0.7)) store.patch('jbp_objective', id, { target: Math.round(o.data.target * rng.float(1.05, 1.3) * 100) / 100 });
        else store.patch('jbp_objective', id, { title: `${o.data.title.replace(/ \(rev\. \d+\)$/, '')} (rev. ${rng.int(2, 9)})` });
        break;
      }
      case 'jbp_initiative':
        store.patch('jbp_initiative', id, { status: rng.pick(['not_started', 'in_progress', 'done', 'blocked'] as const) });
        break;
      case 'qbr_note':
        store.patch('qbr_note', id, { body: rng.pick(W.QBR_COMMENTARY), updated_at: instant(store, rng) });
        break;
      case 'note':
        store.patch('note', id, { body: `${rng.pick(W.QBR_COMMENTARY)} (from the PRM)`, updated_at: instant(store, rng) });
        break;
    }
    applied++;
  }
  return applied;
}

function addDaysIso(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
