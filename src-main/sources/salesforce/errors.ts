/**
 * Salesforce's failures as the source contract's `SourceError`s, so sync reacts the way it
 * does for any source: sign in again, back off, stop and say when, or give up with one
 * sentence. Codes per "Status Codes and Error Responses" (REST API Developer Guide) and the
 * API limits page: INVALID_SESSION_ID, REQUEST_LIMIT_EXCEEDED, UNABLE_TO_LOCK_ROW,
 * SERVER_UNAVAILABLE, INVALID_TYPE / INVALID_FIELD (object not licensed, field hidden).
 */
import { SourceError } from '../contract';

/** A Salesforce object the org does not let this user read: that entity is "not available in your org". */
export const NOT_AVAILABLE_CODES = new Set(['INVALID_TYPE', 'INVALID_FIELD', 'INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY']);

/** How long automatic syncs wait after the org's daily API limit was reached. */
export const LIMIT_PAUSE_MS = 60 * 60_000;

interface SfLikeError {
  name?: string;
  errorCode?: string;
  message?: string;
  code?: string;
  status?: number;
  statusCode?: number;
  cause?: { code?: string };
}

/** The Salesforce error code of a jsforce / HTTP failure ('INVALID_SESSION_ID' …), or null. */
export function sfCode(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as SfLikeError;
  const c = e.errorCode ?? e.name;
  return typeof c === 'string' && /^[A-Z_]+$/.test(c) ? c : null;
}

export function toSourceError(err: unknown, instance: string): SourceError {
  if (err instanceof SourceError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as SfLikeError;
  const code = sfCode(err);
  const net = e.code ?? e.cause?.code;
  if (net === 'ECONNREFUSED' || net === 'ENOTFOUND' || net === 'EAI_AGAIN' || net === 'ECONNRESET' || net === 'UND_ERR_SOCKET') {
    return new SourceError('network', `Can't reach Salesforce at ${instance} (${net}).`);
  }
  if (e.name === 'AbortError') return new SourceError('network', 'Sync was cancelled.');
  if (/Bad_OAuth_Token/.test(e.message ?? '')) return new SourceError('unauthorized', 'Salesforce did not accept your sign-in. Sign in again.', 403);
  switch (code) {
    case 'INVALID_SESSION_ID':
    case 'INVALID_AUTH_HEADER':
      return new SourceError('unauthorized', 'Salesforce did not accept your sign-in. Sign in again.', 401, undefined, code);
    case 'REQUEST_LIMIT_EXCEEDED':
      return new SourceError(
        'rate_limited',
        `Your Salesforce org has used its API requests for now; Partnerbook will try again after ${clockTime(Date.now() + LIMIT_PAUSE_MS)}.`,
        403,
        LIMIT_PAUSE_MS,
        'retry_later',
      );
    case 'UNABLE_TO_LOCK_ROW':
    case 'SERVER_UNAVAILABLE':
      return new SourceError('server', 'Salesforce is busy right now; trying again shortly.', 503, undefined, code);
    case 'INVALID_REPLICATION_DATE':
      return new SourceError('cursor_expired', 'Salesforce no longer has the changes since the last sync; fetching the whole book again.', 400, undefined, code);
    case 'EXCEEDED_ID_LIMIT':
      // The updated feed splits its window first (updated-window.ts); this is what is left
      // when even one minute holds too many changes, or the deleted feed has too many.
      return new SourceError('cursor_expired', 'Salesforce has too many changes since the last sync to list them; fetching the whole book again.', 400, undefined, code);
    default:
      break;
  }
  const status = e.statusCode ?? e.status;
  if (status !== undefined && status >= 500) return new SourceError('server', `Salesforce had a problem (${status}); trying again shortly.`, status);
  const why = (e.message ?? String(err)).replace(/\s+/g, ' ').slice(0, 300);
  return new SourceError('client', `Salesforce refused the request: ${why}`, status, undefined, code ?? undefined);
}

/** "14:52", local time, rounded up to the minute so it is never too early. */
function clockTime(at: number): string {
  const d = new Date(Math.ceil(at / 60_000) * 60_000);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
