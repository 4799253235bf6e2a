/**
 * A Salesforce workspace's pull mapping (issue 13, "a settings screen … to change object
 * filters, record types, stage names and custom-object mappings"): which Accounts are
 * partners, which Lead record types are deal registrations, stage names and
 * OpportunityPartner roles, and the custom objects that hold certifications and PSAT
 * answers. Kept per workspace in the workspace list (not secret); a changed mapping makes
 * the next sync fetch the whole book again. Works with or without the workspace open.
 */
import { z } from 'zod';
import { salesforceMappingSchema, type SalesforceMapping } from '../domain/salesforce-mapping';
import { method } from './define';

export interface SalesforceMappingView {
  workspaceId: string;
  /** The mapping the workspace syncs with (the defaults when it has none of its own). */
  mapping: SalesforceMapping;
  /** What "Reset to defaults" brings back. */
  defaults: SalesforceMapping;
  /** The mapping is the defaults. */
  isDefault: boolean;
}

const workspaceId = z.string().min(1).max(80);

export const salesforceMappingMethods = {
  'salesforce.mapping.get': method<SalesforceMappingView>()(z.object({ workspaceId }).strict()),
  /** Saves the mapping (null: back to the defaults); the workspace, when open, syncs at once and fetches its book again. */
  'salesforce.mapping.set': method<SalesforceMappingView>()(z.object({ workspaceId, mapping: salesforceMappingSchema.nullable() }).strict()),
};
