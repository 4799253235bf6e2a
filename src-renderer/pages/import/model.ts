/**
 * The wizard's mapping edits, kept pure: which mapping entry belongs to which table, what a
 * field's dropdown offers (the table's columns, "First + last name", what a saved mapping
 * set), what choosing one does, and the sample value a choice reads from the first row.
 */
import { headerKey, type ImportField } from '../../../src-shared/domain/import-fields';
import { IMPORT_ENTITIES, IMPORT_ENTITY_LABELS, type FieldMapping, type FileMapping, type ImportEntity, type ImportMapping } from '../../../src-shared/domain/import-mapping';
import type { FieldGuessView, ImportInspection, ImportReport, TablePreview } from '../../../src-shared/methods/import';
import { humanize } from '../../lib/format';

/** At or above this a proposed guess needs no check (the API's own threshold). */
export const CERTAIN = 0.8;

export const NOT_IN_FILE = '';

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** "Resellers.csv", "Book.xlsx · Partners". */
export function tableLabel(t: Pick<TablePreview, 'file' | 'sheet'>): string {
  return t.sheet ? `${t.file} · ${t.sheet}` : t.file;
}

export function tableKey(t: Pick<TablePreview, 'file' | 'sheet'>): string {
  return `${t.file}\u0000${t.sheet ?? ''}`;
}

export function fileMappingOf(mapping: ImportMapping, t: TablePreview): FileMapping | undefined {
  return mapping.files.find((f) => same(f.file, t.file) && (t.sheet === null ? !f.sheet : same(f.sheet, t.sheet)));
}

/** The mapping with this table's entry replaced (null: the table is left out), in the tables' order. */
export function withFileMapping(mapping: ImportMapping, tables: readonly TablePreview[], t: TablePreview, next: FileMapping | null): ImportMapping {
  const files: FileMapping[] = [];
  for (const other of tables) {
    const fm = other === t ? next : fileMappingOf(mapping, other);
    if (fm) files.push(fm);
  }
  return { ...mapping, files };
}

/** The value a dropdown option stands for. */
export function choiceOf(m: FieldMapping | undefined): string {
  if (!m) return NOT_IN_FILE;
  if (m.column !== undefined) return `col:${m.column}`;
  if (m.template !== undefined) return `tpl:${m.template}`;
  return `val:${JSON.stringify(m.value ?? null)}`;
}

export interface Choice {
  value: string;
  label: string;
}

/** `{FirstName} {LastName}` when the table has both columns. */
export function fullNameTemplate(headers: readonly string[]): string | null {
  const first = headers.find((h) => headerKey(h) === 'firstname');
  const last = headers.find((h) => headerKey(h) === 'lastname');
  return first && last ? `{${first}} {${last}}` : null;
}

/** What the field's dropdown offers. */
export function choicesFor(t: TablePreview, field: ImportField, current: FieldMapping | undefined): Choice[] {
  const out: Choice[] = [{ value: NOT_IN_FILE, label: '— not in the file —' }];
  const template = field.kind === 'text' && field.key === 'name' ? fullNameTemplate(t.headers) : null;
  if (template) out.push({ value: `tpl:${template}`, label: 'First + last name' });
  for (const h of t.headers) out.push({ value: `col:${h}`, label: h });
  const now = choiceOf(current);
  if (current && !out.some((c) => c.value === now)) {
    if (current.template !== undefined) out.push({ value: now, label: `Joined: ${current.template}` });
    else if (current.value !== undefined) out.push({ value: now, label: `Always: ${current.value === null ? 'empty' : String(current.value)}` });
    else out.push({ value: now, label: `${current.column ?? ''} (not in this file)` });
  }
  return out;
}

/** The file mapping after the user picks `choice` for `field`. */
export function applyChoice(fm: FileMapping, field: string, choice: string): FileMapping {
  const before = fm.fields[field];
  const fields = Object.fromEntries(Object.entries(fm.fields).filter(([k]) => k !== field));
  if (choice === NOT_IN_FILE) {
    /* not in the file: no entry */
  } else if (choice.startsWith('col:')) fields[field] = { column: choice.slice(4) };
  else if (choice.startsWith('tpl:')) fields[field] = { template: choice.slice(4) };
  else fields[field] = { value: JSON.parse(choice.slice(4)) as FieldMapping['value'] };
  const next: FileMapping = { ...fm, fields };
  // Order lines are grouped by the key: the grouping follows the key's column.
  if (field === 'id' && fm.group && before?.column !== undefined && same(fm.group.by, before.column)) {
    const col = fields.id?.column;
    if (col) next.group = { ...fm.group, by: col };
    else delete next.group;
  }
  return next;
}

export function withDateOrder(fm: FileMapping, field: string, order: 'dmy' | 'mdy' | null): FileMapping {
  const m = fm.fields[field];
  if (!m) return fm;
  const next: FieldMapping = { ...m };
  delete next.dateOrder;
  if (order) next.dateOrder = order;
  return { ...fm, fields: { ...fm.fields, [field]: next } };
}

/** What a choice reads from the table's first row ("—" when empty). */
export function sampleOf(t: TablePreview, m: FieldMapping | undefined): string | null {
  if (!m) return null;
  const row = t.sample[0];
  if (m.value !== undefined) return m.value === null ? null : String(m.value);
  if (!row) return null;
  const cell = (name: string) => {
    const i = t.headers.findIndex((h) => same(h, name));
    return i < 0 ? null : (row[i] ?? null);
  };
  if (m.template !== undefined) {
    const out = m.template.replace(/\{([^}]+)\}/g, (_, name: string) => cell(name)?.trim() ?? '').replace(/\s+/g, ' ').trim();
    return out || null;
  }
  const v = cell(m.column ?? '');
  return v === null || v.trim() === '' ? null : v;
}

/** The proposal's guess for this field, while the mapping still holds it. */
export function guessFor(inspection: ImportInspection, t: TablePreview, entity: ImportEntity, field: string, m: FieldMapping | undefined): FieldGuessView | null {
  if (inspection.saved || !m) return null;
  const table = inspection.guesses.find((g) => same(g.file, t.file) && same(g.sheet, t.sheet));
  if (!table || table.entity !== entity) return null;
  const g = table.fields.find((f) => f.field === field);
  if (!g || g.column === null) return null;
  // A guess joining columns is written as its template ("{FirstName} {LastName}").
  return (g.column.startsWith('{') ? g.column === m.template : same(g.column, m.column)) ? g : null;
}

/** A fresh entry for a table the user assigns to `entity`: columns whose header is a known name for a field. */
export function startFileMapping(t: TablePreview, entity: ImportEntity, fields: readonly ImportField[]): FileMapping {
  const used = new Set<string>();
  const out: Record<string, FieldMapping> = {};
  for (const f of fields) {
    const h = t.headers.find((x) => !used.has(x) && f.synonyms.includes(headerKey(x)));
    if (!h) continue;
    used.add(h);
    out[f.key] = { column: h };
  }
  return { file: t.file, ...(t.sheet ? { sheet: t.sheet } : {}), entity, fields: out };
}

/** The preview's day/month question for this field, if it asks one. */
export function questionFor(report: ImportReport | null, t: TablePreview, field: string): ImportReport['questions'][number] | null {
  return report?.questions.find((q) => same(q.file, t.file) && same(q.sheet, t.sheet) && q.field === field) ?? null;
}

const OTHER_LABELS: Record<string, string> = { tier: 'Tiers', user: 'Users / owners' };

/** "Partners", "Opportunities / orders", "Tiers". */
export function entityLabel(name: string): string {
  return (IMPORT_ENTITY_LABELS as Record<string, string>)[name] ?? OTHER_LABELS[name] ?? name.replace(/_/g, ' ');
}

/** Entity names in the order of the import's entities, others (tiers) after. */
export function entityOrder(names: Iterable<string>): string[] {
  const rank = (n: string) => {
    const i = (IMPORT_ENTITIES as readonly string[]).indexOf(n);
    return i < 0 ? IMPORT_ENTITIES.length : i;
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Whether the report's problems stop the import even with bad rows skipped. */
export function blocking(report: ImportReport): string | null {
  if (report.questions.length > 0) return 'Choose the day/month order of the dates marked in the mapping first.';
  if (report.errors.some((e) => e.line === null)) return 'Fix the mapping first: the problems below concern whole files.';
  if ((report.records.partner ?? 0) === 0) return 'Map one file as Partners: a book needs partners.';
  return null;
}

/** Raw values of a mapped choice column that the preview says Partnerbook has no word for, and those already translated. */
export function valuesToTranslate(report: ImportReport | null, t: TablePreview, m: FieldMapping | undefined): string[] {
  if (m?.column === undefined) return [];
  const out: string[] = Object.keys(m.values ?? {});
  for (const u of report?.unknownValues ?? []) {
    if (!same(u.file, t.file) || !same(u.column, m.column)) continue;
    for (const v of u.values) if (!out.some((x) => same(x, v))) out.push(v);
  }
  for (const e of report?.errors ?? []) {
    if (e.line === null || e.value === null || e.value === '' || !same(e.file, t.file) || !same(e.column, m.column)) continue;
    if (!out.some((v) => same(v, e.value))) out.push(e.value);
  }
  return out;
}

/** The field mapping with `raw` translated to `to` (null: the field's default; undefined: no translation). */
export function withValue(m: FieldMapping, raw: string, to: string | null | undefined): FieldMapping {
  const values = Object.fromEntries(Object.entries(m.values ?? {}).filter(([k]) => !same(k, raw)));
  if (to !== undefined) values[raw] = to;
  const next: FieldMapping = { ...m, values };
  if (Object.keys(values).length === 0) delete next.values;
  return next;
}

/** A choice as shown: `closed_won` → "Closed won", `cam` → "CAM". */
export function choiceLabel(value: string): string {
  return value === 'cam' ? 'CAM' : /^[a-z_]+$/.test(value) ? humanize(value) : value;
}
