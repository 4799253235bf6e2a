/**
 * `GET sobjects/X/updated?start&end` over a window that may hold more ids than Salesforce
 * returns at once (600,000, else EXCEEDED_ID_LIMIT: "choose start and end dates that are
 * closer together"). The window is split in halves, recursively, and the halves read in
 * order; only a window that cannot be split any more and is still too large gives up
 * (the caller's cursor_expired: a full refetch, errors.ts).
 *
 * The smallest window is two minutes, split into two one-minute halves: Salesforce ignores
 * the seconds of start and end ("sObject Get Updated", after the SOAP getUpdated() rules),
 * so a window shorter than a minute is not one it can answer, and one minute is the finest
 * a split can get. The split point is on a whole minute for the same reason.
 *
 * The halves never ask about the future: when a half's `latestDateCovered` falls short of
 * its end, Salesforce has reached its present minute, and the later half is not read; the
 * answer covers up to there, as one unsplit read would have.
 */
import { SourceError } from '../contract';

export interface UpdatedAnswer {
  ids?: string[];
  latestDateCovered: string;
}

const MINUTE = 60_000;
/** The shortest window that is still split: two minutes (two one-minute halves). */
export const MIN_SPLIT_MS = 2 * MINUTE;

const tooManyIds = (err: unknown) => err instanceof SourceError && err.code === 'EXCEEDED_ID_LIMIT';

/**
 * Reads [start, end) through `read` (one `updated` call), splitting on EXCEEDED_ID_LIMIT.
 * The ids of every piece, without repeats; `latestDateCovered` as far as the pieces read
 * reached in one stretch.
 */
export async function updatedSplitting(read: (start: Date, end: Date) => Promise<UpdatedAnswer>, start: Date, end: Date): Promise<UpdatedAnswer> {
  try {
    return await read(start, end);
  } catch (err) {
    const from = Math.floor(start.getTime() / MINUTE) * MINUTE;
    const to = Math.floor(end.getTime() / MINUTE) * MINUTE;
    if (!tooManyIds(err) || to - from < MIN_SPLIT_MS) throw err;
    const mid = new Date(from + Math.floor((to - from) / 2 / MINUTE) * MINUTE);
    const first = await updatedSplitting(read, start, mid);
    if (Date.parse(first.latestDateCovered) < mid.getTime()) return first;
    const second = await updatedSplitting(read, mid, end);
    const ids = [...new Set([...(first.ids ?? []), ...(second.ids ?? [])])];
    return { ids, latestDateCovered: second.latestDateCovered };
  }
}
