/**
 * What the Sync page knows about the fields of client-editable records: readable names,
 * the kind of value (for display and for typed inputs), and validation of a typed value
 * against the entity's own schema, so a resolved or re-edited value is checked before it
 * is queued.
 */
import { issueSentence } from '../../../src-shared/input-messages';
import type { z } from 'zod';
import { ENTITIES, type EntityName, type JbpObjective } from '../../../src-shared/domain/entities';
import { METRICS } from '../../../src-shared/domain/plans';
import type { MoneyFormat } from '../../../src-shared/format';
import { formatDate, formatDateTime, humanize } from '../../lib/format';

const ENTITY_LABELS: Record<string, string> = {
  jbp: 'Plan',
  jbp_objective: 'Plan objective',
  jbp_initiative: 'Plan initiative',
  qbr_note: 'QBR note',
  action_state: 'Action',
  note: 'Note',
};

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? humanize(entity);
}

const FIELD_LABELS: Record<string, string> = {
  mdf_investment: 'MDF investment',
  due_quarter: 'Due quarter',
  custom_actual: 'Actual (custom)',
  sort_order: 'Order',
  owner_side: 'Owner side',
  objective_id: 'Linked objective',
  jbp_id: 'Plan',
  partner_id: 'Partner',
  snooze_until: 'Snoozed until',
  commitment_status: 'Commitment',
  vendor_signoff_name: 'Vendor sign-off',
  vendor_signoff_at: 'Vendor signed on',
  partner_signoff_name: 'Partner sign-off',
  partner_signoff_at: 'Partner signed on',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? humanize(field);
}

/** Integer minor-unit money fields (the currency is in the record's `currency`). */
const MONEY_FIELDS = new Set(['mdf_investment']);

export type FieldKind =
  | { kind: 'money'; nullable: boolean }
  /** Stored 0..1, shown and typed as a percentage. */
  | { kind: 'ratio'; nullable: boolean }
  | { kind: 'number'; integer: boolean; nullable: boolean }
  | { kind: 'date'; nullable: boolean }
  | { kind: 'instant'; nullable: boolean }
  | { kind: 'enum'; options: string[]; nullable: boolean }
  | { kind: 'text'; long: boolean; nullable: boolean }
  | { kind: 'unknown'; nullable: boolean };

const LONG_TEXT = new Set(['summary', 'notes', 'body', 'reason', 'comment']);

interface Introspectable {
  def: { type: string; checks?: { _zod: { def: { format?: string; pattern?: RegExp } } }[] };
  unwrap?: () => Introspectable;
  options?: readonly string[];
  format?: string | null;
}

function fieldSchema(entity: string, field: string): z.ZodType | null {
  if (!(entity in ENTITIES)) return null;
  const shape = ENTITIES[entity as EntityName].schema.shape as Record<string, z.ZodType>;
  return shape[field] ?? null;
}

type JbpMetric = JbpObjective['metric'];
const OBJECTIVE_VALUES = new Set(['baseline', 'target', 'custom_actual']);

/**
 * The kind of value a field holds, read from the entity schema (falls back to the value).
 * `record` gives context: an objective's baseline and target are money for a money metric.
 */
export function fieldKind(entity: string, field: string, sample?: unknown, record?: Record<string, unknown> | null): FieldKind {
  if (entity === 'jbp_objective' && OBJECTIVE_VALUES.has(field) && typeof record?.metric === 'string') {
    const info = METRICS[record.metric as JbpMetric] as (typeof METRICS)[JbpMetric] | undefined;
    const nullable = field === 'custom_actual';
    if (info?.kind === 'money') return { kind: 'money', nullable };
    if (info?.kind === 'ratio') return { kind: 'ratio', nullable };
  }
  const schema = fieldSchema(entity, field) as unknown as Introspectable | null;
  if (!schema) {
    const nullable = true;
    if (typeof sample === 'number') return { kind: 'number', integer: Number.isInteger(sample), nullable };
    if (typeof sample === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(sample)) return { kind: 'date', nullable };
    if (typeof sample === 'string') return { kind: 'text', long: sample.length > 80, nullable };
    return { kind: 'unknown', nullable };
  }
  let s = schema;
  let nullable = false;
  while ((s.def.type === 'nullable' || s.def.type === 'optional') && s.unwrap) {
    nullable = true;
    s = s.unwrap();
  }
  if (MONEY_FIELDS.has(field)) return { kind: 'money', nullable };
  switch (s.def.type) {
    case 'number':
      return { kind: 'number', integer: s.format === 'safeint' || s.format === 'int32', nullable };
    case 'enum':
      return { kind: 'enum', options: [...(s.options ?? [])], nullable };
    case 'string': {
      const pattern = s.def.checks?.map((c) => c._zod.def.pattern).find((p): p is RegExp => p instanceof RegExp);
      if (pattern?.source === '^\\d{4}-\\d{2}-\\d{2}$') return { kind: 'date', nullable };
      if (pattern?.source.startsWith('^\\d{4}-\\d{2}-\\d{2}T')) return { kind: 'instant', nullable };
      return { kind: 'text', long: LONG_TEXT.has(field), nullable };
    }
    default:
      return { kind: 'unknown', nullable };
  }
}

/** Checks a value against the field's schema; the message names the problem, or null if fine. */
export function validateFieldValue(entity: string, field: string, value: unknown): string | null {
  const schema = fieldSchema(entity, field);
  if (!schema) return null;
  const r = schema.safeParse(value);
  const first = r.error?.issues[0];
  return first ? issueSentence({ ...first, path: [field, ...first.path] }) : null;
}

/** A value as a CAM reads it: money, dates, enum labels; null as an em dash. */
export function formatValue(
  money: MoneyFormat,
  entity: string,
  field: string,
  value: unknown,
  currency = 'USD',
  record?: Record<string, unknown> | null,
): string {
  if (value === null || value === undefined || value === '') return '—';
  const k = fieldKind(entity, field, value, record);
  if (k.kind === 'money' && typeof value === 'number') return money.full(value, currency);
  if (k.kind === 'ratio' && typeof value === 'number') return `${Math.round(value * 1000) / 10}%`;
  if (k.kind === 'date' && typeof value === 'string') return formatDate(value);
  if (k.kind === 'instant' && typeof value === 'string') return formatDateTime(value);
  if (k.kind === 'enum' && typeof value === 'string') return humanize(value);
  if (typeof value === 'number') return new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 }).format(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The record's currency, for money fields: from the edit, its base, or USD. */
export function currencyOf(...sources: Record<string, unknown>[]): string {
  for (const s of sources) if (typeof s.currency === 'string') return s.currency;
  return 'USD';
}
