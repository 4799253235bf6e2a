/**
 * Large answers a service hands out again and again unchanged (the portfolio's rows: 2.5 MB
 * of JSON on a book of 5,000 partners) are encoded once, not on every call. The service
 * that owns such a value marks it with `shareUnchanged` (which freezes it, so nothing can
 * change it behind the cache's back: a change builds a new value); `jsonChunks` then
 * encodes an answer with each marked value it meets taken from the cache. Used by the
 * browser harness, where encoding the portfolio was most of a warm call's time.
 */

const shared = new WeakSet<object>();
const encoded = new WeakMap<object, Buffer>();

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/** Marks `value` as never changing again (frozen, deeply) so its JSON can be reused. */
export function shareUnchanged<T extends object>(value: T): T {
  deepFreeze(value);
  shared.add(value);
  return value;
}

export function isSharedUnchanged(value: unknown): boolean {
  return value !== null && typeof value === 'object' && shared.has(value);
}

function plainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** How deep into an answer marked values are looked for (envelope → value → rows). */
const DEPTH = 3;

function collect(value: unknown, depth: number, out: (string | Buffer)[]): void {
  if (value !== null && typeof value === 'object') {
    if (shared.has(value)) {
      let b = encoded.get(value);
      if (!b) {
        b = Buffer.from(JSON.stringify(value), 'utf8');
        encoded.set(value, b);
      }
      out.push(b);
      return;
    }
    if (depth > 0 && !Array.isArray(value) && plainObject(value)) {
      out.push('{');
      let first = true;
      for (const [k, v] of Object.entries(value)) {
        // What JSON.stringify leaves out of an object.
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
        out.push(`${first ? '' : ','}${JSON.stringify(k)}:`);
        first = false;
        collect(v, depth - 1, out);
      }
      out.push('}');
      return;
    }
  }
  out.push(JSON.stringify(value) ?? 'null');
}

/**
 * `JSON.stringify(value)` as UTF-8 chunks, byte for byte the same, with every value marked
 * by `shareUnchanged` (at the top levels of `value`) encoded only the first time it is met.
 */
export function jsonChunks(value: unknown): Buffer[] {
  const parts: (string | Buffer)[] = [];
  collect(value, DEPTH, parts);
  const chunks: Buffer[] = [];
  let text = '';
  for (const p of parts) {
    if (typeof p === 'string') text += p;
    else {
      if (text) chunks.push(Buffer.from(text, 'utf8'));
      text = '';
      chunks.push(p);
    }
  }
  if (text || chunks.length === 0) chunks.push(Buffer.from(text, 'utf8'));
  return chunks;
}
