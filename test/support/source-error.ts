import { SourceError } from '../../src-main/sources/contract';

/** The SourceError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function sourceErrorOf(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SourceError) return err;
    throw err;
  }
  throw new Error('expected a SourceError');
}
