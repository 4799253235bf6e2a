/**
 * The order the Portfolio opens in — the live book (churned partners left out), worst
 * health score first, ties by name — shared by the grid (which sorts the whole book) and
 * the main process (which sends the first rows of it ahead of the rest when the window
 * opens on the Portfolio), so the rows shown first are the rows the whole book puts first.
 */

/** How partner names are ordered everywhere a list sorts by name. */
export const nameCollator = new Intl.Collator('en');

interface OrderedRow {
  name: string;
  score: number;
  status: string;
}

/** Live: every partner but the churned ones (the Portfolio's default status filter). */
export const isLive = (r: { status: string }): boolean => r.status !== 'churned';

/** The live rows in the Portfolio's opening order (a new array). */
export function openingOrder<R extends OrderedRow>(rows: readonly R[]): R[] {
  return rows.filter(isLive).sort((a, b) => a.score - b.score || nameCollator.compare(a.name, b.name));
}
