/**
 * The clock of an imported book. Files exported in the past (AdventureWorks ends in May
 * 2020) would show nothing but zeros "as of today"; their views compute as of the book's
 * last date instead, and say so. Instants (edit and sync times) stay real. The date is
 * re-read after every import (data.changed on `import`).
 */
import type { Clock } from '../../base/clock';
import type { Db } from '../../db/connection';
import type { EventBus } from '../../events';
import { importedBook } from './service';

export function bookClock(base: Clock, db: Db, events: EventBus): Clock {
  let known: { date: string | null } | null = null;
  events.on('data.changed', ({ entities }) => {
    if (entities.includes('import')) known = null;
  });
  const bookDate = (): string | null => {
    if (!known) {
      try {
        known = { date: importedBook(db)?.lastDate ?? null };
      } catch {
        known = { date: null };
      }
    }
    return known.date;
  };
  return {
    now: () => base.now(),
    today: () => {
      const today = base.today();
      const date = bookDate();
      return date && date < today ? date : today;
    },
  };
}
