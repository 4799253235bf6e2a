/**
 * An import's problems counted by kind (src-main/sources/spreadsheet/problems.ts): the same
 * problem in the same column of the same file is one group whatever each row's value, the
 * largest group first, and a group reads as one line naming where, what, how many rows and
 * the first lines; a single problem reads as its own sentence.
 */
import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS } from '../../../src-shared/domain/import-fields';
import { readCell, rowError, type RowError } from '../../../src-main/sources/spreadsheet/cells';
import { groupProblems, problemLine } from '../../../src-main/sources/spreadsheet/problems';
import type { RawTable } from '../../../src-main/sources/spreadsheet/table';

const field = (key: string) => IMPORT_FIELDS.opportunity.find((f) => f.key === key)!;
const table: RawTable = { file: 'Orders.csv', path: '/x/Orders.csv', sheet: null, headers: ['OrderDate', 'Amount'], rows: [], encoding: 'utf-8', delimiter: ',' };

/** The error readCell gives for `value` in `column` on `line` (the parsing the import runs). */
function cellError(column: 'OrderDate' | 'Amount', line: number, value: string): RowError {
  const cells = column === 'OrderDate' ? [value, '10'] : ['2026-01-05', value];
  const r = readCell(field(column === 'OrderDate' ? 'close_date' : 'amount'), { column }, { table, row: { line, cells }, currency: 'USD', dateOrder: 'iso' });
  if (r.ok) throw new Error(`'${value}' was read as ${String(r.value)}`);
  return r.error;
}

describe('import problems by kind', () => {
  it('counts rows with the same problem together whatever their values, the largest group first', () => {
    const errors = [
      cellError('Amount', 2, 'ten'),
      cellError('OrderDate', 3, '2026-02-31'),
      cellError('OrderDate', 4, 'soon'),
      cellError('OrderDate', 9, '2026-02-31'),
      cellError('OrderDate', 12, 'later'),
      cellError('OrderDate', 15, 'never'),
      rowError('Orders.csv', 20, 'Account', '', 'partner is empty, and opportunity needs it.'),
      rowError('Orders.csv', 21, 'Account', '', 'partner is empty, and opportunity needs it.'),
    ];
    const groups = groupProblems(errors);
    expect(groups.map((g) => [g.column, g.problem, g.rows])).toEqual([
      ['OrderDate', 'not a date.', 5],
      ['Account', 'partner is empty, and opportunity needs it.', 2],
      ['Amount', 'not an amount.', 1],
    ]);
    const dates = groups[0]!;
    expect(dates.lines).toEqual([3, 4, 9, 12, 15]);
    expect(dates.values).toEqual(['2026-02-31', 'soon', 'later']);
    expect(dates.moreValues).toBe(true);
    expect(groups[1]!.values).toEqual([]);

    expect(problemLine(dates)).toBe("Orders.csv, column OrderDate: not a date (5 rows; lines 3, 4, 9, 12, 15; values '2026-02-31', 'soon', 'later', …).");
    expect(problemLine(groups[1]!)).toBe('Orders.csv, column Account: partner is empty, and opportunity needs it (2 rows; lines 20, 21).');
    // One row: its own sentence, with the line and the value; the problems table's own cell says only what is wrong.
    expect(problemLine(groups[2]!)).toBe("Orders.csv line 2, column Amount: 'ten' is not an amount.");
    expect(errors[0]!.what).toBe("'ten' is not an amount.");
  });

  it('shows the first lines only, says more follow, and keeps at most the groups asked for', () => {
    const errors = Array.from({ length: 2_089 }, (_, i) => rowError('sales_pipeline.csv', 2 + i * 3, 'close_date', '', 'close / order date is empty, and opportunity needs it.'));
    errors.push(rowError('sales_pipeline.csv', 7, 'close_value', '1,2,3', 'not an amount.'));
    const [g, other] = groupProblems(errors);
    expect(problemLine(g!)).toBe('sales_pipeline.csv, column close_date: close / order date is empty, and opportunity needs it (2,089 rows; lines 2, 5, 8, 11, 14, …).');
    expect(other!.rows).toBe(1);
    expect(groupProblems(errors, 1)).toHaveLength(1);
  });

  it('a problem with a whole file has no lines and reads as its sentence', () => {
    const [g] = groupProblems([rowError('Resellers.csv', null, 'Type', null, "there is no column 'Type' in this file (its columns: Name).")]);
    expect(g!.lines).toEqual([]);
    expect(problemLine(g!)).toBe("Resellers.csv, column Type: there is no column 'Type' in this file (its columns: Name).");
  });
});
