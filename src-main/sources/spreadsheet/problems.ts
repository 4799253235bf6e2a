/**
 * The problems of an import counted by kind: rows with the same problem in the same column
 * of the same file are one group ("sales_pipeline.csv, column close_date: close / order date
 * is empty — 2,089 rows"), so a file with thousands of bad rows reads as a few lines.
 */
import type { ImportProblemGroupView } from '../../../src-shared/methods/import';
import type { RowError } from './cells';

/** A group of problems (where, what, how many rows, the first lines and values): the API's view of it. */
export type ProblemGroup = ImportProblemGroupView;

export const LINES_SHOWN = 5;
export const VALUES_SHOWN = 3;

/** Every problem grouped, the largest group first (then in the order the files were read); at most `max` groups. */
export function groupProblems(errors: readonly RowError[], max = 20): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup & { seen: Set<string> }>();
  for (const e of errors) {
    const key = `${e.file}\u0000${e.column ?? ''}\u0000${e.problem}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { file: e.file, column: e.column, problem: e.problem, rows: 0, lines: [], values: [], moreValues: false, first: e.message, seen: new Set() }));
    g.rows++;
    if (e.line !== null && g.lines.length < LINES_SHOWN) g.lines.push(e.line);
    if (e.value && !g.seen.has(e.value)) {
      if (g.values.length < VALUES_SHOWN) {
        g.seen.add(e.value);
        g.values.push(e.value);
      } else g.moreValues = true;
    }
  }
  // A stable sort keeps the read order among groups of the same size.
  return [...groups.values()]
    .sort((a, b) => b.rows - a.rows)
    .slice(0, max)
    .map(({ seen: _seen, ...g }) => g);
}

/** One line for a group: the problem's own sentence for a single row, else where, what, how many rows and the first lines. */
export function problemLine(g: ProblemGroup): string {
  if (g.rows === 1) return g.first;
  const where = g.column !== null ? `${g.file}, column ${g.column}` : g.file;
  const lines = g.lines.length ? `; lines ${g.lines.map((l) => l.toLocaleString('en-US')).join(', ')}${g.rows > g.lines.length ? ', …' : ''}` : '';
  const several = g.values.length > 1 || g.moreValues;
  const values = g.values.length ? `; ${several ? 'values' : 'value'} ${g.values.map((v) => `'${v}'`).join(', ')}${g.moreValues ? ', …' : ''}` : '';
  return `${where}: ${g.problem.replace(/\.$/, '')} (${g.rows.toLocaleString('en-US')} rows${lines}${values}).`;
}
