/** The signed-in roles and their words, without the schemas (identity.ts re-exports them). Kept free of zod so the renderer's start-up bundle does not carry the schema library (issue 17). */
export type SignedInRole = 'cam' | 'manager' | 'admin';
export const SIGNED_IN_ROLE_LABELS: Record<SignedInRole, string> = { cam: 'CAM', manager: 'manager', admin: 'admin' };
