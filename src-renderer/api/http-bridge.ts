/**
 * The browser harness's transport (the renderer outside Electron): `POST /api/invoke` per
 * call, `POST /api/invoke-batch` for calls sent together (the window's start-up reads: one
 * request whose answers stream back one NDJSON line each, `[index, envelope]`, as each is
 * ready; src-main/web/server.ts), and the event stream (SSE on `GET /api/events`), all with
 * the bearer token (api/client.ts reads it). Nothing here touches the window.
 */
import type { ApiError, Envelope, EventName, PartnerbookBridge } from '../../src-shared/api';

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

export class HttpBridge implements PartnerbookBridge {
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
      return transportError(UNREACHABLE);
    }
    return envelopeOf(res.status, await res.text());
  }

  /**
   * Sends `calls` in one request; one promise per call, in order, each settling with its
   * envelope as its line arrives (a slow call does not hold the others back). Whatever
   * stops the answers (the service gone, a refusal of the whole request) settles the calls
   * not yet answered with a transport failure, as `invoke` would.
   */
  invokeBatch(calls: readonly { method: string; input: unknown }[], workspace?: string | null): Promise<Envelope<unknown>>[] {
    const settle: ((e: Envelope<unknown>) => void)[] = [];
    const answers = calls.map(() => new Promise<Envelope<unknown>>((resolve) => settle.push(resolve)));
    // Settling an answered call again does nothing.
    const settleAll = (e: Envelope<unknown>) => settle.forEach((s) => s(e));
    const send = async () => {
      let res: Response;
      try {
        res = await fetch('/api/invoke-batch', {
          method: 'POST',
          headers: this.headers(),
          body: JSON.stringify({ calls, ...(workspace ? { workspace } : {}) }),
        });
      } catch {
        return settleAll(transportError(UNREACHABLE));
      }
      if (!res.ok || !res.body) return settleAll(envelopeOf(res.status, await res.text().catch(() => '')));
      try {
        await readBlocks(res.body, '\n', (line) => {
          const [i, envelope] = JSON.parse(line) as [unknown, unknown];
          if (typeof i === 'number' && Number.isInteger(i)) settle[i]?.(isEnvelope(envelope) ? envelope : transportError(UNREADABLE));
        });
      } catch {
        /* cut off: what was not answered fails below */
      }
      settleAll(transportError('The local service stopped answering before it had answered every call. Reload the window to try again.'));
    };
    void send();
    return answers;
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
          // SSE allows \r\n and \r line ends: read as \n.
          await readBlocks(res.body, '\n\n', (block) => this.dispatchBlock(block), (text) => text.replace(/\r\n?/g, '\n'));
        } catch {
          /* reconnect below */
        }
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    };
    void loop();
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

const UNREACHABLE = 'The app could not reach its local service. Is Partnerbook still running?';
const UNREADABLE = 'The local service answered without a readable result.';

function isEnvelope(body: unknown): body is Envelope<unknown> {
  return !!body && typeof body === 'object' && 'ok' in body;
}

/** The envelope an answer carries, or a transport failure that says why there is none. */
function envelopeOf(status: number, text: string): Envelope<unknown> {
  try {
    const body = JSON.parse(text) as unknown;
    if (isEnvelope(body)) return body;
  } catch {
    /* fall through */
  }
  if (status === 401) return transportError('This window is not signed in to the local service (token missing or expired).');
  return transportError(`The local service answered ${status} without a readable result.`);
}

/** Reads `body` as UTF-8 text cut at each `separator`, handing each block to `onBlock` as it arrives. */
async function readBlocks(body: ReadableStream<Uint8Array>, separator: string, onBlock: (block: string) => void, normalize = (text: string) => text): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += normalize(decoder.decode(value, { stream: true }));
    let idx: number;
    while ((idx = buffer.indexOf(separator)) >= 0) {
      const block = buffer.slice(0, idx);
      buffer = buffer.slice(idx + separator.length);
      onBlock(block);
    }
  }
}

export function transportError(message: string): Envelope<unknown> {
  return { ok: false, error: { code: 'internal', message, transport: true } as ApiError };
}
