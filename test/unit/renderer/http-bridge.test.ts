/**
 * The harness transport's batch (api/http-bridge.ts) against the answers the harness sends
 * (src-main/web/server.ts): NDJSON lines `[index, envelope]` in the order the calls finish,
 * cut wherever the network cuts them. `fetch` is the boundary replaced here.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../src-shared/api';
import { HttpBridge } from '../../../src-renderer/api/http-bridge';

/** A streamed answer made of these chunks, each sent when the previous one has been read; `cut` errors the stream after them. */
function streamed(chunks: string[], cut = false): Response {
  const bytes = chunks.map((c) => new TextEncoder().encode(c));
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < bytes.length) controller.enqueue(bytes[i++]!);
      else if (cut) controller.error(new Error('connection reset'));
      else controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'application/x-ndjson' } });
}

const calls = [
  { method: 'workspaces.current', input: {} },
  { method: 'identity.get', input: {} },
  { method: 'health.portfolio', input: { first: 80 } },
];

function answerWith(res: Response | Error) {
  const fetch = vi.fn((url: string, init: { body: string; headers: Record<string, string> }) => {
    void url;
    void init;
    return res instanceof Error ? Promise.reject(res) : Promise.resolve(res);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('HttpBridge.invokeBatch', () => {
  it('sends the calls in one request and settles each with its own line, whatever the order and however the lines are cut', async () => {
    const big = { rows: Array.from({ length: 200 }, (_, i) => ({ id: `P-${i}`, name: `Partner ${i} — “quoted” \\ ✓` })) };
    const lines = [`[1,${JSON.stringify({ ok: true, value: { user: 'u' } })}]\n`, `[2,${JSON.stringify({ ok: true, value: big })}]\n`, `[0,${JSON.stringify({ ok: false, error: { code: 'internal', message: 'no' } })}]\n`].join('');
    // Cut at arbitrary places, one of them inside a multi-byte character.
    const bytes = new TextEncoder().encode(lines);
    const cuts = [7, 300, 301, 302, 5000, bytes.length - 1];
    // Chunks of raw bytes, so a character can straddle two of them.
    const res = new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          let from = 0;
          for (const c of [...cuts, bytes.length]) {
            controller.enqueue(bytes.slice(from, c));
            from = c;
          }
          controller.close();
        },
      }),
    );
    const fetch = answerWith(res);
    const answers = new HttpBridge('tok').invokeBatch(calls, 'ws-1');
    const [a, b, c] = await Promise.all(answers);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/invoke-batch');
    expect(JSON.parse(init.body)).toEqual({ calls, workspace: 'ws-1' });
    expect(init.headers.Authorization).toBe('Bearer tok');
    expect(a).toEqual({ ok: false, error: { code: 'internal', message: 'no' } });
    expect(b).toEqual({ ok: true, value: { user: 'u' } });
    expect(c).toEqual({ ok: true, value: big });
  });

  it('settles each call as its line arrives, not when the last one does', async () => {
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let step = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        step++;
        if (step === 1) controller.enqueue(new TextEncoder().encode('[1,{"ok":true,"value":1}]\n'));
        else if (step === 2) {
          await held;
          controller.enqueue(new TextEncoder().encode('[0,{"ok":true,"value":0}]\n'));
        } else controller.close();
      },
    });
    answerWith(new Response(body));
    const [first, second] = new HttpBridge(null).invokeBatch(calls.slice(0, 2));
    expect(await second).toEqual({ ok: true, value: 1 });
    let firstDone = false;
    void first!.then(() => (firstDone = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(firstDone).toBe(false);
    release();
    expect(await first).toEqual({ ok: true, value: 0 });
  });

  it('fails the calls not answered when the answer is cut off, and keeps those that were', async () => {
    answerWith(streamed(['[2,{"ok":true,"value":"rows"}]\n[0,{"ok":tr'], true));
    const [a, b, c] = await Promise.all(new HttpBridge(null).invokeBatch(calls));
    expect(c).toEqual({ ok: true, value: 'rows' });
    for (const e of [a, b] as Envelope<unknown>[]) {
      expect(e).toMatchObject({ ok: false, error: { transport: true, message: 'The local service stopped answering before it had answered every call. Reload the window to try again.' } });
    }
  });

  it('fails every call with the reason when the whole request is refused or the service is gone', async () => {
    answerWith(new Response(JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'Missing or wrong token.' } }), { status: 401 }));
    for (const e of await Promise.all(new HttpBridge('old').invokeBatch(calls))) {
      expect(e).toEqual({ ok: false, error: { code: 'unauthorized', message: 'Missing or wrong token.' } });
    }
    answerWith(new Response('<html>proxy error</html>', { status: 502 }));
    for (const e of await Promise.all(new HttpBridge(null).invokeBatch(calls))) {
      expect(e).toMatchObject({ ok: false, error: { transport: true, message: 'The local service answered 502 without a readable result.' } });
    }
    answerWith(new TypeError('Failed to fetch'));
    for (const e of await Promise.all(new HttpBridge(null).invokeBatch(calls))) {
      expect(e).toMatchObject({ ok: false, error: { transport: true, message: 'The app could not reach its local service. Is Partnerbook still running?' } });
    }
  });
});
