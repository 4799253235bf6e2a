/**
 * The router behind the one API surface: validates input with the method's zod schema
 * before any service runs, refuses unknown methods, and wraps every outcome in an
 * envelope. The same router serves Electron IPC, the browser harness and the CLI. A
 * refused input is worded for a person (src-shared/input-messages.ts): each issue a
 * sentence naming the field in the user's words and what to do.
 */
import { z } from 'zod';
import {
  api,
  isMethodName,
  type ApiIssue,
  type Envelope,
  type MethodName,
  type MethodOutput,
  type ParsedInput,
} from '../../src-shared/api';
import { describeInput } from '../../src-shared/input-messages';
import { ServiceError } from '../base/errors';
import { isDamageError } from '../db/connection';
import { isBusy } from '../db/written-elsewhere';

/** A query met a damaged page of the replica (what SQLite said follows). */
export const DAMAGED_MESSAGE =
  'Nothing was changed: the local copy of the book is damaged. Restart Partnerbook: it checks the file when it opens and offers to rebuild it from the PRM, carrying over the edits not yet sent that can still be read.';

/** A write refused because the replica is being written by something else just now. */
export const BUSY_MESSAGE = 'The book is being written just now (an import, or Partnerbook in another window on the same file), so nothing was changed. Try again when that is done.';

/** What the caller says about a call besides its input. */
export interface CallContext {
  /** The workspace the caller is showing; a call meant for another one than is open is refused. */
  workspace?: string;
}

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx?: CallContext) => Promise<MethodOutput<M>> | MethodOutput<M>;
export type Handlers = { [M in MethodName]: Handler<M> };

export interface Router {
  handle(method: string, input: unknown, ctx?: CallContext): Promise<Envelope<unknown>>;
}

/** The issues of a refused input, each as a sentence naming its field (`method` picks labels that depend on it). */
export function issuesFromZod(error: z.ZodError, method?: string): ApiIssue[] {
  return describeInput(error.issues, method).issues;
}

/**
 * `onDamaged`: a call met a damaged page of the replica (SQLITE_CORRUPT, SQLITE_NOTADB),
 * which the check at open cannot have seen (db/clean-close.ts); the shell makes the next
 * open check every page.
 */
export function createRouter(handlers: Handlers, onInternalError?: (method: string, err: unknown) => void, onDamaged?: () => void): Router {
  return {
    async handle(method, input, ctx = {}) {
      if (typeof method !== 'string' || !isMethodName(method)) {
        return { ok: false, error: { code: 'unknown_method', message: `Unknown method '${String(method)}'.` } };
      }
      const parsed = api[method].input.safeParse(input ?? {});
      if (!parsed.success) {
        try {
          const { message, issues } = describeInput(parsed.error.issues, method);
          return { ok: false, error: { code: 'invalid_input', message, issues } };
        } catch (err) {
          // Describing the refusal failed (a bug there): the input is still refused, never answered with a throw.
          onInternalError?.(method, err);
          return { ok: false, error: { code: 'invalid_input', message: 'Partnerbook could not read this request; nothing was changed.' } };
        }
      }
      try {
        const handler = handlers[method] as (input: unknown, ctx: CallContext) => unknown;
        const value = await handler(parsed.data, ctx);
        return { ok: true, value };
      } catch (err) {
        if (err instanceof ServiceError) {
          // Said in words, yet still a failure of the app (a worker that died): logged as one.
          if (err.code === 'internal') onInternalError?.(method, err);
          return {
            ok: false,
            error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) },
          };
        }
        if (isBusy(err)) {
          // Another connection holds the replica's write lock: the import worker's transaction, or another Partnerbook on the file.
          return { ok: false, error: { code: 'unavailable', message: BUSY_MESSAGE } };
        }
        onInternalError?.(method, err);
        const message = err instanceof Error ? err.message : String(err);
        if (isDamageError(err)) {
          onDamaged?.();
          return { ok: false, error: { code: 'internal', message: `${DAMAGED_MESSAGE} (SQLite: ${message})` } };
        }
        return { ok: false, error: { code: 'internal', message: `Something went wrong in ${method}: ${message}` } };
      }
    },
  };
}
