/** Small helpers the rule modules share: evidence links and the open deal stages. Money, count and date text come from src-shared (format.ts, domain/time.ts). */
import type { ActionLink, ActionLinkKind } from '../../../../src-shared/methods/actions';

export function link(kind: ActionLinkKind, id: string, label: string, partnerId: string | null): ActionLink {
  return { kind, id, label, partnerId };
}

export const OPEN_STAGES = new Set(['prospecting', 'qualification', 'proposal', 'negotiation']);
