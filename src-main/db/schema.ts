/**
 * Row types of the replica's tables, for typing prepared-statement results. Entity tables mirror the entity schemas in
 * src-shared/domain/entities.ts plus the server `version`; JSON columns are text.
 */
import type {
  ActionState,
  Certification,
  Contact,
  DealRegistration,
  EngagementEvent,
  Jbp,
  JbpInitiative,
  JbpObjective,
  MdfAllocation,
  MdfRequest,
  Note,
  Opportunity,
  Partner,
  PsatResponse,
  QbrNote,
  Tier,
  User,
} from '../../src-shared/domain/entities';

type Versioned<T> = T & { version: number };

export interface SyncStateTable {
  key: string;
  value: string;
}

export interface SyncRunTable {
  id: number;
  started_at: string;
  finished_at: string | null;
  kind: 'full' | 'incremental';
  status: 'running' | 'ok' | 'error' | 'aborted';
  pulled: number;
  pushed: number;
  retries: number;
  error: string | null;
}

export interface OutboxTable {
  mutation_id: number;
  entity: string;
  record_id: string;
  op: 'upsert' | 'delete';
  base_version: number;
  fields: string;
  base: string;
  status: 'pending' | 'conflict' | 'rejected';
  error: string | null;
  created_at: string;
  attempts: number;
}

export interface ConflictTable {
  id: number;
  mutation_id: number;
  entity: string;
  record_id: string;
  field: string;
  base: string | null;
  theirs: string | null;
  mine: string | null;
  server_version: number;
  created_at: string;
  resolved_at: string | null;
  resolution: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface DB {
  user: Versioned<User>;
  tier: Versioned<Omit<Tier, 'benefits'> & { benefits: string }>;
  partner: Versioned<Partner>;
  contact: Versioned<Contact>;
  opportunity: Versioned<Opportunity>;
  deal_registration: Versioned<DealRegistration>;
  engagement_event: Versioned<EngagementEvent>;
  certification: Versioned<Certification>;
  mdf_allocation: Versioned<MdfAllocation>;
  mdf_request: Versioned<MdfRequest>;
  psat_response: Versioned<PsatResponse>;
  jbp: Versioned<Jbp>;
  jbp_objective: Versioned<JbpObjective>;
  jbp_initiative: Versioned<JbpInitiative>;
  qbr_note: Versioned<QbrNote>;
  action_state: Versioned<ActionState>;
  note: Versioned<Note>;
  sync_state: SyncStateTable;
  sync_run: SyncRunTable;
  outbox: OutboxTable;
  conflict: ConflictTable;
  setting: SettingTable;
  refetch_seen: RefetchSeenTable;
  source_key: SourceKeyTable;
  action_snapshot: ActionSnapshotTable;
  action_snapshot_run: ActionSnapshotRunTable;
  jbp_history: JbpHistoryTable;
}

/** A source's own key of a pulled record (migration 0009; sources/contract.ts SourceKey). */
export interface SourceKeyTable {
  source_key: string;
  entity: string;
  id: string;
  partner_id: string | null;
}

/** Actions that fired at each of the last two syncs (migration 0007), for the digest. */
export interface ActionSnapshotTable {
  synced_at: string;
  key: string;
  rule: string;
  partner_id: string;
  partner_name: string;
  suggestion: string;
  impact: number;
  currency: string;
}

/** The arrivals whose fired set the digest recorded, an empty set included (migration 0010). */
export interface ActionSnapshotRunTable {
  synced_at: string;
}

export interface RefetchSeenTable {
  entity: string;
  id: string;
}

/** Local change history of plans (migration 0006); JSON values are text. */
export interface JbpHistoryTable {
  id: number;
  jbp_id: string;
  revision: number;
  at: string;
  actor: string;
  action: 'create' | 'update' | 'delete' | 'signoff' | 'reopen';
  entity: 'jbp' | 'jbp_objective' | 'jbp_initiative';
  record_id: string;
  label: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  mutation_id: number | null;
}
