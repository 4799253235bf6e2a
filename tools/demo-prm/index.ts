/** The demo PRM: deterministic book generator, server-side store, protocol v1 server. */
export { createRng, hash32, type Rng } from './rng';
export {
  generateBook,
  GENERATOR_VERSION,
  idOf,
  SCALES,
  SCALE_NAMES,
  DEMO_CAM_PARTNERS,
  TRAJECTORIES,
  type BookSummary,
  type Emit,
  type GenerateOptions,
  type Scale,
  type Trajectory,
} from './generator';
export {
  PrmStore,
  StoreError,
  REFERENCES,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  type BookMeta,
  type LoggedChange,
  type PageResult,
  type Reference,
  type StoredRecord,
} from './store';
export {
  startDemoPrm,
  defaultRoutes,
  createHandler,
  createFaultyHandler,
  computeReply,
  HttpError,
  type DemoPrm,
  type DemoPrmOptions,
  type RouteContext,
  type RouteHandler,
  type RouteResult,
  type RouteTable,
} from './server';
export { demoTokens, demoUser, roleOf, type DemoRole, type DemoTokens, type DemoUser } from './auth';
export { auditOf, AuditLog, type AuditEntry } from './audit';
export { FaultInjector, NO_FAULTS, parseFaults, type FaultAction, type FaultConfig } from './faults';
export { handleMutations, ledgerOf, MutationLedger, parseMutationsRequest, MAX_MUTATIONS_PER_REQUEST } from './mutations';
