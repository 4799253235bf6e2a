/**
 * A background job over a replica is kept only if the replica did not change while it ran:
 * its version (a change counter or fingerprint) is noted when the job starts and compared
 * when it ends; a change in between runs the job again. A replica that keeps changing (a
 * sync applying pages) gets the last result after `tries` runs, marked not current.
 */
export interface UnchangedResult<T> {
  value: T;
  /** The version the replica had when the run that made `value` started. */
  version: string;
  /** True when the replica still had that version when the run ended. */
  current: boolean;
}

/** How many runs a job gets before its result is taken though the replica moved on meanwhile. */
export const JOB_TRIES = 3;

export async function untilUnchanged<T>(version: () => string, run: () => Promise<T>, tries = JOB_TRIES): Promise<UnchangedResult<T>> {
  for (let attempt = 1; ; attempt++) {
    const started = version();
    const value = await run();
    const current = version() === started;
    if (current || attempt >= tries) return { value, version: started, current };
  }
}
