/**
 * The renderer's only way to reach the main side (ARCHITECTURE §2).
 *
 * `invoke(method, input)` is typed against the method table in `src-shared/api.ts` and
 * resolves with the method's output, or throws an `ApiCallError` for `{ ok: false }`.
 * `subscribe(event, cb)` delivers `ApiEvents`.
 *
 * Transport: the Electron preload bridge (`window.partnerbook`) when present; otherwise
 * the browser harness over HTTP (`POST /api/invoke`, SSE on `GET /api/events`), with the
 * bearer token read once from `#token=...` and kept in sessionStorage.
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
// HTTP transport for the browser harness

const connectListeners = new Set<(reconnect: boolean) => void>();

function connected(reconnect: boolean): void {
  for (const l of [...connectListeners]) {
    try {
      l(reconnect);
    } catch (err) {
      console.error('event stream listener failed', err);
    }
  }
}

/**
 * Runs `listener` each time the harness's event stream connects (`reconnect` false the
 * first time). Events sent while it was not connected never arrive — a sync that ended
 * before this window's stream opened, or while it was down — so whatever they would have
 * refreshed must be read again here. Never called under Electron, whose events are not lost.
 */
export function onEventsConnected(listener: (reconnect: boolean) => void): () => void {
  connectListeners.add(listener);
  return () => {
    connectListeners.delete(listener);
  };
}

type Listener = (payload: unknown) => void;

class HttpBridge implements PartnerbookBridge {
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private streaming = false;
  private readonly token: string | null;

  constructor(token: string | null) {
    this.token = token;
  }

  private headers(): Record<string, string> {
    const h: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.token) h.Authorization = `Bearer ${this.token}`;
    return h;
  }

  async invoke(method: string, input: unknown, workspace?: string | null): Promise<Envelope<unknown>> {
    let res: Response;
    try {
      res = await fetch('/api/invoke', {
        method: 'POST',
        headers: this.headers(),
        body: JSON.stringify({ method, input, ...(workspace ? { workspace } : {}) }),
      });
    } catch {
      return transportError('The app could not reach its local service. Is Partnerbook still running?');
    }
    const text = await res.text();
    try {
      const body = JSON.parse(text) as Envelope<unknown>;
      if (body && typeof body === 'object' && 'ok' in body) return body;
    } catch {
      /* fall through */
    }
    if (res.status === 401) return transportError('This window is not signed in to the local service (token missing or expired).');
    return transportError(`The local service answered ${res.status} without a readable result.`);
  }

  subscribe(event: EventName, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    this.startStream();
    return () => {
      set.delete(listener);
    };
  }

  private emit(event: string, payload: unknown): void {
    const set = this.listeners.get(event as EventName);
    if (!set) return;
    for (const l of [...set]) {
      try {
        l(payload);
      } catch (err) {
        console.error(`listener for ${event} failed`, err);
      }
    }
  }

  /** One SSE stream for all events, read with fetch so it can carry the bearer token. */
  startStream(): void {
    if (this.streaming) return;
    this.streaming = true;
    let delay = 1000;
    let reconnect = false;
    const loop = async (): Promise<void> => {
      for (;;) {
        try {
          const res = await fetch('/api/events', {
            headers: { ...this.headers(), Accept: 'text/event-stream' },
            cache: 'no-store',
          });
          if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
          delay = 1000;
          connected(reconnect);
          reconnect = true;
          await this.readStream(res.body);
        } catch {
          /* reconnect below */
        }
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    };
    void loop();
  }

  private async readStream(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let idx: number;
      while ((idx = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        this.dispatchBlock(block);
      }
    }
  }

  private dispatchBlock(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data.join('\n'));
    } catch {
      return;
    }
    this.emit(event, payload);
  }
}

function transportError(message: string): Envelope<unknown> {
  return { ok: false, error: { code: 'internal', message, transport: true } as ApiError };
}

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

export async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = await getBridge().invoke(method, input, shownWorkspace);
  if (envelope.ok) return envelope.value as MethodOutput<M>;
  const err = envelope.error as ApiError & { transport?: boolean };
  throw new ApiCallError(method, err.transport ? { code: 'transport', message: err.message } : err);
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
