/**
 * Who is calling the demo PRM: each bearer token belongs to one of its users. The CAM
 * token (`--token T`) signs in as the demo CAM — the first CAM of the book, who owns its
 * biggest portfolio; `T.manager` as that CAM's manager; `T.admin` as a PRM administrator
 * who has no user record in the book. `GET /v1/me` answers with that person, and every
 * mutation is recorded under their name (audit.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import type { PrmMe } from '../../src-shared/domain/protocol';
import type { PrmStore } from './store';

export type DemoRole = PrmMe['user']['role'];
export type DemoUser = PrmMe['user'];

export interface DemoTokens {
  cam: string;
  manager: string;
  admin: string;
}

/** The three tokens of a demo PRM, derived from the CAM's token. */
export function demoTokens(camToken: string): DemoTokens {
  return { cam: camToken, manager: `${camToken}.manager`, admin: `${camToken}.admin` };
}

const ADMIN: DemoUser = { id: null, name: 'PRM Administrator', email: 'prm-admin@vendor.example', role: 'admin' };

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: 'cam' | 'manager';
  manager_id: string | null;
}

/** The person behind each role in this store's book (looked up per request: an admin edit may rename them). */
export function demoUser(store: PrmStore, role: DemoRole): DemoUser {
  if (role === 'admin') return ADMIN;
  const users = store.dump('user').map((r) => r.data as UserRow);
  const cam = users.find((u) => u.role === 'cam') ?? null;
  const person =
    role === 'cam'
      ? cam
      : (users.find((u) => u.role === 'manager' && u.id === cam?.manager_id) ?? users.find((u) => u.role === 'manager') ?? null);
  if (!person) return { ...ADMIN, name: role === 'cam' ? 'Demo CAM' : 'Demo manager', role };
  return { id: person.id, name: person.name, email: person.email, role };
}

function same(given: Buffer, want: string): boolean {
  const w = Buffer.from(want);
  return given.length === w.length && timingSafeEqual(given, w);
}

/** The role a request's `Authorization` header signs in as, or null when it matches no token. */
export function roleOf(header: string | undefined, tokens: DemoTokens): DemoRole | null {
  if (!header?.startsWith('Bearer ')) return null;
  const given = Buffer.from(header.slice(7));
  // Compare against every token so the time taken does not say which one nearly matched.
  const matches = (Object.keys(tokens) as DemoRole[]).filter((role) => same(given, tokens[role]));
  return matches[0] ?? null;
}
