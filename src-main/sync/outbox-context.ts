/**
 * Where a local edit sits, in the words a CAM used when making it: "Beacon Distribution
 * GmbH · Plan FY2027 · Objective" and the record's own label ("Sourced ARR"), and the names
 * behind the ids a new record refers to (partner_id P-00064 → "Beacon Distribution GmbH"),
 * so the Sync page never shows internal keys. Records created offline are read through
 * the outbox overlay, so a new plan's objective still finds its plan.
 */
import type Database from 'better-sqlite3';
import { ACTION_RULE_LABELS, type ActionRuleId } from '../../src-shared/methods/actions';
import { isEditable } from './edits';
import { readOneOverlaid } from './overlay';

type Row = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

function readRow(sqlite: Database.Database, entity: string, id: unknown): Row | null {
  if (typeof id !== 'string' || id === '') return null;
  try {
    if (isEditable(entity)) {
      const rec = readOneOverlaid(sqlite, entity, id);
      if (rec) return rec as unknown as Row;
    }
    return (sqlite.prepare(`SELECT * FROM "${entity}" WHERE id = ?`).get(id) as Row | undefined) ?? null;
  } catch {
    return null;
  }
}

/** What an id field points at, and how to name that record. */
const REFERENCES: Record<string, { entity: string; name: (r: Row) => string | null }> = {
  partner_id: { entity: 'partner', name: (r) => text(r.name) },
  jbp_id: { entity: 'jbp', name: (r) => planName(r) },
  objective_id: { entity: 'jbp_objective', name: (r) => text(r.title) },
  contact_id: { entity: 'contact', name: (r) => text(r.name) },
  owner_id: { entity: 'user', name: (r) => text(r.name) },
  user_id: { entity: 'user', name: (r) => text(r.name) },
};

function planName(plan: Row): string | null {
  const period = text(plan.period);
  return period ? `Plan ${period}` : text(plan.title);
}

/** "Registration pending" for an action key `reg_pending:DR-000093:2026-10-05`. */
export function actionName(key: string): string {
  const rule = key.split(':')[0] ?? '';
  return rule in ACTION_RULE_LABELS ? ACTION_RULE_LABELS[rule as ActionRuleId] : 'Action';
}

/**
 * The path to a record, outermost first: its partner, then its plan (for objectives and
 * initiatives), as names. `record` is the edit's fields over the stored record.
 */
export function contextOf(sqlite: Database.Database, entity: string, record: Row): string[] {
  const out: string[] = [];
  let partnerId = record.partner_id;
  let plan: Row | null = null;
  if (entity === 'jbp_objective' || entity === 'jbp_initiative') {
    plan = readRow(sqlite, 'jbp', record.jbp_id);
    partnerId = plan?.partner_id;
  }
  if (entity !== 'partner') {
    const partner = readRow(sqlite, 'partner', partnerId);
    const name = partner ? text(partner.name) : null;
    if (name) out.push(name);
  }
  if (plan) out.push(planName(plan) ?? String(record.jbp_id));
  if (entity === 'qbr_note' && text(record.quarter)) out.push(`QBR ${String(record.quarter).replace('-', ' ')}`);
  return out;
}

/** Names for the id fields among `fields` (and the record's own), by field. */
export function referenceNames(sqlite: Database.Database, records: readonly Row[]): Record<string, Record<string, string>> {
  const names: Record<string, Record<string, string>> = {};
  for (const rec of records) {
    for (const [field, value] of Object.entries(rec)) {
      const ref = REFERENCES[field];
      if (!ref || typeof value !== 'string') continue;
      const row = readRow(sqlite, ref.entity, value);
      const name = row ? ref.name(row) : null;
      if (name) (names[field] ??= {})[value] = name;
    }
  }
  return names;
}
