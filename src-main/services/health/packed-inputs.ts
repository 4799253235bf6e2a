/**
 * Raw inputs packed for the trip from the health worker to the API's thread: one column of
 * numbers per date (a transferable Float64Array, with a mask for nulls) and the two date
 * fields as arrays. Structured-cloning 5,000 input objects per date cost the API's thread
 * about 80 ms for the twelve dates of a view; these are unpacked partner by partner as
 * they are read, into equal objects (every value, null and NaN as they were).
 */
import type { InputsByDate } from './inputs';
import { RAW_INPUT_NUMBERS, type RawInputs } from './measures';

const NUMBERS = RAW_INPUT_NUMBERS;

export interface PackedInputs {
  ids: string[];
  /** `ids.length × NUMBERS.length` values, partner by partner. */
  numbers: Float64Array;
  /** 1 where the value at the same place in `numbers` is null. */
  nulls: Uint8Array;
  psatAt: (string | null)[];
  lastWin: (string | null)[];
}

export function packInputs(m: Map<string, RawInputs>): PackedInputs {
  const ids = [...m.keys()];
  const k = NUMBERS.length;
  const numbers = new Float64Array(ids.length * k);
  const nulls = new Uint8Array(ids.length * k);
  const psatAt: (string | null)[] = [];
  const lastWin: (string | null)[] = [];
  ids.forEach((id, i) => {
    const r = m.get(id)!;
    NUMBERS.forEach((key, j) => {
      const v = r[key];
      if (v === null) nulls[i * k + j] = 1;
      else numbers[i * k + j] = v;
    });
    psatAt.push(r.psatAt);
    lastWin.push(r.lastWin);
  });
  return { ids, numbers, nulls, psatAt, lastWin };
}

/** Partner `i`'s inputs out of `p`. */
function unpackOne(p: PackedInputs, i: number): RawInputs {
  const k = NUMBERS.length;
  const at = i * k;
  const { numbers: n, nulls } = p;
  // Only psat is nullable in RawInputs; a null anywhere else (never seen) still comes back as it was.
  const v = (j: number): number => (nulls[at + j] ? (null as unknown as number) : n[at + j]!);
  return {
    wonT4q: v(0),
    sourcedT4q: v(1),
    wonRecent: v(2),
    wonPrior: v(3),
    pipeline: v(4),
    regsRecent: v(5),
    regsPrior: v(6),
    contacts: v(7),
    activeContacts: v(8),
    eventsRecent: v(9),
    eventsPrior: v(10),
    certifiedPeople: v(11),
    validCerts: v(12),
    expiringCerts: v(13),
    psat: v(14),
    psatAt: p.psatAt[i]!,
    lastWin: p.lastWin[i]!,
  };
}

/**
 * One date's inputs as a Map that unpacks a partner's only when it is read: a view after a
 * landing reads two of the twelve dates a job returns (the model's and the trend's were
 * fitted and scored in the worker), so most are never unpacked. Iterating it unpacks all,
 * in the order they were packed.
 */
class PackedInputsMap extends Map<string, RawInputs> {
  #packed: PackedInputs | null;
  #index: Map<string, number> | null = null;

  constructor(packed: PackedInputs) {
    super();
    this.#packed = packed;
  }

  override get(id: string): RawInputs | undefined {
    const p = this.#packed;
    if (!p || super.has(id)) return super.get(id);
    const i = (this.#index ??= new Map(p.ids.map((x, j) => [x, j]))).get(id);
    if (i === undefined) return undefined;
    const r = unpackOne(p, i);
    super.set(id, r);
    return r;
  }

  override has(id: string): boolean {
    const p = this.#packed;
    return p ? (this.#index ??= new Map(p.ids.map((x, j) => [x, j]))).has(id) : super.has(id);
  }

  override get size(): number {
    return this.#packed ? this.#packed.ids.length : super.size;
  }

  /** Unpacks every partner (in packing order) and stops being lazy. */
  #all(): void {
    const p = this.#packed;
    if (!p) return;
    const done = new Map(super.entries());
    super.clear();
    p.ids.forEach((id, i) => super.set(id, done.get(id) ?? unpackOne(p, i)));
    this.#packed = null;
    this.#index = null;
  }

  override set(id: string, r: RawInputs): this {
    this.#all();
    return super.set(id, r);
  }
  override delete(id: string): boolean {
    this.#all();
    return super.delete(id);
  }
  override clear(): void {
    this.#packed = null;
    this.#index = null;
    super.clear();
  }
  override forEach(fn: (value: RawInputs, key: string, map: Map<string, RawInputs>) => void, thisArg?: unknown): void {
    this.#all();
    super.forEach(fn, thisArg);
  }
  override keys(): MapIterator<string> {
    this.#all();
    return super.keys();
  }
  override values(): MapIterator<RawInputs> {
    this.#all();
    return super.values();
  }
  override entries(): MapIterator<[string, RawInputs]> {
    this.#all();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[string, RawInputs]> {
    return this.entries();
  }
}

/** `p` as a Map of partner id to inputs (unpacked as they are read). */
export function unpackInputs(p: PackedInputs): Map<string, RawInputs> {
  return new PackedInputsMap(p);
}

export type PackedByDate = Record<string, PackedInputs>;

export function packByDate(inputs: InputsByDate): PackedByDate {
  const out: PackedByDate = {};
  for (const [d, m] of inputs) out[d] = packInputs(m);
  return out;
}

export function unpackByDate(packed: PackedByDate): InputsByDate {
  return new Map(Object.entries(packed).map(([d, p]) => [d, unpackInputs(p)]));
}

/** The buffers to transfer rather than copy. */
export function transferables(packed: PackedByDate): ArrayBuffer[] {
  return Object.values(packed).flatMap((p) => [p.numbers.buffer as ArrayBuffer, p.nulls.buffer as ArrayBuffer]);
}
