/**
 * The mapping of a spreadsheet import: which entity each file (or sheet) holds and which
 * column is which field. Saved as JSON (`--save-mapping`, the wizard's "save mapping") and
 * reused on the next import of the same export. The format is documented in the README
 * ("Spreadsheet import") and by the example mappings in `resources/import-mappings/`.
 */
import { z } from 'zod';

/** What a file can hold. Tiers are derived from a rule (`tiers`), never read from a file. */
export const IMPORT_ENTITIES = [
  'user',
  'partner',
  'contact',
  'opportunity',
  'deal_registration',
  'certification',
  'mdf_allocation',
  'mdf_request',
  'psat_response',
  'engagement_event',
] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export const IMPORT_ENTITY_LABELS: Record<ImportEntity, string> = {
  user: 'Users / owners',
  partner: 'Partners',
  contact: 'Contacts',
  opportunity: 'Opportunities / orders',
  deal_registration: 'Deal registrations',
  certification: 'Certifications',
  mdf_allocation: 'MDF allocations',
  mdf_request: 'MDF requests',
  psat_response: 'PSAT responses',
  engagement_event: 'Engagement events',
};

export const DATE_ORDERS = ['iso', 'mdy', 'dmy', 'serial'] as const;
export type DateOrderName = (typeof DATE_ORDERS)[number];

const text = z.string().min(1).max(200);

/**
 * One field's source: a column (optionally with its values translated), a constant, or a
 * template joining columns (`"{FirstName} {LastName}"`).
 */
export const fieldMappingSchema = z
  .object({
    column: text.optional(),
    template: z.string().min(1).max(400).optional(),
    value: z.union([z.string().max(400), z.number(), z.boolean(), z.null()]).optional(),
    /** Raw value (as in the file, trimmed, case-insensitive) → the value Partnerbook uses. */
    values: z.record(z.string().max(200), z.union([z.string().max(200), z.null()])).optional(),
    /** Date columns: how day and month are ordered. Required when the column is ambiguous. */
    dateOrder: z.enum(DATE_ORDERS).optional(),
  })
  .strict()
  .refine((f) => [f.column, f.template, f.value].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of column, template or value',
  });
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

export const fileMappingSchema = z
  .object({
    /** The file's name as exported ("FactResellerSales.csv"); matched case-insensitively. */
    file: text,
    /** The sheet of an .xlsx file; null or absent for CSV/TSV. */
    sheet: z.string().max(200).nullable().optional(),
    entity: z.enum(IMPORT_ENTITIES),
    /** Only rows where `column` equals one of `in` (case-insensitive) are taken. */
    where: z.object({ column: text, in: z.array(z.string().max(200)).min(1).max(100) }).strict().optional(),
    /** Rows that are lines of one record (order lines of an order): grouped by `by`; `sum` fields are added up. */
    group: z.object({ by: text, sum: z.array(text).max(20).default([]) }).strict().optional(),
    fields: z.record(text, fieldMappingSchema),
  })
  .strict();
export type FileMapping = z.infer<typeof fileMappingSchema>;

export const TIER_RULES = ['revenue_bands', 'none'] as const;

export const importMappingSchema = z
  .object({
    version: z.literal(1),
    name: z.string().min(1).max(120),
    /** Currency for amounts whose cells carry none. */
    currency: z.string().regex(/^[A-Z]{3}$/).default('USD'),
    /**
     * Tiers: `revenue_bands` ranks partners by won revenue over the book's last 4 quarters
     * (top 10% Gold, next 30% Silver, the rest Registered); `none` puts every partner in
     * one "Untiered" level whose targets are the book's median, and says so.
     */
    tiers: z.enum(TIER_RULES).default('revenue_bands'),
    /** A partner's owner when no file names one: the user with the most of its won amount (`top_seller`). */
    partnerOwner: z.enum(['column', 'top_seller']).default('column'),
    files: z.array(fileMappingSchema).min(1).max(50),
  })
  .strict();
export type ImportMapping = z.infer<typeof importMappingSchema>;
export type ImportMappingInput = z.input<typeof importMappingSchema>;
