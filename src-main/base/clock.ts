/** The services' notion of "now". Tests and the demo book pin it; the app uses the system clock. */
import { toIsoDate, toIsoInstant } from '../../src-shared/domain/time';

export interface Clock {
  /** ISO instant, `YYYY-MM-DDTHH:MM:SSZ`. */
  now(): string;
  /** ISO date, `YYYY-MM-DD`. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => toIsoInstant(new Date()),
  today: () => toIsoDate(new Date()),
};

export function fixedClock(instant: string): Clock {
  const iso = instant.length === 10 ? `${instant}T12:00:00Z` : instant;
  return { now: () => iso, today: () => iso.slice(0, 10) };
}

/**
 * A book pinned to a date: "today" is `asOf` (what the views compute against) while
 * instants (sync times, edit timestamps) stay real.
 */
export function asOfClock(asOf: string): Clock {
  return { now: systemClock.now, today: () => asOf };
}
