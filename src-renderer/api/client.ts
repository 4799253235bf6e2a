/**
 * The renderer's only way to reach the main side (ARCHITECTURE §2).
 *
 * `invoke(method, input)` is typed against the method table in `src-shared/api.ts` and
 * resolves with the method's output, or throws an `ApiCallError` for `{ ok: false }`.
 * `subscribe(event, cb)` delivers `ApiEvents`.
 *
 * Transport: the Electron preload bridge (`window.partnerbook`) when present; otherwise
 * the browser harness over HTTP (api/http-bridge.ts), with the bearer token read once
 * from `#token=...` and kept in sessionStorage.
 */
import type {
  ApiError,
  ApiErrorCode,
  ApiEvents,
  ApiIssue,
  Envelope,
  EventName,
  MethodInput,
  MethodName,
  MethodOutput,
  PartnerbookBridge,
} from '../../src-shared/api';
import { HttpBridge } from './http-bridge';

export { onEventsConnected } from './http-bridge';

declare global {
  interface Window {
    partnerbook?: PartnerbookBridge;
  }
}

export class ApiCallError extends Error {
  readonly code: ApiErrorCode | 'transport';
  readonly issues: ApiIssue[];
  readonly method: string;

  constructor(method: string, error: ApiError | { code: 'transport'; message: string }) {
    super(error.message);
    this.name = 'ApiCallError';
    this.method = method;
    this.code = error.code;
    this.issues = 'issues' in error && error.issues ? error.issues : [];
  }
}

// ---------------------------------------------------------------------------------------
// Harness token

const TOKEN_KEY = 'partnerbook.token';

/** Reads `#token=...` once, keeps it in sessionStorage and removes it from the URL. */
function harnessToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      /* storage disabled: keep it in memory only */
    }
    const url = `${window.location.pathname}${window.location.search}#/`;
    window.history.replaceState(null, '', url);
    memoryToken = token;
    return token;
  }
  if (memoryToken) return memoryToken;
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}
let memoryToken: string | null = null;

// ---------------------------------------------------------------------------------------
// Public API

let bridge: PartnerbookBridge | null = null;

function getBridge(): PartnerbookBridge {
  if (!bridge) bridge = window.partnerbook ?? new HttpBridge(harnessToken());
  return bridge;
}

/** Call before the router reads the hash, so `#token=` never reaches it. */
export function initClient(): void {
  getBridge();
}

/**
 * Opens the harness's event stream now (the entry does, beside the start-up requests)
 * rather than when a screen first subscribes: a change made after the window's first reads
 * is announced to it, however long the first screen takes to draw. (The Electron bridge
 * delivers events without one.)
 */
export function openEvents(): void {
  const b = getBridge();
  if (b instanceof HttpBridge) b.startStream();
}

/** The workspace this window shows; every call carries it, so none lands in another book after a switch. */
let shownWorkspace: string | null = null;

export function setShownWorkspace(id: string | null): void {
  shownWorkspace = id;
}

/** A call's value, or the `ApiCallError` its failure is. */
function unwrap<M extends MethodName>(method: M, envelope: Envelope<unknown>): MethodOutput<M> {
  if (envelope.ok) return envelope.value as MethodOutput<M>;
  const err = envelope.error as ApiError & { transport?: boolean };
  throw new ApiCallError(method, err.transport ? { code: 'transport', message: err.message } : err);
}

export async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return unwrap(method, await getBridge().invoke(method, input, shownWorkspace));
}

/** One call of `invokeTogether`. */
export interface Call<M extends MethodName = MethodName> {
  method: M;
  input: MethodInput<M>;
}

export function call<M extends MethodName>(method: M, input: MethodInput<M>): Call<M> {
  return { method, input };
}

type Outputs<C extends readonly Call[]> = { [K in keyof C]: Promise<C[K] extends Call<infer M> ? MethodOutput<M> : never> };

/**
 * `invoke` for each of `calls`, sent together: over the harness, in one request (the
 * window's start-up reads: four requests each cost the page a `fetch` and, at start-up,
 * often a new connection; issue 17); under Electron, one by one. One promise per call, in
 * order, each settling as its own `invoke` would, as soon as its answer is in.
 */
export function invokeTogether<const C extends readonly Call[]>(calls: C): Outputs<C> {
  const b = getBridge();
  const envelopes = b instanceof HttpBridge ? b.invokeBatch(calls, shownWorkspace) : calls.map((c) => b.invoke(c.method, c.input, shownWorkspace));
  return envelopes.map((p, i) => p.then((e) => unwrap(calls[i]!.method, e))) as unknown as Outputs<C>;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
  return getBridge().subscribe(event, listener as (payload: unknown) => void);
}

/**
 * A failed call's messages per form field (`fields.target` → `target`); without field
 * issues, the whole message lands on `fallbackField`.
 */
export function fieldErrors(err: unknown, fallbackField: string): Record<string, string> {
  const issues = err instanceof ApiCallError ? err.issues : [];
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.replace(/^fields\./, '')] = i.message;
  if (!issues.length) out[fallbackField] = describeError(err);
  return out;
}

/** A CAM-readable sentence for any error thrown by `invoke`. */
export function describeError(err: unknown): string {
  if (err instanceof ApiCallError) {
    // Each issue is already a sentence naming its field (src-shared/input-messages.ts).
    if (err.code === 'invalid_input' && err.issues.length > 0) return [...new Set(err.issues.map((i) => i.message))].join(' ');
    return err.message;
  }
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}
