/**
 * For tests of the background workers (actions, health): a gate on a worker's replies, so a
 * test can hold one answer until it has seen other calls answered (no timing), and the
 * value of an API answer.
 */
import type { Envelope } from '../../src-shared/api';

/** Holds the `nth` reply of `kind` ('rank', 'inputs') until `release`; `workerReplied` settles when it arrives. */
export function holdReply(kind: string, nth = 1) {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let replied!: () => void;
  const workerReplied = new Promise<void>((r) => (replied = r));
  let replies = 0;
  const beforeReply = (reply: { kind: string }): Promise<void> | undefined => {
    if (reply.kind !== kind || ++replies !== nth) return;
    replied();
    return held;
  };
  return { beforeReply, release, workerReplied, replies: () => replies };
}

/** The value of an API answer; its message as an error when it failed. */
export function value<T>(e: Envelope<unknown>): T {
  if (!e.ok) throw new Error(e.error.message);
  return e.value as T;
}
