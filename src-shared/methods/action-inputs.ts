// Without the schemas (actions.ts re-exports it). Kept free of zod so the renderer's start-up bundle does not carry the schema library (issue 17).
/** Entities whose changes can change the actions (for refreshing views). */
export const ACTION_INPUT_ENTITIES = [
  'action_state',
  'partner',
  'tier',
  'user',
  'contact',
  'opportunity',
  'deal_registration',
  'engagement_event',
  'certification',
  'mdf_allocation',
  'mdf_request',
  'psat_response',
  'jbp',
  'jbp_objective',
  'qbr_note',
  'setting',
] as const;
