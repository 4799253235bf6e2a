/**
 * Partnerbook's client-editable entities as the Partnerbook package's custom objects:
 * resources/salesforce/mapping.json as code (the writes test checks the two agree), and
 * the value conversions both ways. Plans, notes and action states point at partners by
 * Account Id; objectives and initiatives at their plan (and objective) by the parent's
 * `Partnerbook_Id__c`, resolved to the parent's Salesforce Id by the writer.
 */
import { ENTITIES, type EditableEntityName } from '../../../src-shared/domain/entities';
import type { SfRow } from './records';

export const EXTERNAL_ID = 'Partnerbook_Id__c';
export const EDITED_BY = 'Edited_By__c';
export const PLAN_OBJECT = 'Partnerbook_Plan__c';

export type FieldKind =
  | 'external_id'
  | 'text'
  | 'picklist'
  | 'integer'
  | 'number'
  | 'date'
  | 'datetime'
  /** A lookup written and read as a Salesforce Id (partners are Accounts). */
  | 'ref_id'
  /** A lookup to another Partnerbook object, known to Partnerbook by its Partnerbook_Id__c. */
  | 'ref_ext'
  | 'money_minor'
  /** Set by Salesforce; read only. */
  | 'system';

export interface FieldSpec {
  field: string;
  kind: FieldKind;
  nullable: boolean;
  /** Written when the record is created, never changed after (a master-detail parent, the creation time). */
  createOnly?: boolean;
  /** Read from this field when the mapped one is empty (records created in Salesforce). */
  fallback?: string;
  /** ref_ext: the parent object. */
  parent?: string;
  /** money_minor: the entity field holding the currency code. */
  currency?: string;
}

export interface EntitySpec {
  object: string;
  fields: Record<string, FieldSpec>;
  /** Values set on every create (the note kind of a free note). */
  set: Record<string, string>;
  /** Edited_By__c gets the signed-in person's name on every write. */
  editedBy: boolean;
}

const f = (field: string, kind: FieldKind, nullable = false, extra: Partial<FieldSpec> = {}): FieldSpec => ({ field, kind, nullable, ...extra });
const ID = f(EXTERNAL_ID, 'external_id');
const UPDATED = f('LastModifiedDate', 'system');
const PARTNER = f('Partner__c', 'ref_id');
const CREATED = f('Created_At__c', 'datetime', false, { fallback: 'CreatedDate', createOnly: true });
const PLAN = f('Plan__c', 'ref_ext', false, { parent: PLAN_OBJECT, createOnly: true });

export const WRITE_MAP: Record<EditableEntityName, EntitySpec> = {
  jbp: {
    object: PLAN_OBJECT,
    set: {},
    editedBy: true,
    fields: {
      id: ID,
      partner_id: PARTNER,
      period: f('Period__c', 'text'),
      title: f('Title__c', 'text'),
      status: f('Status__c', 'picklist'),
      revision: f('Revision__c', 'integer'),
      summary: f('Summary__c', 'text'),
      vendor_signoff_name: f('Vendor_Signoff_Name__c', 'text', true),
      vendor_signoff_at: f('Vendor_Signoff_At__c', 'date', true),
      partner_signoff_name: f('Partner_Signoff_Name__c', 'text', true),
      partner_signoff_at: f('Partner_Signoff_At__c', 'date', true),
      created_at: CREATED,
      updated_at: UPDATED,
    },
  },
  jbp_objective: {
    object: 'Partnerbook_Objective__c',
    set: {},
    editedBy: false,
    fields: {
      id: ID,
      jbp_id: PLAN,
      title: f('Title__c', 'text'),
      metric: f('Metric__c', 'picklist'),
      unit: f('Unit__c', 'text', true),
      baseline: f('Baseline__c', 'number'),
      target: f('Target__c', 'number'),
      due_quarter: f('Due_Quarter__c', 'text'),
      weight: f('Weight__c', 'integer'),
      custom_actual: f('Custom_Actual__c', 'number', true),
      sort_order: f('Sort_Order__c', 'integer'),
    },
  },
  jbp_initiative: {
    object: 'Partnerbook_Initiative__c',
    set: {},
    editedBy: false,
    fields: {
      id: ID,
      jbp_id: PLAN,
      objective_id: f('Objective__c', 'ref_ext', true, { parent: 'Partnerbook_Objective__c' }),
      title: f('Title__c', 'text'),
      owner_side: f('Owner_Side__c', 'picklist'),
      owner_name: f('Owner_Name__c', 'text'),
      due_date: f('Due_Date__c', 'date'),
      status: f('Status__c', 'picklist'),
      mdf_investment: f('MDF_Investment__c', 'money_minor', false, { currency: 'currency' }),
      currency: f('Currency_Code__c', 'text'),
      notes: f('Notes__c', 'text'),
      source: f('Source__c', 'text', true),
    },
  },
  qbr_note: {
    object: 'Partnerbook_Note__c',
    set: {},
    // author is Edited_By__c itself: the writer sets it to whoever is signed in.
    editedBy: true,
    fields: {
      id: ID,
      partner_id: PARTNER,
      quarter: f('Quarter__c', 'text'),
      section: f('Section__c', 'text'),
      kind: f('Kind__c', 'picklist'),
      body: f('Body__c', 'text'),
      commitment_status: f('Commitment_Status__c', 'picklist', true),
      updated_at: UPDATED,
      author: f(EDITED_BY, 'text', true),
    },
  },
  action_state: {
    object: 'Partnerbook_Action_State__c',
    set: {},
    editedBy: true,
    fields: {
      id: ID,
      partner_id: PARTNER,
      state: f('State__c', 'picklist'),
      snooze_until: f('Until__c', 'date', true),
      reason: f('Reason__c', 'text', true),
      updated_at: UPDATED,
    },
  },
  note: {
    object: 'Partnerbook_Note__c',
    set: { Kind__c: 'note' },
    editedBy: true,
    fields: {
      id: ID,
      partner_id: PARTNER,
      body: f('Body__c', 'text'),
      created_at: CREATED,
      updated_at: UPDATED,
    },
  },
};

/** Entity fields the writer never sends: the id travels in the URL, system fields are Salesforce's, the author is set by the writer. */
export function isWritten(entity: EditableEntityName, field: string): boolean {
  const spec = WRITE_MAP[entity].fields[field];
  return spec !== undefined && spec.kind !== 'system' && spec.kind !== 'external_id' && !(entity === 'qbr_note' && field === 'author');
}

/** Every Salesforce field the writer reads of an object (all entities stored there). */
export function readFields(object: string): string[] {
  const out = new Set(['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp', EXTERNAL_ID]);
  for (const spec of Object.values(WRITE_MAP)) {
    if (spec.object !== object) continue;
    for (const fs of Object.values(spec.fields)) out.add(fs.field);
    for (const k of Object.keys(spec.set)) out.add(k);
    if (spec.editedBy) out.add(EDITED_BY);
  }
  return [...out];
}

/** Decimal places of a currency (ISO 4217): USD 2, JPY 0, KWD 3. */
export function currencyExponent(code: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Salesforce's 2026-01-31T09:00:00.000+0000 as Partnerbook's 2026-01-31T09:00:00Z. */
function instant(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const ms = Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.000Z$/, 'Z') : null;
}

/** Whether `value` is acceptable for `field` of `entity` (the entity schema's rule for that field). */
export function checkValue(entity: EditableEntityName, field: string, value: unknown): string | null {
  const shape = (ENTITIES[entity].schema as unknown as { shape: Record<string, { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }> }).shape;
  const rule = shape[field];
  if (!rule) return `${entity} has no field '${field}'`;
  const r = rule.safeParse(value);
  return r.success ? null : (r.error?.issues[0]?.message ?? 'invalid value');
}

/** Resolves parents while a body is built: the Salesforce Id (or a composite reference) of a Partnerbook id, or null. */
export type ParentRef = (object: string, externalId: string) => string | null;

export class MissingParent extends Error {
  constructor(readonly field: string) {
    super(field);
  }
}

/**
 * The Salesforce body of `fields`. `create`: also the create-only fields and the fixed
 * values (Kind__c of a free note). `currency`: the record's currency when `fields` has none.
 */
export function toSalesforce(
  entity: EditableEntityName,
  fields: Record<string, unknown>,
  opts: { create: boolean; parent: ParentRef; currency: string | null; editor: string | null },
): Record<string, unknown> {
  const spec = WRITE_MAP[entity];
  const body: Record<string, unknown> = opts.create ? { ...spec.set } : {};
  for (const [name, value] of Object.entries(fields)) {
    const fs = spec.fields[name];
    if (!fs || !isWritten(entity, name) || (fs.createOnly && !opts.create)) continue;
    switch (fs.kind) {
      case 'ref_ext': {
        if (value === null) body[fs.field] = null;
        else {
          const ref = opts.parent(fs.parent!, String(value));
          if (ref === null) throw new MissingParent(name);
          body[fs.field] = ref;
        }
        break;
      }
      case 'money_minor': {
        const code = typeof fields[fs.currency!] === 'string' ? String(fields[fs.currency!]) : (opts.currency ?? 'USD');
        body[fs.field] = typeof value === 'number' ? value / 10 ** currencyExponent(code) : value;
        break;
      }
      case 'text':
        body[fs.field] = value === '' ? null : value;
        break;
      default:
        body[fs.field] = value;
    }
  }
  if (spec.editedBy && opts.editor) body[EDITED_BY] = opts.editor;
  return body;
}

/**
 * A Salesforce row as the entity's protocol record. `extId` gives the Partnerbook id of a
 * parent's Salesforce Id (null when unknown).
 */
export function fromSalesforce(entity: EditableEntityName, row: SfRow, extId: (object: string, sfId: string) => string | null): Record<string, unknown> {
  const spec = WRITE_MAP[entity];
  const out: Record<string, unknown> = {};
  for (const [name, fs] of Object.entries(spec.fields)) {
    let v: unknown = row[fs.field];
    if ((v === null || v === undefined) && fs.fallback) v = row[fs.fallback];
    switch (fs.kind) {
      case 'external_id':
        out[name] = String(row[EXTERNAL_ID] ?? '');
        break;
      case 'ref_ext':
        out[name] = typeof v === 'string' ? extId(fs.parent!, v) : null;
        break;
      case 'money_minor': {
        const code = typeof row[spec.fields[fs.currency!]!.field] === 'string' ? String(row[spec.fields[fs.currency!]!.field]) : 'USD';
        out[name] = typeof v === 'number' ? Math.round(v * 10 ** currencyExponent(code)) : 0;
        break;
      }
      case 'integer':
        out[name] = typeof v === 'number' ? Math.round(v) : fs.nullable ? null : 0;
        break;
      case 'number':
        out[name] = typeof v === 'number' ? v : fs.nullable ? null : 0;
        break;
      case 'datetime':
      case 'system':
        out[name] = instant(v);
        break;
      case 'date':
        out[name] = typeof v === 'string' ? v.slice(0, 10) : null;
        break;
      default:
        out[name] = typeof v === 'string' && v !== '' ? v : fs.nullable ? null : '';
    }
  }
  return out;
}

/** Whether two values of an entity field are the same as Salesforce keeps them. */
export function sameValue(entity: EditableEntityName, field: string, a: unknown, b: unknown): boolean {
  const fs = WRITE_MAP[entity].fields[field];
  const blank = (v: unknown) => v === undefined || v === null || v === '';
  if (blank(a) && blank(b)) return true;
  if (blank(a) || blank(b)) return false;
  switch (fs?.kind) {
    case 'number':
      return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 0.00005;
    case 'datetime':
    case 'system':
      return Math.floor(Date.parse(String(a)) / 1000) === Math.floor(Date.parse(String(b)) / 1000);
    default:
      return JSON.stringify(a) === JSON.stringify(b);
  }
}
