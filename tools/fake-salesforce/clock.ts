/**
 * The fake org's clock. Real time by default; tests freeze it at an instant and move it
 * forward explicitly (`POST /__fake/clock`), so windows, minute truncation and token
 * expiry are deterministic without waiting.
 */

export class FakeClock {
  private offset = 0;

  constructor(private readonly frozenAt: number | null = null) {}

  now(): number {
    return (this.frozenAt ?? Date.now()) + this.offset;
  }

  advance(ms: number): void {
    this.offset += ms;
  }
}

/** Salesforce's JSON dateTime format: `2013-05-08T21:20:00.000+0000`. */
export function sfDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** Start of the UTC minute holding `ms` (the replication resources ignore seconds). */
export function floorMinute(ms: number): number {
  return ms - (((ms % 60_000) + 60_000) % 60_000);
}

/** Start of the UTC day holding `ms`. */
export function floorDay(ms: number): number {
  return ms - (((ms % 86_400_000) + 86_400_000) % 86_400_000);
}

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 date-time with a zone (`Z`, `+00:00` or `+0000`), as ms; null when not one. */
export function parseIsoDateTime(text: string): number | null {
  const m = ISO_DATETIME.exec(text);
  if (!m) return null;
  const zone = m[8]!;
  const normal = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${(m[7] ?? '').slice(0, 4)}${
    zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`
  }`;
  const ms = Date.parse(normal);
  return Number.isNaN(ms) ? null : ms;
}
