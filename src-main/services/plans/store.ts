/**
 * The one write path of plans: the edits go to the outbox (queueEdits) and their history
 * rows to `jbp_history`, in one durable transaction — an edit never exists without its
 * history, nor history without its edit. Also the lock rule and who the actor is.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { ServiceError } from '../../base/errors';
import { readSetting, writeSetting } from '../../settings';
import { signedInName } from '../identity';
import { durableTransaction, queueEdits, type EditInput, type QueuedEdit } from '../../sync/edits';
import { readOneOverlaid, type Overlaid } from '../../sync/overlay';
import { isSigned, lockedMessage } from '../../../src-shared/domain/rules';
import type { Clock } from '../../base/clock';

export type PlanEntity = 'jbp' | 'jbp_objective' | 'jbp_initiative';
export type HistoryAction = 'create' | 'update' | 'delete' | 'signoff' | 'reopen';

export interface PlanEdit {
  entity: PlanEntity;
  id: string;
  op: 'upsert' | 'delete';
  fields?: Record<string, unknown>;
  /** How history names the change; default create/update/delete from the op. */
  action?: HistoryAction;
}

const ACTOR_SETTING = 'plans.actor';
const actorSchema = z.object({ name: z.string().min(1) });

/** Loads a plan (overlaid) or fails with not_found. */
export function loadPlan(sqlite: Database.Database, planId: string): Overlaid<'jbp'> {
  const plan = readOneOverlaid(sqlite, 'jbp', planId);
  if (!plan) throw new ServiceError('not_found', `No plan with id '${planId}' in this book.`);
  return plan;
}

/** A signed plan is locked (the plan rules): refuse the edit with a message that says how to change it. */
export function assertEditable(plan: Overlaid<'jbp'>): void {
  if (isSigned(plan)) throw new ServiceError('locked', lockedMessage(plan));
}

/**
 * The name history and sign-offs record: the person signed in to the source; only when
 * nobody is known, the "your name" setting, else the partner's owner (the CAM).
 */
export function actorName(db: Db, partnerId?: string): { name: string; fromSetting: boolean } {
  const signedIn = signedInName(db);
  if (signedIn) return { name: signedIn, fromSetting: false };
  const set = readSetting(db, ACTOR_SETTING, actorSchema);
  if (set) return { name: set.name, fromSetting: true };
  if (partnerId) {
    const row = db.sqlite
      .prepare('SELECT u.name FROM partner p JOIN user u ON u.id = p.owner_id WHERE p.id = ?')
      .get(partnerId) as { name: string } | undefined;
    if (row) return { name: row.name, fromSetting: false };
  }
  return { name: 'You', fromSetting: false };
}

/** Who is editing, for records that keep their author (QBR notes): the signed-in person, else the "your name" setting, else null. */
export function editorName(db: Db): string | null {
  return signedInName(db) ?? readSetting(db, ACTOR_SETTING, actorSchema)?.name ?? null;
}

export function setActorName(db: Db, name: string): { name: string } {
  const trimmed = name.trim();
  if (!trimmed) {
    db.sqlite.prepare('DELETE FROM setting WHERE key = ?').run(ACTOR_SETTING);
    return { name: '' };
  }
  writeSetting(db, ACTOR_SETTING, { name: trimmed });
  return { name: trimmed };
}

function labelOf(rec: Record<string, unknown> | null | undefined, fallback: string): string {
  const t = rec?.title;
  return typeof t === 'string' && t ? t : fallback;
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/**
 * Queues `edits` of plan `plan` and records their history, atomically. Returns the
 * queue results in input order. History rows: one per changed field of an update, one
 * per create (new value = the record) and delete (old value = the record).
 */
export function writePlanEdits(
  db: Db,
  clock: Clock,
  plan: { id: string; revision: number; partner_id: string },
  edits: PlanEdit[],
  opts: { content?: boolean } = {},
): QueuedEdit[] {
  const sqlite = db.sqlite;
  if (opts.content ?? true) edits = [...edits, ...signatureReset(sqlite, plan.id)];
  const actor = actorName(db, plan.partner_id).name;
  const insert = sqlite.prepare(
    `INSERT INTO jbp_history (jbp_id, revision, at, actor, action, entity, record_id, label, field, old_value, new_value, mutation_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return durableTransaction(sqlite, () => {
    const before = edits.map((e) => readOneOverlaid(sqlite, e.entity, e.id) as Record<string, unknown> | null);
    const results = queueEdits(
      sqlite,
      clock,
      edits.map<EditInput>((e) => ({
        entity: e.entity,
        id: e.id,
        op: e.op,
        ...(e.fields ? { fields: e.fields } : {}),
        // sign-off, reopen and the signature reset may change the sign-off fields; nothing else may
        intent: e.action === 'signoff' || e.action === 'reopen' ? 'lifecycle' : 'edit',
      })),
    );
    const at = clock.now();
    edits.forEach((e, i) => {
      const res = results[i]!;
      if (!res.changed) return;
      const prev = before[i];
      const after = e.op === 'delete' ? null : (readOneOverlaid(sqlite, e.entity, e.id) as Record<string, unknown> | null);
      const label = labelOf(after ?? prev, e.entity === 'jbp' ? 'Plan' : e.id);
      const revision = e.entity === 'jbp' && typeof after?.revision === 'number' ? after.revision : plan.revision;
      const row = (action: HistoryAction, field: string | null, oldV: unknown, newV: unknown) =>
        insert.run(plan.id, revision, at, actor, action, e.entity, e.id, label, field, json(oldV), json(newV), res.mutation_id || null);
      if (e.op === 'delete') {
        row(e.action ?? 'delete', null, strip(prev), null);
      } else if (!prev) {
        row(e.action ?? 'create', null, null, strip(after));
      } else {
        for (const [field, value] of Object.entries(e.fields ?? {})) {
          if (JSON.stringify(prev[field] ?? null) === JSON.stringify(value ?? null)) continue;
          row(e.action ?? 'update', field, prev[field] ?? null, value ?? null);
        }
      }
    });
    return results;
  });
}

/**
 * A content change to a plan one side has already signed voids that signature: the other
 * side would otherwise sign something the first never saw.
 */
function signatureReset(sqlite: Database.Database, planId: string): PlanEdit[] {
  const plan = readOneOverlaid(sqlite, 'jbp', planId);
  if (!plan || plan.status === 'signed') return [];
  if (!plan.vendor_signoff_name && !plan.partner_signoff_name && !plan.vendor_signoff_at && !plan.partner_signoff_at) return [];
  return [
    {
      entity: 'jbp',
      id: planId,
      op: 'upsert',
      action: 'signoff',
      fields: { vendor_signoff_name: null, vendor_signoff_at: null, partner_signoff_name: null, partner_signoff_at: null },
    },
  ];
}

function strip(rec: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!rec) return null;
  const { version: _v, pending_fields: _p, conflict_fields: _c, ...rest } = rec;
  return rest;
}
