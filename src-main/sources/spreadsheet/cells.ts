/**
 * One cell of a mapped file turned into the value a field takes: the column (or template,
 * or constant), the mapping's value translations, then the field's kind (key, date,
 * amount, choice …). Every refusal is a `CellError` that names file, line, column and value.
 */
import type { ImportField } from '../../../src-shared/domain/import-fields';
import type { DateOrderName, FieldMapping } from '../../../src-shared/domain/import-mapping';
import { fromMajor } from '../../../src-shared/domain/money';
import { markFor, twoWaysProblem, type DecimalReading } from './decimals';
import type { RawRow, RawTable } from './read';
import { currencyOf, isMissing, otherCurrency, parseAmount, parseDate } from './values';

export interface RowError {
  file: string;
  line: number | null;
  column: string | null;
  value: string | null;
  /** The whole sentence: "FactResellerSales.csv line 4,812, column OrderDate: '31/02/2019' is not a date." */
  message: string;
  /** The sentence after where it is: "'31/02/2019' is not a date." (for a table whose columns say where). */
  what: string;
  /** What is wrong without the row's value ("not a date."): rows with the same problem in the same column are counted together. */
  problem: string;
  /**
   * Set on the notice that an order is left out whole because one of its lines has a problem
   * (rows.ts): not a problem of this row, but how many good lines of the order go with it.
   */
  orderLines?: number;
}

/** `what` is the sentence's end; `problem` the same without the value (by default `what`, for one that names none). */
export function rowError(file: string, line: number | null, column: string | null, value: string | null, what: string, problem = what): RowError {
  const at = line !== null ? `${file} line ${line.toLocaleString('en-US')}` : file;
  const where = column !== null ? `${at}, column ${column}` : at;
  return { file, line, column, value, message: `${where}: ${what}`, what, problem };
}

/** Common words for the fixed choices, so most exports need no value map. */
const BUILT_IN_VALUES: Record<string, Record<string, string>> = {
  stage: {
    won: 'closed_won',
    closedwon: 'closed_won',
    booked: 'closed_won',
    lost: 'closed_lost',
    closedlost: 'closed_lost',
    engaging: 'qualification',
    qualifying: 'qualification',
    qualified: 'qualification',
    prospect: 'prospecting',
    proposal: 'proposal',
    quote: 'proposal',
    negotiating: 'negotiation',
  },
  type: {
    valueaddedreseller: 'var',
    var: 'var',
    reseller: 'reseller',
    distributor: 'reseller',
    managedserviceprovider: 'msp',
    systemsintegrator: 'si',
    globalsystemsintegrator: 'gsi',
    referral: 'referral',
    marketplace: 'marketplace',
  },
  partner_role: { resale: 'sourced', sourced: 'sourced', influenced: 'influenced', influence: 'influenced', cosell: 'co_sell' },
  status: { atrisk: 'at_risk', active: 'active', onboarding: 'onboarding', churned: 'churned', inactive: 'churned' },
  role: { cam: 'cam', manager: 'manager', salesmanager: 'manager' },
};

const norm = (s: string) => s.trim().toLowerCase();
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The column's index in the table, or null. */
export function columnIndex(table: RawTable, column: string): number | null {
  const i = table.headers.findIndex((h) => norm(h) === norm(column));
  return i < 0 ? null : i;
}

export interface CellContext {
  table: RawTable;
  row: RawRow;
  /** Amount currency when the cell carries none. */
  currency: string;
  dateOrder: DateOrderName | null;
  /** The decimal mark of the amount column, read from all its values (decimals.ts); none given: '.'. */
  decimal?: DecimalReading;
}

export type CellResult = { ok: true; value: string | number | null } | { ok: false; error: RowError };

/** The raw text a field mapping reads from a row (null when missing). */
export function rawOf(m: FieldMapping, table: RawTable, row: RawRow): string | null {
  if (m.value !== undefined) return m.value === null ? null : String(m.value);
  if (m.template !== undefined) {
    let anyPresent = false;
    const out = m.template.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const i = columnIndex(table, name);
      const v = i === null ? null : row.cells[i];
      if (isMissing(v)) return '';
      anyPresent = true;
      return v!.trim();
    });
    return anyPresent ? out.replace(/\s+/g, ' ').trim() : null;
  }
  const i = columnIndex(table, m.column!);
  const v = i === null ? null : row.cells[i];
  return isMissing(v) ? null : v!.trim();
}

/** Parses one field of one row. Null means "not in the file" (the caller applies the default or refuses a required field). */
export function readCell(field: ImportField, m: FieldMapping, ctx: CellContext): CellResult {
  const column = m.column ?? (m.template ? m.template : null);
  const fail = (value: string, what: string, problem: string): CellResult => ({ ok: false, error: rowError(ctx.table.file, ctx.row.line, column, value, what, problem) });
  let raw = rawOf(m, ctx.table, ctx.row);
  if (raw === null) return { ok: true, value: null };
  if (m.values) {
    const hit = Object.entries(m.values).find(([k]) => norm(k) === norm(raw!));
    if (hit) {
      if (hit[1] === null) return { ok: true, value: null };
      raw = hit[1];
    }
  }
  switch (field.kind) {
    case 'id':
    case 'ref':
      if (raw.length > 64) return fail(raw, `'${raw.slice(0, 40)}…' is too long for a key (at most 64 characters).`, 'too long for a key (at most 64 characters).');
      return { ok: true, value: raw };
    case 'text':
      return { ok: true, value: raw.slice(0, 2000) };
    case 'enum': {
      const options = field.options ?? [];
      const direct = options.find((o) => squash(o) === squash(raw!));
      const known = direct ?? BUILT_IN_VALUES[field.key]?.[squash(raw)];
      if (known && options.includes(known)) return { ok: true, value: known };
      const notKnown = `not a ${field.label.toLowerCase()} Partnerbook knows (${options.join(', ')}); map it to one of them.`;
      return fail(raw, `'${raw}' is ${notKnown}`, notKnown);
    }
    case 'date':
    case 'instant': {
      if (!ctx.dateOrder) return fail(raw, `'${raw}': choose how this column orders day and month.`, 'choose how this column orders day and month.');
      const iso = parseDate(raw, ctx.dateOrder);
      if (!iso) {
        const notDate = `not a date${ctx.dateOrder === 'iso' || ctx.dateOrder === 'serial' ? '' : ` (read as ${ctx.dateOrder === 'dmy' ? 'day/month/year' : 'month/day/year'})`}.`;
        return fail(raw, `'${raw}' is ${notDate}`, notDate);
      }
      return { ok: true, value: field.kind === 'instant' ? `${iso}T00:00:00Z` : iso };
    }
    case 'amount': {
      // A cell in another currency is never stored as if it were in the import's.
      const other = otherCurrency(raw, ctx.currency);
      if (other) {
        const problem = `in ${other}, but this import reads amounts as ${ctx.currency}; convert the column to ${ctx.currency}, or import ${other} amounts in an import of their own.`;
        return fail(raw, `'${raw}' is ${problem}`, problem);
      }
      // An Excel number's '.' is a decimal point, whatever the column's other cells show.
      const at = m.column !== undefined && m.values === undefined ? columnIndex(ctx.table, m.column) : null;
      const exact = at !== null && ctx.row.exact?.includes(at) === true;
      const twoWays = exact ? null : twoWaysProblem(raw, ctx.decimal);
      if (twoWays) return fail(raw, twoWays.what, twoWays.problem);
      const major = parseAmount(raw, exact ? '.' : markFor(ctx.decimal));
      if (major === null) return fail(raw, `'${raw}' is not an amount.`, 'not an amount.');
      const minor = fromMajor(major, ctx.currency);
      if (!Number.isSafeInteger(minor)) return fail(raw, `'${raw}' is too large an amount.`, 'too large an amount.');
      return { ok: true, value: minor };
    }
    case 'currency': {
      const code = currencyOf(raw);
      if (code === null || raw.replace(/[\s.]/g, '').length > 4) {
        const notCurrency = 'not a currency: write an ISO code such as USD or EUR.';
        return fail(raw, `'${raw}' is ${notCurrency}`, notCurrency);
      }
      // The same rule as for a currency written in an amount cell: a bare '$' is fine in a CAD import.
      const other = otherCurrency(raw, ctx.currency);
      if (other) {
        const problem = `this row's amounts are in ${other}, but this import reads amounts as ${ctx.currency}; convert them to ${ctx.currency}, or import ${other} rows in an import of their own.`;
        return fail(raw, `'${raw}': ${problem}`, problem);
      }
      return { ok: true, value: ctx.currency };
    }
    case 'int': {
      const n = Number(raw.replace(',', '.'));
      if (!Number.isInteger(n)) return fail(raw, `'${raw}' is not a whole number.`, 'not a whole number.');
      return { ok: true, value: n };
    }
  }
}
