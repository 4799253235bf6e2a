/**
 * Spreadsheet import into the open workspace (a spreadsheet workspace; README
 * "Spreadsheet import"). The files travel in chunks (`import.stage`: the harness takes at
 * most 5 MB per request), then `import.inspect` reads them and proposes a mapping,
 * `import.preview` shows what a mapping makes of them (nothing written), and `import.run`
 * applies it in one transaction. `import.status` says what the last import brought.
 */
import { z } from 'zod';
import { importMappingSchema, type ImportMapping } from '../domain/import-mapping';
import type { ImportField } from '../domain/import-fields';
import type { ImportEntity } from '../domain/import-mapping';
import { method } from './define';

/** Largest chunk of a staged file, in bytes before base64. */
export const STAGE_CHUNK_BYTES = 2 * 1024 * 1024;

export interface StagedFile {
  name: string;
  bytes: number;
}

export interface TablePreview {
  file: string;
  sheet: string | null;
  headers: string[];
  /** The first rows as read (at most 5). */
  sample: (string | null)[][];
  rows: number;
  encoding: string;
  /** A UTF-8 file with a few bytes that were not: which lines, in words (null otherwise). */
  encodingNote: string | null;
}

export interface FieldGuessView {
  field: string;
  column: string | null;
  confidence: number;
}

export interface TableGuessView {
  file: string;
  sheet: string | null;
  entity: ImportEntity | null;
  confidence: number;
  fields: FieldGuessView[];
}

export interface ImportInspection {
  tables: TablePreview[];
  /** The mapping proposed from headers and values (or the workspace's saved one, when it fits these files). */
  mapping: ImportMapping;
  /** Confidence of each guess (absent for a saved mapping). */
  guesses: TableGuessView[];
  /** Guesses below the confidence the import takes without asking, in words. */
  uncertain: string[];
  /** The fields each entity has (for the mapping dropdowns). */
  fields: Record<ImportEntity, readonly ImportField[]>;
  /** True when `mapping` is the one saved by this workspace's last import. */
  saved: boolean;
}

export interface ImportRowErrorView {
  file: string;
  line: number | null;
  column: string | null;
  value: string | null;
  message: string;
  /** The message after where it is ("'31/02/2019' is not a date."). */
  what: string;
}

/** Problems of one kind: the same problem in the same column of the same file, counted over every row. */
export interface ImportProblemGroupView {
  file: string;
  column: string | null;
  /** What is wrong, without a row's value ("not a date."). */
  problem: string;
  /** Problems in the group (one per row: a row has at most one problem per column). */
  rows: number;
  /** The first lines it is on, in file order (at most 5; none for a problem with a whole file). */
  lines: number[];
  /** The first distinct values it was seen with (at most 3; none for empty cells). */
  values: string[];
  /** More distinct values were seen than `values` holds. */
  moreValues: boolean;
  /** The first problem's whole sentence: a group of one reads as it. */
  first: string;
}

export interface ImportCountsView {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

/** What an import's files lack when they hold no order or opportunity at all (a partner list alone), as `missing` says it. */
export const NO_ORDERS_MISSING = 'orders and opportunities (so no revenue or pipeline)';

export interface ImportReport {
  ok: boolean;
  /** Written (import.run) — false for a preview or a refused import. */
  applied: boolean;
  message: string;
  errors: ImportRowErrorView[];
  errorCount: number;
  /** Every problem counted by kind, the largest group first (at most 20 groups). */
  problems: ImportProblemGroupView[];
  /** Rows with at least one problem: what "import without the bad rows" leaves out. */
  badRows: number;
  /** The good lines of orders with a bad line: left out too, each order whole (its total without the bad line would be wrong). */
  orderLinesLeftOut: number;
  /** Date columns that read both ways: the user picks the order (mapping field `dateOrder`). */
  questions: { file: string; sheet: string | null; field: string; column: string; examples: string[] }[];
  /** Every value of a choice column Partnerbook has no word for (give each a meaning in the field's `values`). */
  unknownValues: { file: string; column: string; field: string; values: string[] }[];
  rowsRead: Record<string, number>;
  /** Records the files make, per entity. */
  records: Record<string, number>;
  /** Partners the files name no owner for: listed under "Unassigned", which `records.user` counts. */
  unassignedPartners: number;
  totals: ImportCountsView | null;
  byEntity: Record<string, ImportCountsView>;
  /** The first rows the import would remove (confirm to apply; `totals.removed` counts them all). */
  removals: { entity: string; id: string; name: string | null }[];
  /** Made in this workspace for the partners it removes, and removed with them ("2 plans and 5 notes"); null when nothing. */
  alsoRemoved: string | null;
  /** The book's last date: views compute as of it when it is before today. */
  lastDate: string | null;
  /** What the files do not hold, in words ("engagement events", "PSAT responses"): shown as "no data". */
  missing: string[];
  /** The first records of each entity as they will be stored (preview). */
  samples: Record<string, Record<string, unknown>[]>;
}

/**
 * Where a running import (or its preview) is, sent as the `import.progress` event while it
 * runs in the background: reading the files, checking the rows against the book, writing
 * the changes (one transaction: all of them or none).
 */
export interface ImportProgress {
  phase: 'reading' | 'checking' | 'writing';
  /**
   * Rows read from the files (checking), or changes to write (writing, once compared with
   * the book); absent while reading and while the writing waits to start.
   */
  count?: number;
}

export interface ImportStatusView {
  /** Null: nothing was imported into this workspace yet. */
  last: { importedAt: string; files: string[]; mapping: string; lastDate: string | null; missing: string[] } | null;
  /** The workspace holds a book from files (its edits live only here). */
  spreadsheet: boolean;
}

const fileName = z
  .string()
  .min(1)
  .max(200)
  .refine((n) => !/[\\/]|^\.\.?$/.test(n), 'a file name, not a path')
  // Control characters are no part of a real file's name; disks take names of at most 255
  // bytes (a name of 200 characters in Chinese or emoji is 600–800).
  .refine((n) => !/\p{Cc}/u.test(n), 'it holds control characters; rename the file and add it again')
  .refine((n) => new TextEncoder().encode(n).length <= 255, 'too long for the disk to keep; rename the file to something shorter and add it again');

export const importMethods = {
  /** Adds a chunk of a file to this workspace's staged import files (offset 0 starts the file over). */
  'import.stage': method<StagedFile>()(
    z
      .object({
        name: fileName,
        offset: z.number().int().min(0).max(1024 * 1024 * 1024),
        /** Base64 of at most STAGE_CHUNK_BYTES bytes. */
        data: z.string().max(Math.ceil(STAGE_CHUNK_BYTES / 3) * 4 + 4),
      })
      .strict(),
  ),
  /** Forgets the staged files (a new import starts). */
  'import.clear': method<{ cleared: number }>()(z.object({}).strict()),
  'import.inspect': method<ImportInspection>()(z.object({ files: z.array(fileName).min(1).max(50) }).strict()),
  'import.preview': method<ImportReport>()(z.object({ files: z.array(fileName).min(1).max(50), mapping: importMappingSchema }).strict()),
  'import.run': method<ImportReport>()(
    z
      .object({
        files: z.array(fileName).min(1).max(50),
        mapping: importMappingSchema,
        skipBadRows: z.boolean().default(false),
        confirmRemovals: z.boolean().default(false),
      })
      .strict(),
  ),
  'import.status': method<ImportStatusView>()(z.object({}).strict()),
};
