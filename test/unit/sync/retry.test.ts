/** Retries: a 429's Retry-After is waited for up to a cap; a longer one ends at once saying when to try again. */
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src-main/sources/contract';
import { parseRetryAfter } from '../../../src-main/sources/protocol-v1/client';
import { formatClockTime, formatWait, RETRY_LATER, withRetry, type RetryPolicy } from '../../../src-main/sync/retry';
import { sourceErrorOf } from '../../support/source-error';

const rateLimited = (retryAfterMs?: number) => new SourceError('rate_limited', 'The PRM is busy (rate limited).', 429, retryAfterMs);

/** A policy whose sleeps are recorded instead of waited. */
function recording(policy: Partial<RetryPolicy> = {}): RetryPolicy & { slept: number[] } {
  const slept: number[] = [];
  return {
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 0.5,
    ...policy,
    slept,
    sleep: async (ms) => {
      slept.push(ms);
    },
  };
}

/** Fails with `errors` in turn, then answers 'ok'. */
function failing(...errors: Error[]) {
  let calls = 0;
  const fn = async () => {
    const err = errors[calls++];
    if (err) throw err;
    return 'ok';
  };
  return Object.assign(fn, { calls: () => calls });
}

describe('withRetry and Retry-After', () => {
  it('waits what the PRM asks when it is within the cap, then retries', async () => {
    const policy = recording({ maxRetryAfterMs: 60_000 });
    await expect(withRetry(failing(rateLimited(45_000)), policy)).resolves.toBe('ok');
    expect(policy.slept).toEqual([45_000]);
  });

  it('does not wait an hour: a Retry-After over the cap fails at once with how long and until when', async () => {
    const policy = recording({ maxRetryAfterMs: 60_000 });
    const fn = failing(rateLimited(3_600_000));
    const err = await sourceErrorOf(withRetry(fn, policy));
    expect(policy.slept).toEqual([]);
    expect(fn.calls()).toBe(1);
    expect(err).toMatchObject({ kind: 'rate_limited', code: RETRY_LATER, retryAfterMs: 3_600_000 });
    expect(err.message).toMatch(/^The PRM asked us to wait 60 minutes \(rate limited\)\. Try again after (\d{4}-\d{2}-\d{2} )?\d{2}:\d{2}\.$/);
  });

  it('the cap is the policy\'s (default 60 s)', async () => {
    await expect(withRetry(failing(rateLimited(90_000)), recording())).rejects.toThrow(/wait 90 seconds/);
    const generous = recording({ maxRetryAfterMs: 120_000 });
    await expect(withRetry(failing(rateLimited(90_000)), generous)).resolves.toBe('ok');
    expect(generous.slept).toEqual([90_000]);
  });

  it('when the attempts run out on a 429, says how long the PRM asked to wait', async () => {
    const policy = recording({ maxAttempts: 2 });
    const err = await sourceErrorOf(withRetry(failing(rateLimited(5000), rateLimited(30_000)), policy));
    expect(policy.slept).toEqual([5000]);
    expect(err.message).toMatch(/^The PRM asked us to wait 30 seconds \(rate limited\)\. Try again after /);
  });

  it('does not retry protocol violations', async () => {
    const policy = recording();
    const fn = failing(new SourceError('protocol', 'loop'));
    await expect(withRetry(fn, policy)).rejects.toThrow('loop');
    expect(fn.calls()).toBe(1);
  });
});

describe('wait wording', () => {
  it('says a wait in the largest unit that reads well', () => {
    expect(formatWait(1000)).toBe('1 second');
    expect(formatWait(90_000)).toBe('90 seconds');
    expect(formatWait(3_600_000)).toBe('60 minutes');
    expect(formatWait(7_199_000)).toBe('2 hours');
    expect(formatWait(3 * 86_400_000)).toBe('3 days');
  });

  it('gives the local time, with the date when it is not today', () => {
    const now = new Date(2026, 10, 20, 9, 30).getTime();
    expect(formatClockTime(new Date(2026, 10, 20, 10, 42).getTime(), now)).toBe('10:42');
    expect(formatClockTime(new Date(2026, 10, 21, 8, 5).getTime(), now)).toBe('2026-11-21 08:05');
  });

  it('reads Retry-After as seconds or an HTTP-date, and ignores nonsense', () => {
    const now = Date.parse('2026-11-20T10:00:00Z');
    expect(parseRetryAfter('3600', now)).toBe(3_600_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 12:00:00 GMT', now)).toBe(7_200_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('99999999999999', now)).toBe(365 * 86_400_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
