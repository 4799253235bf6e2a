/**
 * A Salesforce workspace's pull mapping (`salesforce.mapping.get` / `.set`). It is kept in
 * the workspace list (registry.ts, `source.mapping`; not secret, read by the CLI without
 * opening the book, and kept when a replica is rebuilt), and handed to the connector at
 * every sync (salesforce-connector.ts); the connector's cursor carries the mapping's
 * fingerprint, so the first sync after a change fetches the whole book again. Saving it
 * for the open workspace records what the book can no longer hold (no certification or
 * PSAT object: "no data", services/source-coverage.ts) and starts that sync at once.
 */
import { DEFAULT_SALESFORCE_MAPPING, mappingKey, type SalesforceMapping } from '../../src-shared/domain/salesforce-mapping';
import type { SalesforceMappingView } from '../../src-shared/methods/salesforce-mapping';
import { fieldError, ServiceError } from '../base/errors';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';
import { writeSourceCoverage, type SourceFact } from '../services/source-coverage';
import type { WorkspaceEntry, WorkspaceRegistry, WorkspaceSource } from './registry';

type SalesforceSource = Extract<WorkspaceSource, { kind: 'salesforce' }>;

/** What a mapping leaves the book without. */
export function mappingGaps(mapping: SalesforceMapping | undefined): SourceFact[] {
  const m = mapping ?? DEFAULT_SALESFORCE_MAPPING;
  return [...(m.certification ? [] : (['certification'] as const)), ...(m.psat ? [] : (['psat_response'] as const))];
}

/** Records in the replica what a Salesforce workspace's mapping cannot bring; tells health when it changed. */
export function recordSalesforceCoverage(db: Db, src: SalesforceSource, events?: EventBus): void {
  if (writeSourceCoverage(db, { source: 'salesforce', absent: mappingGaps(src.mapping) })) events?.emit('data.changed', { entities: ['import'] });
}

export interface MappingWorkspaces {
  registry: WorkspaceRegistry;
  /** The open workspace (to record its coverage and sync it at once). */
  current(): { ws: { id: string; db: Db; events: EventBus; sync: { run(): Promise<unknown>; status(): { state: string } } } } | null;
}

function salesforceEntry(registry: WorkspaceRegistry, id: string): WorkspaceEntry & { source: SalesforceSource } {
  const entry = registry.get(id);
  if (!entry) throw fieldError('not_found', 'workspaceId', `There is no workspace '${id}'.`);
  if (entry.source.kind !== 'salesforce') throw new ServiceError('invalid_input', `'${entry.name}' does not sync from Salesforce, so it has no Salesforce mapping.`);
  return entry as WorkspaceEntry & { source: SalesforceSource };
}

function view(id: string, src: SalesforceSource): SalesforceMappingView {
  const mapping = src.mapping ?? DEFAULT_SALESFORCE_MAPPING;
  return { workspaceId: id, mapping, defaults: DEFAULT_SALESFORCE_MAPPING, isDefault: mappingKey(mapping) === mappingKey(DEFAULT_SALESFORCE_MAPPING) };
}

export function salesforceMappings(w: MappingWorkspaces) {
  return {
    get(id: string): SalesforceMappingView {
      const entry = salesforceEntry(w.registry, id);
      return view(id, entry.source);
    },

    /** Saves the mapping (null or the defaults: none of its own); a change syncs the open workspace at once. */
    set(id: string, mapping: SalesforceMapping | null): SalesforceMappingView {
      const entry = salesforceEntry(w.registry, id);
      const { mapping: before, ...rest } = entry.source;
      const isDefault = mapping === null || mappingKey(mapping) === mappingKey(DEFAULT_SALESFORCE_MAPPING);
      const source: SalesforceSource = isDefault ? rest : { ...rest, mapping: mapping };
      const changed = mappingKey(before ?? DEFAULT_SALESFORCE_MAPPING) !== mappingKey(source.mapping ?? DEFAULT_SALESFORCE_MAPPING);
      const saved = w.registry.update(id, { source });
      const open = w.current();
      if (open?.ws.id === id) {
        recordSalesforceCoverage(open.ws.db, source, open.ws.events);
        if (changed) {
          // A sync already running read the old mapping: the book is fetched again right after it.
          const sync = open.ws.sync;
          const running = sync.status().state === 'syncing';
          void sync.run().then(() => (running ? sync.run() : undefined));
        }
      }
      return view(id, saved.source as SalesforceSource);
    },
  };
}

export type SalesforceMappings = ReturnType<typeof salesforceMappings>;
