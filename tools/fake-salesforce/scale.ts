/**
 * A scaled copy of the fake org's book, for benchmarks: `scaleOrg(org, copies)` adds
 * `copies - 1` deterministic copies of every partner record already in the org — partner
 * Accounts, their Opportunities, Contacts, partner Users (UserType PowerPartner) and their
 * LoginHistory, OpportunityPartner rows, Leads, ChannelProgramMembers and the MDF
 * allocations, requests and claims — each copy with ids of its own (copy k of
 * `001000000000042AAA` is `001 + (k·10⁷ + 42)`) and its references to copied records
 * pointing into the same copy. Internal users, the channel program and its levels, record
 * types and marketing budgets stay single: every copy shares them. Rows keep their audit
 * dates, so a copy is the same book again, not new activity.
 *
 * Copies are inserted straight into the org one at a time (only the id map of one copy is
 * held besides the org itself).
 */
import { sfId } from './ids';
import type { FakeOrg, Row } from './store';

/** Objects never copied: shared by every copy. */
const SHARED = new Set(['ChannelProgram', 'ChannelProgramLevel', 'RecordType', 'PartnerMarketingBudget']);
const STRIDE = 10_000_000;

function copyable(object: string, row: Row): boolean {
  if (SHARED.has(object)) return false;
  if (object === 'User') return row.UserType === 'PowerPartner';
  return true;
}

/** The id of copy `k` of a seed id (`prefix` + 12 digits). */
function copyId(id: string, k: number): string {
  const n = Number(id.slice(3, 15));
  if (!Number.isInteger(n) || n >= STRIDE) throw new RangeError(`cannot scale the id ${id}: its number is not below ${STRIDE}`);
  return sfId(id.slice(0, 3), k * STRIDE + n);
}

/** Adds copies 1 … copies-1 of the org's partner records; returns how many records the org then holds. */
export function scaleOrg(org: FakeOrg, copies: number): number {
  if (!Number.isInteger(copies) || copies < 1) throw new RangeError('copies must be a whole number ≥ 1');
  // The base rows to copy, per object in schema order (parents first), taken before any copy exists.
  const base = org.schema.objects.map((def) => ({ def, rows: [...org.rows(def)].filter((r) => copyable(def.name, r)) }));
  for (let k = 1; k < copies; k++) {
    const ids = new Map<string, string>();
    for (const { rows } of base) for (const r of rows) ids.set(String(r.Id), copyId(String(r.Id), k));
    for (const { def, rows } of base) {
      for (const r of rows) {
        const copy: Row = {};
        for (const [field, value] of Object.entries(r)) copy[field] = typeof value === 'string' ? (ids.get(value) ?? value) : value;
        if (typeof copy.Username === 'string') copy.Username = `${copy.Username}.copy${k}`;
        if (typeof copy.Name === 'string' && def.name === 'Account') copy.Name = `${copy.Name} (${k + 1})`;
        org.insert(def, copy, String(r.CreatedById ?? r.OwnerId ?? ''));
      }
    }
  }
  return org.schema.objects.reduce((n, def) => n + org.count(def), 0);
}
