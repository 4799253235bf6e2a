/**
 * Mapped files → the records of a book, in the protocol's entity shapes: draft rows
 * (rows.ts) checked against each other (every partner an opportunity names exists …),
 * the defaults for what the files do not carry, owners and agreement dates derived from
 * the orders where asked, and tiers from the mapping's rule. It says what the files hold
 * (`coverage`) so health and decks can show "no data" instead of zeros.
 */
import type { EntityName } from '../../../src-shared/domain/entities';
import { UNASSIGNED_OWNER } from '../../../src-shared/domain/entities';
import { IMPORT_FIELDS } from '../../../src-shared/domain/import-fields';
import { IMPORT_ENTITIES, type ImportEntity, type ImportMapping } from '../../../src-shared/domain/import-mapping';
import { addDays } from '../../../src-shared/domain/time';
import { rowError, type RowError } from './cells';
import { regionOf } from '../../../src-shared/domain/regions';
import type { RawTable } from './read';
import { readMappedFile, tableFor, type DateQuestion, type Draft, type UnknownValues } from './rows';
import { deriveTiers } from './tiers';

export type BookRecords = Map<EntityName, Map<string, Record<string, unknown>>>;

export interface BookCoverage {
  /** Entities the files hold at least one row of. */
  entities: EntityName[];
  /** Whether any opportunity is still open (an export of booked orders has none). */
  openPipeline: boolean;
  /** Whether the files give partners' agreement dates (else they are taken from the first order). */
  agreementDates: boolean;
  tierRule: ImportMapping['tiers'];
}

export interface BuiltBook {
  records: BookRecords;
  /** Choice columns' values Partnerbook has no word for, all of them (for value maps). */
  unknownValues: UnknownValues[];
  errors: RowError[];
  questions: DateQuestion[];
  /** Rows read per file ("Resellers.csv" → 701). */
  rowsRead: Record<string, number>;
  coverage: BookCoverage;
  /** The latest date in the book: "today" for a book exported in the past. */
  lastDate: string | null;
}


/** The book the mapping makes of these tables; errors and questions instead of records when it cannot. */
export function buildBook(tables: readonly RawTable[], mapping: ImportMapping): BuiltBook {
  const errors: RowError[] = [];
  const questions: DateQuestion[] = [];
  const drafts = new Map<ImportEntity, Draft[]>();
  const rowsRead: Record<string, number> = {};
  const unknownValues: UnknownValues[] = [];
  for (const fm of mapping.files) {
    const table = tableFor(tables, fm);
    const label = fm.sheet ? `${fm.file} (sheet ${fm.sheet})` : fm.file;
    if (!table) {
      errors.push(rowError(label, null, null, null, 'the mapping names this file, but it was not given.'));
      continue;
    }
    rowsRead[label] = table.rows.length;
    const r = readMappedFile(table, fm, mapping);
    errors.push(...r.errors);
    questions.push(...r.questions);
    unknownValues.push(...r.unknown);
    drafts.set(fm.entity, [...(drafts.get(fm.entity) ?? []), ...r.drafts]);
  }
  const records: BookRecords = new Map();
  const empty: BuiltBook = { records, unknownValues, errors, questions, rowsRead, coverage: { entities: [], openPipeline: false, agreementDates: false, tierRule: mapping.tiers }, lastDate: null };
  if (questions.length > 0 || errors.some((e) => e.line === null)) return empty;

  const byEntity = (e: ImportEntity) => drafts.get(e) ?? [];
  const put = (e: EntityName, id: string, data: Record<string, unknown>) => {
    let m = records.get(e);
    if (!m) records.set(e, (m = new Map()));
    m.set(id, data);
  };
  const has = (e: EntityName, id: unknown) => typeof id === 'string' && (records.get(e)?.has(id) ?? false);
  const firstFile = (e: ImportEntity) => mapping.files.find((f) => f.entity === e)?.file ?? e;
  /** A key that names no record of `target`: the row is refused with what is missing. */
  const missingRef = (d: Draft, field: string, target: ImportEntity, value: unknown) => {
    const col = mapping.files.find((f) => f.file === d.file)?.fields[field]?.column ?? field;
    const what = target.replace('_', ' ');
    errors.push(rowError(d.file, d.line, col, String(value), `no ${what} with key '${String(value)}' in ${firstFile(target)}.`, `no ${what} with that key in ${firstFile(target)}.`));
  };
  const duplicate = (e: ImportEntity, d: Draft, id: string) => {
    if (!records.get(e)?.has(id)) return false;
    const col = mapping.files.find((f) => f.file === d.file)?.fields.id?.column ?? 'id';
    const each = `each ${e.replace('_', ' ')} needs its own.`;
    errors.push(rowError(d.file, d.line, col, id, `the key '${id}' appears twice; ${each}`, `the key appears twice; ${each}`));
    return true;
  };

  // Users: from their file, or made from the names an opportunity or partner file gives.
  for (const d of byEntity('user')) {
    const v = d.values;
    if (duplicate('user', d, v.id as string)) continue;
    put('user', v.id as string, { id: v.id, name: v.name, email: v.email ?? 'none', role: v.role ?? 'cam', manager_id: v.manager_id ?? null });
  }
  const userFile = drafts.has('user');
  const ensureUser = (id: unknown): boolean => {
    if (has('user', id)) return true;
    if (userFile || typeof id !== 'string') return false;
    put('user', id, { id, name: id, email: 'none', role: 'cam', manager_id: null });
    return true;
  };
  for (const [id, u] of records.get('user') ?? []) {
    if (u.manager_id !== null && !has('user', u.manager_id)) u.manager_id = null; // a manager outside the exported staff
    if (u.manager_id === id) u.manager_id = null;
  }

  // Opportunities first as drafts: partners take owners and agreement dates from them.
  const opps = byEntity('opportunity');
  const won = new Map<string, Map<string, number>>();
  const firstOrder = new Map<string, string>();
  for (const d of opps) {
    const v = d.values;
    const partner = v.partner_id as string;
    const date = (v.created_at ?? v.close_date) as string;
    if (!firstOrder.has(partner) || date < firstOrder.get(partner)!) firstOrder.set(partner, date);
    if ((v.stage ?? 'closed_won') === 'closed_won' && typeof v.seller === 'string') {
      const m = won.get(partner) ?? new Map<string, number>();
      m.set(v.seller, (m.get(v.seller) ?? 0) + (v.amount as number));
      won.set(partner, m);
    }
  }
  const topSeller = (partner: string): string | null => {
    const m = won.get(partner);
    if (!m) return null;
    return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  };

  for (const d of byEntity('partner')) {
    const v = d.values;
    const id = v.id as string;
    if (duplicate('partner', d, id)) continue;
    let owner = v.owner_id ?? (mapping.partnerOwner === 'top_seller' ? topSeller(id) : null);
    if (owner !== null && !ensureUser(owner)) {
      missingRef(d, 'owner_id', 'user', owner);
      continue;
    }
    if (owner === null) {
      owner = UNASSIGNED_OWNER;
      if (!has('user', owner)) put('user', owner, { id: owner, name: 'Unassigned', email: 'none', role: 'cam', manager_id: null });
    }
    const country = (v.country as string | null) ?? 'Unknown';
    put('partner', id, {
      id,
      name: v.name,
      type: v.type ?? 'reseller',
      tier_id: '',
      region: v.region ?? regionOf(country),
      country: country.length >= 2 ? country : 'Unknown',
      owner_id: owner,
      status: v.status ?? 'active',
      agreement_signed_at: v.agreement_signed_at ?? firstOrder.get(id) ?? null,
      churned_at: null,
      website: v.website ?? null,
      currency: mapping.currency,
    });
  }

  for (const d of byEntity('contact')) {
    const v = d.values;
    if (!has('partner', v.partner_id)) {
      missingRef(d, 'partner_id', 'partner', v.partner_id);
      continue;
    }
    if (duplicate('contact', d, v.id as string)) continue;
    put('contact', v.id as string, { id: v.id, partner_id: v.partner_id, name: v.name, email: v.email ?? 'none', role: v.role ?? 'Contact', last_login_at: v.last_login_at ?? null });
  }

  let lastDate: string | null = null;
  let firstDate: string | null = null;
  const seeDate = (s: unknown) => {
    if (typeof s !== 'string') return;
    const day = s.slice(0, 10);
    if (lastDate === null || day > lastDate) lastDate = day;
    if (firstDate === null || day < firstDate) firstDate = day;
  };
  let openPipeline = false;
  for (const d of opps) {
    const v = d.values;
    if (!has('partner', v.partner_id)) {
      missingRef(d, 'partner_id', 'partner', v.partner_id);
      continue;
    }
    if (duplicate('opportunity', d, v.id as string)) continue;
    const close = v.close_date as string;
    const created = (v.created_at as string | null) ?? close;
    const stage = (v.stage as string | null) ?? 'closed_won';
    if (stage !== 'closed_won' && stage !== 'closed_lost') openPipeline = true;
    seeDate(close);
    put('opportunity', v.id as string, {
      id: v.id,
      partner_id: v.partner_id,
      customer: v.customer ?? `Order ${String(v.id)}`,
      amount: v.amount,
      currency: mapping.currency,
      stage,
      partner_role: v.partner_role ?? 'sourced',
      created_at: created <= close ? created : close,
      close_date: close,
      last_activity_at: close,
    });
  }

  buildMinor(byEntity, { has, put, missingRef, duplicate, seeDate }, mapping.currency);

  // A partner with neither an agreement date nor an order: all the files say is that it was a
  // partner throughout them, so it is one from their first date (not their last, which made
  // it a partner signed on the book's last day: an onboarding deck 'signed 31 May 2020').
  for (const [, p] of records.get('partner') ?? []) {
    if (p.agreement_signed_at === null) p.agreement_signed_at = firstDate ?? lastDate ?? '2000-01-01';
  }
  const tiers = deriveTiers(records, mapping.tiers, lastDate, mapping.currency);
  for (const t of tiers.tiers) put('tier', t.id as string, t);
  for (const [id, p] of records.get('partner') ?? []) p.tier_id = tiers.byPartner.get(id);

  const entities = [...records.keys()].filter((e) => (records.get(e)?.size ?? 0) > 0 && e !== 'tier');
  const agreementDates = mapping.files.some((f) => f.entity === 'partner' && f.fields.agreement_signed_at);
  return { records, unknownValues, errors, questions, rowsRead, coverage: { entities, openPipeline, agreementDates, tierRule: mapping.tiers }, lastDate };
}

interface Helpers {
  has(e: EntityName, id: unknown): boolean;
  put(e: EntityName, id: string, data: Record<string, unknown>): void;
  missingRef(d: Draft, field: string, target: ImportEntity, value: unknown): void;
  duplicate(e: ImportEntity, d: Draft, id: string): boolean;
  seeDate(s: unknown): void;
}

/** The smaller entities: each row checked for its partner (and its other keys), defaults filled in. */
function buildMinor(byEntity: (e: ImportEntity) => Draft[], h: Helpers, currency: string): void {
  const refsOk = (d: Draft, e: ImportEntity): boolean => {
    for (const f of IMPORT_FIELDS[e]) {
      if (f.kind !== 'ref' || !f.ref) continue;
      const v = d.values[f.key];
      if (v === null || v === undefined) continue;
      if (!h.has(f.ref, v)) {
        h.missingRef(d, f.key, f.ref, v);
        return false;
      }
    }
    return !h.duplicate(e, d, d.values.id as string);
  };
  for (const e of IMPORT_ENTITIES) {
    if (e === 'user' || e === 'partner' || e === 'contact' || e === 'opportunity') continue;
    for (const d of byEntity(e)) {
      if (!refsOk(d, e)) continue;
      const v = d.values;
      const id = v.id as string;
      switch (e) {
        case 'deal_registration': {
          const submitted = v.submitted_at as string;
          h.seeDate(submitted);
          h.put(e, id, { id, partner_id: v.partner_id, customer: v.customer, amount: v.amount, currency, status: v.status ?? 'submitted', submitted_at: submitted, decided_at: v.decided_at ?? null, expires_at: v.expires_at ?? addDays(submitted, 90), matched_opportunity_id: null, opportunity_id: null });
          break;
        }
        case 'certification': {
          const earned = v.earned_at as string;
          h.put(e, id, { id, partner_id: v.partner_id, contact_id: v.contact_id, name: v.name, earned_at: earned, expires_at: v.expires_at ?? addDays(earned, 730) });
          break;
        }
        case 'mdf_allocation': {
          const start = v.period_start as string;
          const half = Number(start.slice(5, 7)) <= 6 ? 'H1' : 'H2';
          h.put(e, id, { id, partner_id: v.partner_id, period: `${start.slice(0, 4)}-${half}`, period_start: start, period_end: v.period_end ?? addDays(start, 181), amount: v.amount, currency });
          break;
        }
        case 'mdf_request':
          h.seeDate(v.submitted_at);
          h.put(e, id, { id, partner_id: v.partner_id, allocation_id: v.allocation_id, activity: v.activity, amount: v.amount, currency, status: v.status ?? 'submitted', submitted_at: v.submitted_at, claimed_amount: v.claimed_amount ?? 0, attributed_pipeline: v.attributed_pipeline ?? 0 });
          break;
        case 'psat_response':
          h.seeDate(v.responded_at);
          h.put(e, id, { id, partner_id: v.partner_id, contact_id: null, score: Math.max(0, Math.min(10, v.score as number)), comment: v.comment ?? null, responded_at: v.responded_at });
          break;
        case 'engagement_event':
          h.seeDate(v.occurred_at);
          h.put(e, id, { id, partner_id: v.partner_id, contact_id: null, kind: v.kind ?? 'portal_login', occurred_at: v.occurred_at, detail: v.detail ?? null });
          break;
      }
    }
  }
}
