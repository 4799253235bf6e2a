/**
 * Reads the rows of each mapped file into draft records: the `where` filter, the field
 * cells (cells.ts), and `group` (order lines summed into one order; lines that disagree
 * on a field not summed are a problem, and an order with a bad line is left out whole
 * when bad rows are skipped, never kept with a total short of that line). Date columns get
 * their day/month order from the mapping or from the whole column (values.ts); an
 * ambiguous column is a question for the user, never a guess.
 */
import { IMPORT_FIELDS, type ImportField } from '../../../src-shared/domain/import-fields';
import type { DateOrderName, FileMapping, ImportMapping } from '../../../src-shared/domain/import-mapping';
import { columnIndex, rawOf, readCell, rowError, type RowError } from './cells';
import { detectDecimalMark, type DecimalReading } from './decimals';
import type { RawRow, RawTable } from './read';
import { detectDateOrder, isMissing } from './values';

export interface Draft {
  file: string;
  line: number;
  /** Parsed field values; null = not in the file. */
  values: Record<string, string | number | null>;
}

/** A column whose dates read both ways (every value ≤ 12/12): the user says which. */
export interface DateQuestion {
  file: string;
  sheet: string | null;
  field: string;
  column: string;
  examples: string[];
}

/** Every distinct value of a choice column Partnerbook has no word for (for a value map), not just the first errors. */
export interface UnknownValues {
  file: string;
  column: string;
  field: string;
  values: string[];
}

export interface ReadResult {
  drafts: Draft[];
  errors: RowError[];
  questions: DateQuestion[];
  unknown: UnknownValues[];
}

/** The table a file mapping names (file name and sheet compared case-insensitively). */
export function tableFor(tables: readonly RawTable[], fm: FileMapping): RawTable | undefined {
  const name = fm.file.toLowerCase();
  return tables.find((t) => t.file.toLowerCase() === name && (fm.sheet ? (t.sheet ?? '').toLowerCase() === fm.sheet.toLowerCase() : true));
}

function columnsOf(fm: FileMapping): string[] {
  const out: string[] = [];
  for (const m of Object.values(fm.fields)) {
    if (m.column) out.push(m.column);
    if (m.template) for (const x of m.template.matchAll(/\{([^}]+)\}/g)) out.push(x[1]!);
  }
  if (fm.where) out.push(fm.where.column);
  if (fm.group) out.push(fm.group.by);
  return out;
}

export function readMappedFile(table: RawTable, fm: FileMapping, mapping: ImportMapping): ReadResult {
  const errors: RowError[] = [];
  const questions: DateQuestion[] = [];
  const fields = IMPORT_FIELDS[fm.entity];
  for (const key of Object.keys(fm.fields)) {
    if (!fields.some((f) => f.key === key)) {
      errors.push(rowError(table.file, null, null, null, `the mapping names a field '${key}' that ${fm.entity} does not have.`));
    }
  }
  for (const c of columnsOf(fm)) {
    if (columnIndex(table, c) === null) errors.push(rowError(table.file, null, c, null, `there is no column '${c}' in this file (its columns: ${table.headers.slice(0, 12).join(', ')}${table.headers.length > 12 ? ', …' : ''}).`));
  }
  for (const f of fields) {
    if (f.required && !fm.fields[f.key]) errors.push(rowError(table.file, null, null, null, `choose the column that holds ${f.label.toLowerCase()} (${fm.entity} needs it).`));
  }
  if (errors.length > 0) return { drafts: [], errors, questions, unknown: [] };

  let rows: RawRow[] = table.rows;
  if (fm.where) {
    const wi = columnIndex(table, fm.where.column)!;
    const allowed = new Set(fm.where.in.map((v) => v.trim().toLowerCase()));
    rows = rows.filter((r) => allowed.has((r.cells[wi] ?? '').trim().toLowerCase()));
  }

  // Day/month order per date field: from the mapping, else from every value of the column.
  const orders = new Map<string, DateOrderName | null>();
  // Decimal mark per amount field, from every value of the column ("1.234" reads two ways).
  const decimals = new Map<string, DecimalReading>();
  const mapped: [ImportField, NonNullable<FileMapping['fields'][string]>][] = [];
  for (const f of fields) {
    const m = fm.fields[f.key];
    if (!m) continue;
    mapped.push([f, m]);
    if (f.kind === 'amount') decimals.set(f.key, detectDecimalMark(rows.map((r) => rawOf(m, table, r)).filter((v): v is string => v !== null)));
    if (f.kind !== 'date' && f.kind !== 'instant') continue;
    if (m.dateOrder || m.value !== undefined) {
      orders.set(f.key, m.dateOrder ?? 'iso');
      continue;
    }
    const values = rows.map((r) => rawOf(m, table, r)).filter((v): v is string => v !== null && !isMissing(v));
    const reading = detectDateOrder(values);
    if (values.length === 0) orders.set(f.key, 'iso'); // every cell empty: nothing to read either way
    else if (reading.order) orders.set(f.key, reading.order);
    else if (reading.ambiguous) {
      orders.set(f.key, null);
      questions.push({ file: table.file, sheet: table.sheet, field: f.key, column: m.column ?? m.template ?? '', examples: values.slice(0, 3) });
    } else {
      orders.set(f.key, null);
      const col = m.column ?? m.template ?? null;
      const examples = reading.bad.slice(0, 2).map((b) => `'${b.value}'`).join(', ');
      errors.push(
        rowError(table.file, null, col, null, reading.bad.length >= values.length ? `these are not dates (e.g. ${examples}); choose the column that holds ${f.label.toLowerCase()}.` : `its dates are written in more than one way (e.g. ${examples}); make the column consistent.`),
      );
    }
  }
  if (questions.length > 0 || errors.length > 0) return { drafts: [], errors, questions, unknown: [] };

  const drafts: Draft[] = [];
  const groups = new Map<string, Draft>();
  const groupIndex = fm.group ? columnIndex(table, fm.group.by)! : null;
  const sums = new Set(fm.group?.sum ?? []);
  /** Groups with a line that has a problem, and that line. */
  const badGroups = new Map<string, number>();
  /** How many good lines each group has, and its first. */
  const groupLines = new Map<string, number>();
  const firstRows = new Map<string, RawRow>();
  const unknown = new Map<string, { file: string; column: string; field: string; values: Set<string> }>();
  for (const row of rows) {
    const values: Draft['values'] = {};
    let bad = false;
    for (const [f, m] of mapped) {
      const r = readCell(f, m, { table, row, currency: mapping.currency, dateOrder: orders.get(f.key) ?? null, decimal: decimals.get(f.key) });
      if (!r.ok) {
        errors.push(r.error);
        bad = true;
        if (f.kind === 'enum' && m.column && r.error.value !== null) {
          const u = unknown.get(f.key) ?? { file: table.file, column: m.column, field: f.key, values: new Set<string>() };
          u.values.add(r.error.value);
          unknown.set(f.key, u);
        }
        continue;
      }
      if (r.value === null && f.required) {
        errors.push(rowError(table.file, row.line, m.column ?? null, '', `${f.label.toLowerCase()} is empty, and ${fm.entity} needs it.`));
        bad = true;
      }
      values[f.key] = r.value;
    }
    if (bad) {
      // A line with a problem takes its whole group (order) with it: a total without it would be wrong.
      if (groupIndex !== null) {
        const key = (row.cells[groupIndex] ?? '').trim();
        if (!badGroups.has(key)) badGroups.set(key, row.line);
      }
      continue;
    }
    if (groupIndex === null) {
      drafts.push({ file: table.file, line: row.line, values });
      continue;
    }
    const key = (row.cells[groupIndex] ?? '').trim();
    const seen = groups.get(key);
    // Lines of one order that disagree (another partner, date, seller …): the order's total would be credited wrongly.
    const clash = seen ? disagreement(mapped, sums, seen, firstRows.get(key)!, values, key, table, row) : null;
    if (clash) {
      errors.push(clash);
      if (!badGroups.has(key)) badGroups.set(key, row.line);
      continue;
    }
    groupLines.set(key, (groupLines.get(key) ?? 0) + 1);
    if (!seen) {
      firstRows.set(key, row);
      const d = { file: table.file, line: row.line, values };
      groups.set(key, d);
      drafts.push(d);
      continue;
    }
    for (const s of sums) {
      const a = seen.values[s];
      const b = values[s];
      if (typeof a === 'number' && typeof b === 'number') seen.values[s] = a + b;
    }
  }
  let kept = drafts;
  if (badGroups.size > 0) {
    const keyOf = new Map([...groups].map(([key, g]) => [g, key] as const));
    kept = drafts.filter((d) => {
      const key = keyOf.get(d);
      return key === undefined || !badGroups.has(key);
    });
    for (const [key, g] of groups) {
      const badLine = badGroups.get(key);
      if (badLine === undefined) continue;
      const lines = groupLines.get(key) ?? 1;
      errors.push({
        ...rowError(
          table.file,
          g.line,
          fm.group!.by,
          key,
          `${key} is left out whole: its line ${badLine} has a problem, and its ${[...sums].join(' and ') || 'total'} without that line would be wrong.`,
          'left out whole: another of its lines has a problem (its total without that line would be wrong).',
        ),
        orderLines: lines,
      });
    }
  }
  return { drafts: kept, errors, questions, unknown: [...unknown.values()].map((u) => ({ ...u, values: [...u.values].slice(0, MAX_UNKNOWN) })) };
}

const MAX_UNKNOWN = 200;

/** The first field (not summed) on which a line of an order disagrees with the order's first line, as a row error; null when they agree. */
function disagreement(
  mapped: readonly (readonly [ImportField, NonNullable<FileMapping['fields'][string]>])[],
  sums: ReadonlySet<string>,
  first: Draft,
  firstRow: RawRow,
  values: Draft['values'],
  key: string,
  table: RawTable,
  row: RawRow,
): RowError | null {
  for (const [f, m] of mapped) {
    if (sums.has(f.key)) continue;
    const a = first.values[f.key];
    const b = values[f.key];
    if (a === null || a === undefined || b === null || b === undefined || a === b) continue;
    const label = f.label.toLowerCase();
    const raw = rawOf(m, table, row) ?? String(b);
    const must = `the lines of an order must agree on its ${label}; correct the line, or give it an order key of its own.`;
    return rowError(table.file, row.line, m.column ?? m.template ?? null, raw, `'${raw}' differs from ${key}'s line ${first.line} ('${rawOf(m, table, firstRow) ?? String(a)}'): ${must}`, `differs from its order's first line: ${must}`);
  }
  return null;
}
