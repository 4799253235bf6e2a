/**
 * Who is working, and which partners are "my book". The source says who is signed in
 * (at every sync); the user confirms it once. Every workspace-wide view opens on my book
 * — the partners I own, or for a manager their team's — with the whole org one click
 * away; the choice is remembered per replica, so the UI and the CLI agree.
 */
import { z } from 'zod';
import { method } from './define';
import type { SignedInRole } from './identity-labels';

export const BOOK_SCOPES = ['mine', 'all'] as const;
export type BookScope = (typeof BOOK_SCOPES)[number];
export const bookScopeSchema = z.enum(BOOK_SCOPES);

export { SIGNED_IN_ROLE_LABELS } from './identity-labels';
export type { SignedInRole } from './identity-labels';

export interface SignedInUser {
  /** Their `user` record in the book; null for someone who owns no partners (an admin). */
  id: string | null;
  name: string;
  email: string | null;
  role: SignedInRole;
}

/**
 * - `unknown`: no sync yet, or the source cannot say who is signed in;
 * - `unconfirmed`: the source named someone the user has not confirmed (or someone else than before);
 * - `confirmed`: the user said "that's me";
 * - `rejected`: the user said "not me" — the credentials belong to someone else.
 */
export type IdentityStatus = 'unknown' | 'unconfirmed' | 'confirmed' | 'rejected';

export interface IdentityView {
  /** The source's own name ("Partnerbook demo PRM"); null before the first sync. */
  source: string | null;
  user: SignedInUser | null;
  status: IdentityStatus;
  /**
   * What "my book" covers for this person: their own partners, their team's, or (admin,
   * unknown) everyone. `partners` counts the live ones, as the views show them by default;
   * `churned` the churned ones they also own (shown only when asked for).
   */
  book: { kind: 'own' | 'team' | 'everyone'; ownerIds: string[]; partners: number; churned: number };
  /** The scope views open on (the remembered choice, else "mine" once confirmed). */
  scope: BookScope;
}

export interface ScopeView {
  scope: BookScope;
  /** False while the scope is the default (never chosen). */
  remembered: boolean;
  /** Whether "my book" differs from everyone (false with no identity, or for an admin). */
  scoped: boolean;
}

export const identityMethods = {
  'identity.get': method<IdentityView>()(z.object({}).strict()),
  /** "Yes, that's me": remembers the person the source reported. */
  'identity.confirm': method<IdentityView>()(z.object({}).strict()),
  /** "Not me": views show everyone (nobody's book is taken for mine) until the user signs in again. */
  'identity.reject': method<IdentityView>()(z.object({}).strict()),
  'scope.get': method<ScopeView>()(z.object({}).strict()),
  'scope.set': method<ScopeView>()(z.object({ scope: bookScopeSchema }).strict()),
};
