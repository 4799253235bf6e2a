/**
 * One date's health inputs as `health_snapshot` stores them (cache.ts): JSON of the input
 * keys, the partner ids and one row of values per partner, and back.
 *
 * On the API's thread a stored date is read as `StoredInputs`, a map decoded on first use.
 * A restart binds what the worker derived (stored-derived.ts) to the very maps of the dates
 * it read, by identity, and the churn model reads 13 dates; the views then read the inputs
 * of two or three of them. Decoding all 13 up front was 0.9 s of the xlarge book's first
 * Portfolio call after a restart; the others are now never decoded unless something reads
 * them (a refit on this thread, a partner's trend).
 */
import { RAW_INPUT_KEYS, type RawInputs } from './measures';

const KEYS = RAW_INPUT_KEYS;

/** How every stored date starts (`encode` writes the keys first): a date stored under other keys is not read. */
const HEADER = `{"keys":${JSON.stringify(KEYS)},`;

/** One date's inputs as `health_snapshot` stores them. */
export function encode(m: Map<string, RawInputs>): string {
  const ids = [...m.keys()];
  return JSON.stringify({ keys: KEYS, ids, rows: ids.map((id) => KEYS.map((k) => m.get(id)![k])) });
}

/** The stored inputs `text` as a map; null when they were stored under other keys. */
export function decode(text: string): Map<string, RawInputs> | null {
  const out = new Map<string, RawInputs>();
  return decodeInto(text, (id, o) => out.set(id, o)) ? out : null;
}

/** Hands each partner's stored inputs to `set`; false (nothing handed) when they were stored under other keys. */
function decodeInto(text: string, set: (id: string, inputs: RawInputs) => void): boolean {
  const parsed = JSON.parse(text) as { keys?: string[]; ids?: string[]; rows?: (number | string | null)[][] };
  if (!parsed.keys || parsed.keys.join(',') !== KEYS.join(',') || !parsed.ids || !parsed.rows) return false;
  parsed.ids.forEach((id, i) => {
    const row = parsed.rows![i]!;
    const o: Record<string, number | string | null> = {};
    KEYS.forEach((k, j) => (o[k] = row[j] ?? null));
    set(id, o as unknown as RawInputs);
  });
  return true;
}

/** The stored inputs `text` as a map decoded on first use, or null when they were stored under other keys. */
export function storedInputs(text: string): Map<string, RawInputs> | null {
  return text.startsWith(HEADER) ? new StoredInputs(text) : null;
}

/**
 * A map of one date's stored inputs that parses them when first read. Every read and write
 * goes through `load` first; the identity is the map's from the start, so what was bound to
 * it stays bound. A text that does not parse throws on that first read (as decoding up
 * front did): SQLite handed back something `encode` never wrote.
 */
class StoredInputs extends Map<string, RawInputs> {
  private text: string | null;

  constructor(text: string) {
    super();
    this.text = text;
  }

  private load(): void {
    const text = this.text;
    if (text === null) return;
    this.text = null;
    // (The header named these keys: the rows are read into this very map.)
    decodeInto(text, (id, inputs) => super.set(id, inputs));
  }

  override get(key: string): RawInputs | undefined {
    this.load();
    return super.get(key);
  }
  override has(key: string): boolean {
    this.load();
    return super.has(key);
  }
  override get size(): number {
    this.load();
    return super.size;
  }
  override set(key: string, value: RawInputs): this {
    this.load();
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    this.load();
    return super.delete(key);
  }
  override clear(): void {
    this.text = null;
    super.clear();
  }
  override forEach(fn: (value: RawInputs, key: string, map: Map<string, RawInputs>) => void, thisArg?: unknown): void {
    this.load();
    super.forEach(fn, thisArg);
  }
  override keys(): MapIterator<string> {
    this.load();
    return super.keys();
  }
  override values(): MapIterator<RawInputs> {
    this.load();
    return super.values();
  }
  override entries(): MapIterator<[string, RawInputs]> {
    this.load();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[string, RawInputs]> {
    return this.entries();
  }

}
