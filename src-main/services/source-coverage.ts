/**
 * What a book's source cannot hold, as the workspace records it in the replica (setting
 * `source.coverage`): a Salesforce workspace whose pull mapping names no certification or
 * PSAT object has no such records, and that is "no data", not zero. Health reads it like
 * an import's coverage (services/import `absentFacts`, the BookGaps banner's words).
 */
import { z } from 'zod';
import type { Db } from '../db/connection';
import { readSetting, writeSetting } from '../settings';

export const SOURCE_COVERAGE_KEY = 'source.coverage';

/** The facts a source may be unable to hold (a subset of health's BookFact). */
export const SOURCE_FACTS = ['certification', 'psat_response'] as const;
export type SourceFact = (typeof SOURCE_FACTS)[number];

const schema = z.object({
  /** Where the gap comes from, for the words. */
  source: z.literal('salesforce'),
  absent: z.array(z.enum(SOURCE_FACTS)),
});
export type SourceCoverage = z.infer<typeof schema>;

const WORDS: Record<SourceFact, string> = {
  certification: 'certifications (no Salesforce object is mapped for them)',
  psat_response: 'PSAT responses (no Salesforce object is mapped for them)',
};

export function readSourceCoverage(db: Db): SourceCoverage | null {
  return readSetting(db, SOURCE_COVERAGE_KEY, schema);
}

/** Records what the source cannot hold; true when that changed. */
export function writeSourceCoverage(db: Db, coverage: SourceCoverage): boolean {
  const before = readSourceCoverage(db);
  if (before && JSON.stringify(before) === JSON.stringify(coverage)) return false;
  writeSetting(db, SOURCE_COVERAGE_KEY, coverage);
  return true;
}

/** The facts the source said it cannot hold. */
export function sourceAbsentFacts(db: Db): SourceFact[] {
  return readSourceCoverage(db)?.absent ?? [];
}

/** Those facts in words, for the "no data" banner. */
export function sourceGapsInWords(db: Db): string[] {
  return sourceAbsentFacts(db).map((f) => WORDS[f]);
}
