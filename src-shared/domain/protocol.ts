/**
 * PRM sync protocol v1 wire shapes (ARCHITECTURE §5). The client validates every
 * response against these before anything touches the replica.
 */
import { z } from 'zod';

export const PROTOCOL_VERSION = 'v1';

export const changeSchema = z.discriminatedUnion('op', [
  z.strictObject({
    entity: z.string().min(1),
    id: z.string().min(1),
    version: z.number().int().min(1),
    op: z.literal('upsert'),
    data: z.record(z.string(), z.unknown()),
  }),
  z.strictObject({
    entity: z.string().min(1),
    id: z.string().min(1),
    version: z.number().int().min(1),
    op: z.literal('delete'),
  }),
]);
export type Change = z.infer<typeof changeSchema>;

export const changesPageSchema = z.object({
  cursor: z.string().min(1),
  has_more: z.boolean(),
  /** Extension: how many changes remain after this page (for progress). Optional. */
  remaining: z.number().int().min(0).optional(),
  changes: z.array(z.unknown()),
});
export type ChangesPage = z.infer<typeof changesPageSchema>;

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Served at GET /v1/info so a client can tell a PRM from any other HTTP server. */
export const infoSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  name: z.string(),
  as_of: z.string(),
  /**
   * Extension: the entities this server accepts mutations for. Absent: the client-editable
   * entities of the domain model (plans, objectives, initiatives, QBR notes, action states,
   * notes). Empty: the server is read-only.
   */
  writable: z.array(z.string()).optional(),
});
export type PrmInfo = z.infer<typeof infoSchema>;

/** Roles a source may report for the signed-in person. */
export const SIGNED_IN_ROLES = ['cam', 'manager', 'admin'] as const;

/**
 * Served at GET /v1/me: who the bearer token belongs to. `id` is the `user` record the
 * person is in the book (owner of partners; a manager's team are the users whose
 * `manager_id` is this id); an admin may have no user record (`id` null).
 */
export const meSchema = z.object({
  user: z.object({
    id: z.string().min(1).nullable(),
    name: z.string().min(1),
    email: z.string().nullable().optional(),
    role: z.enum(SIGNED_IN_ROLES),
  }),
});
export type PrmMe = z.infer<typeof meSchema>;

export const mutationSchema = z.strictObject({
  mutation_id: z.number().int().min(1),
  entity: z.string().min(1),
  id: z.string().min(1),
  op: z.enum(['upsert', 'delete']),
  /** The server version the edit was made on; 0 for a record the client creates. */
  base_version: z.number().int().min(0),
  fields: z.record(z.string(), z.unknown()),
  base: z.record(z.string(), z.unknown()),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const mutationsRequestSchema = z.strictObject({
  client_id: z.string().min(1),
  mutations: z.array(mutationSchema),
});
export type MutationsRequest = z.infer<typeof mutationsRequestSchema>;

export const mutationResultSchema = z.discriminatedUnion('status', [
  z.object({
    mutation_id: z.number().int(),
    status: z.literal('applied'),
    version: z.number().int(),
    record: z.record(z.string(), z.unknown()).nullable(),
    /** Fields the server merged from its side (changed only there). */
    merged: z.array(z.string()).optional(),
  }),
  z.object({
    mutation_id: z.number().int(),
    status: z.literal('conflict'),
    version: z.number().int(),
    record: z.record(z.string(), z.unknown()),
    fields: z.array(z.string()),
  }),
  z.object({
    mutation_id: z.number().int(),
    status: z.literal('rejected'),
    code: z.enum(['validation', 'read_only', 'not_found']),
    message: z.string(),
    field: z.string().optional(),
  }),
]);
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const mutationsResponseSchema = z.object({
  results: z.array(mutationResultSchema),
});
