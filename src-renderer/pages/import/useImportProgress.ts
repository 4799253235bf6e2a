/**
 * Where the import (or the preview) running now is, from the `import.progress` event the
 * workspace sends while its import worker reads, checks and writes: a book of a million
 * rows takes a minute, and the wizard says which part it is in. Null while nothing is heard
 * (an import that runs on the API's thread sends nothing).
 */
import type { ImportProgress } from '../../../src-shared/methods/import';
import { useLatestEvent } from '../../api/hooks';
import { plural } from '../../../src-shared/format';

export function useImportProgress(active: boolean): ImportProgress | null {
  return useLatestEvent('import.progress', active);
}

/** "Checking 57,851 rows against the book…" */
export function progressWords(p: ImportProgress): string {
  if (p.phase === 'reading') return 'Reading the files…';
  if (p.count === undefined) return p.phase === 'checking' ? 'Checking the rows against the book…' : 'Writing to the book…';
  if (p.phase === 'checking') return `Checking ${plural(p.count, 'row')} against the book…`;
  return `Writing ${plural(p.count, 'change')} to the book (all of them or none)…`;
}
