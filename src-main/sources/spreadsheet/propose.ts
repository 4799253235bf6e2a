/**
 * A proposed mapping for files nobody mapped yet: which entity each table holds and which
 * column is which field, from the header names (IMPORT_FIELDS' synonyms) checked against
 * sample values (a "date" column must read as dates, an "amount" as amounts). Every guess
 * carries a confidence; anything below CERTAIN is for the user to check, and the CLI stops
 * on it instead of importing a guess.
 */
import { headerKey, IMPORT_FIELDS, type ImportField } from '../../../src-shared/domain/import-fields';
import { IMPORT_ENTITIES, type FieldMapping, type FileMapping, type ImportEntity, type ImportMapping } from '../../../src-shared/domain/import-mapping';
import type { RawTable } from './read';
import { readCell, type CellContext } from './cells';
import { currencyOf, detectDateOrder, isMissing, parseAmount } from './values';

/** A one-cell table to check a value against a field's choices (cells.ts). */
function enumContext(v: string): CellContext {
  return { table: { file: '', path: '', sheet: null, headers: ['_'], rows: [], encoding: 'utf-8', delimiter: ',' }, row: { line: 0, cells: [v] }, currency: 'USD', dateOrder: null };
}

/** At or above this, a guess is taken without asking. */
export const CERTAIN = 0.8;

export interface FieldGuess {
  field: string;
  /** The column's header, or a template joining two (`{FirstName} {LastName}`); null: not in the file. */
  column: string | null;
  confidence: number;
}

export interface TableGuess {
  file: string;
  sheet: string | null;
  entity: ImportEntity | null;
  confidence: number;
  fields: FieldGuess[];
}

export interface Proposal {
  mapping: ImportMapping;
  tables: TableGuess[];
  /** "Resellers.csv: Owner (CAM) ← OwnerName (60%)": what to check before importing. */
  uncertain: string[];
}

const SAMPLE = 200;

function sample(table: RawTable, col: number): string[] {
  const out: string[] = [];
  for (const r of table.rows) {
    const v = r.cells[col];
    if (!isMissing(v)) out.push(v!.trim());
    if (out.length >= SAMPLE) break;
  }
  return out;
}

const FLAG_WORDS = new Set(['true', 'false', 'yes', 'no', 'y', 'n', '1', '0', 'x']);

/**
 * A record's name is mostly different from row to row, and is not a yes/no flag: a column
 * named like one ("has_company") whose values are TRUE and blank is not the name.
 */
function nameValuesFit(values: string[]): number {
  if (values.every((v) => FLAG_WORDS.has(v.toLowerCase()))) return 0;
  return Math.min(1, (new Set(values).size / values.length) * 2);
}

/** The entities whose name tells one record from another (a certification's is the course's, shared by its holders). */
const NAMED: ReadonlySet<ImportEntity> = new Set(['partner', 'user', 'contact']);

/** How well the values fit the field's kind, 0..1. */
function valueFit(field: ImportField, values: string[], entity: ImportEntity): number {
  if (values.length === 0) return 0.5;
  if (field.key === 'name' && NAMED.has(entity)) return nameValuesFit(values);
  switch (field.kind) {
    case 'date':
    case 'instant': {
      const r = detectDateOrder(values);
      return r.order || r.ambiguous ? 1 : 0;
    }
    case 'amount':
      return values.filter((v) => parseAmount(v) !== null).length / values.length;
    case 'currency':
      return values.filter((v) => currencyOf(v) !== null && v.trim().length <= 4).length / values.length;
    case 'int':
      return values.filter((v) => /^-?\d+$/.test(v)).length / values.length;
    case 'enum': {
      const known = (v: string) => readCell(field, { column: '_' }, enumContext(v)).ok;
      return values.filter(known).length / values.length;
    }
    default:
      return 1;
  }
}

function nameFit(field: ImportField, header: string): number {
  const h = headerKey(header);
  if (!h) return 0;
  const i = field.synonyms.indexOf(h);
  if (i === 0) return 0.95;
  if (i > 0) return 0.9;
  if (field.synonyms.some((s) => s.length >= 4 && h.includes(s))) return 0.6;
  return 0;
}

/** "{FirstName} {LastName}" when the table has both: a person's name split over two columns. */
export function personNameTemplate(table: RawTable): string | null {
  const first = table.headers.find((h) => ['firstname', 'givenname', 'first'].includes(headerKey(h)));
  const last = table.headers.find((h) => ['lastname', 'surname', 'familyname', 'last'].includes(headerKey(h)));
  return first && last ? `{${first}} {${last}}` : null;
}

function guessFields(table: RawTable, entity: ImportEntity): FieldGuess[] {
  const used = new Set<number>();
  const out: FieldGuess[] = [];
  for (const field of IMPORT_FIELDS[entity]) {
    const person = field.key === 'name' && (entity === 'user' || entity === 'contact') ? personNameTemplate(table) : null;
    if (person) {
      out.push({ field: field.key, column: person, confidence: 0.9 });
      continue;
    }
    let best: { col: number; score: number } | null = null;
    table.headers.forEach((h, col) => {
      // A key column may also be the name (accounts keyed by their name), and a rep column both seller and owner.
      if (used.has(col) && !['seller', 'owner_id', 'name'].includes(field.key)) return;
      const n = nameFit(field, h);
      if (n === 0) return;
      const score = n * valueFit(field, sample(table, col), entity);
      if (!best || score > best.score) best = { col, score };
    });
    const b = best as { col: number; score: number } | null;
    if (b && field.kind === 'enum' && b.score > 0 && b.score < CERTAIN && nameFit(field, table.headers[b.col]!) >= 0.9) {
      // The right column, but values Partnerbook has no word for: ask for a value map instead of guessing.
      out.push({ field: field.key, column: table.headers[b.col]!, confidence: Math.round(b.score * 100) / 100 });
    } else if (b && b.score >= 0.5) {
      used.add(b.col);
      out.push({ field: field.key, column: table.headers[b.col]!, confidence: Math.round(b.score * 100) / 100 });
    } else out.push({ field: field.key, column: null, confidence: field.required ? 0 : 1 });
  }
  // Files that name records only by their ids (an export of keys): the id is the name they
  // have, proposed for the user to confirm rather than leaving the name to be found.
  const name = out.find((g) => g.field === 'name');
  const id = out.find((g) => g.field === 'id');
  if (NAMED.has(entity) && name && !name.column && id?.column && !id.column.startsWith('{')) {
    name.column = id.column;
    name.confidence = 0.5;
  }
  return out;
}

function entityScore(fields: FieldGuess[], entity: ImportEntity): number {
  const defs = IMPORT_FIELDS[entity];
  const required = defs.filter((f) => f.required);
  const found = required.filter((f) => fields.find((g) => g.field === f.key)?.column);
  if (found.length < required.length) return (found.length / required.length) * 0.5;
  const optional = fields.filter((g) => g.column && !defs.find((d) => d.key === g.field)?.required).length;
  const avg = found.reduce((a, f) => a + fields.find((g) => g.field === f.key)!.confidence, 0) / Math.max(1, found.length);
  return Math.min(1, avg * 0.85 + Math.min(optional, 3) * 0.05);
}

/** Whether a column holds the same key on several rows (order lines of one order). */
function repeats(table: RawTable, column: string): boolean {
  const i = table.headers.indexOf(column);
  const seen = new Set<string>();
  for (const r of table.rows) {
    const v = r.cells[i] ?? '';
    if (seen.has(v)) return true;
    seen.add(v);
  }
  return false;
}

export function proposeMapping(tables: readonly RawTable[], name = 'Imported book'): Proposal {
  const guesses: TableGuess[] = [];
  const files: FileMapping[] = [];
  const uncertain: string[] = [];
  for (const table of tables) {
    let best: { entity: ImportEntity; score: number; fields: FieldGuess[] } | null = null;
    for (const entity of IMPORT_ENTITIES) {
      const fields = guessFields(table, entity);
      const score = entityScore(fields, entity);
      if (!best || score > best.score) best = { entity, score, fields };
    }
    const label = table.sheet ? `${table.file} (sheet ${table.sheet})` : table.file;
    if (!best || best.score < 0.5) {
      guesses.push({ file: table.file, sheet: table.sheet, entity: null, confidence: 0, fields: [] });
      uncertain.push(`${label}: which entity does it hold? (not recognised; it is left out)`);
      continue;
    }
    const confidence = Math.round(best.score * 100) / 100;
    guesses.push({ file: table.file, sheet: table.sheet, entity: best.entity, confidence, fields: best.fields });
    if (confidence < CERTAIN) uncertain.push(`${label}: holds ${best.entity.replace('_', ' ')}s? (${Math.round(confidence * 100)}%)`);
    const fields: Record<string, FieldMapping> = {};
    for (const g of best.fields) {
      if (!g.column) continue;
      fields[g.field] = g.column.startsWith('{') ? { template: g.column } : { column: g.column };
      if (g.confidence < CERTAIN) {
        const enumField = IMPORT_FIELDS[best.entity].find((f) => f.key === g.field)?.kind === 'enum';
        uncertain.push(
          enumField
            ? `${label}: ${g.field} ← ${g.column}: only ${Math.round(g.confidence * 100)}% of its values are ones Partnerbook knows; add a "values" map for the others, or leave the field out`
            : `${label}: ${g.field} ← ${g.column} (${Math.round(g.confidence * 100)}%)`,
        );
      }
    }
    const fm: FileMapping = { file: table.file, ...(table.sheet ? { sheet: table.sheet } : {}), entity: best.entity, fields };
    const idCol = fields.id?.column;
    if (idCol && repeats(table, idCol)) {
      fm.group = { by: idCol, sum: best.entity === 'opportunity' ? ['amount'] : [] };
      if (best.entity !== 'opportunity') uncertain.push(`${label}: the key ${idCol} repeats; are these lines of one record?`);
    }
    files.push(fm);
  }
  const hasSeller = files.some((f) => f.entity === 'opportunity' && f.fields.seller);
  const partnerOwner = files.some((f) => f.entity === 'partner' && !f.fields.owner_id) && hasSeller ? 'top_seller' : 'column';
  const currency = proposedCurrency(tables, files, uncertain);
  const mapping: ImportMapping = { version: 1, name, currency, tiers: 'revenue_bands', partnerOwner, files };
  return { mapping, tables: guesses, uncertain };
}

/** Cells of a column looked at for the currency they name. */
const CURRENCY_SAMPLE = 10_000;

/**
 * The currency the amounts name ('€1.234,56', '250 EUR', a Currency column): the most common
 * one, USD when none names any. Several: the most common is proposed and the others are
 * for the user to check (the import would refuse their rows).
 */
function proposedCurrency(tables: readonly RawTable[], files: readonly FileMapping[], uncertain: string[]): string {
  const counts = new Map<string, number>();
  for (const fm of files) {
    const table = tables.find((t) => t.file === fm.file && t.sheet === (fm.sheet ?? null));
    if (!table) continue;
    for (const field of IMPORT_FIELDS[fm.entity]) {
      const column = fm.fields[field.key]?.column;
      if ((field.kind !== 'amount' && field.kind !== 'currency') || !column) continue;
      const col = table.headers.indexOf(column);
      for (const r of table.rows.slice(0, CURRENCY_SAMPLE)) {
        const v = r.cells[col];
        const code = isMissing(v) ? null : currencyOf(v!);
        if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
      }
    }
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return 'USD';
  const [first] = ranked[0]!;
  if (ranked.length > 1) {
    const each = ranked.map(([code, n]) => `${code} in ${n.toLocaleString('en-US')} cell${n === 1 ? '' : 's'}`).join(', ');
    uncertain.push(`the amounts are in more than one currency (${each}): the import reads them as ${first} and refuses the rows in another; set "currency" to the one to import`);
  }
  return first;
}
