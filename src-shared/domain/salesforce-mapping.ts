/**
 * How the Salesforce connector reads a partner book from an org (the pull side; the
 * write-back mapping of the Partnerbook package is resources/salesforce/mapping.json):
 * which Accounts are partners, which Lead record types are deal registrations, how stage
 * names and OpportunityPartner roles map to the book's, and the custom objects that hold
 * certifications and PSAT answers (none by default: those facts are then "no data").
 *
 * Everything here ends up in SOQL, so every name must be a SOQL identifier and every
 * value a plain literal; anything else is refused with one sentence naming the key.
 * An example file: resources/salesforce/pull-mapping.example.json.
 */
import { z } from 'zod';
import { OPPORTUNITY_STAGES } from './entities';

const IDENT = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
/** A SOQL field or object name (letters, digits, underscores; `__c` for custom ones). */
const ident = z.string().regex(IDENT, 'must be a Salesforce API name (letters, digits and underscores, starting with a letter)');
/** A picklist value or record type name: no quotes, backslashes or line breaks. */
const label = z
  .string()
  .min(1, 'must not be empty')
  .max(255)
  .regex(/^[^'"\\\r\n]+$/, 'must not contain quotes, backslashes or line breaks');

const literal = z.union([z.boolean(), z.number().finite(), label]);

const partnerFilter = z.strictObject({ field: ident, equals: literal });

const certification = z.strictObject({
  object: ident,
  partnerField: ident,
  contactField: ident,
  nameField: ident,
  earnedField: ident,
  expiresField: ident,
});

const psat = z.strictObject({
  object: ident,
  partnerField: ident,
  contactField: ident.nullable().default(null),
  scoreField: ident,
  commentField: ident.nullable().default(null),
  dateField: ident,
});

export const SALESFORCE_MAPPING_STAGES = OPPORTUNITY_STAGES;

export const salesforceMappingSchema = z.strictObject({
  version: z.literal(1).default(1),
  /** Free text for whoever edits the file; not read. */
  about: z.string().optional(),
  /** The Accounts that are partners: `field = value` (default `IsPartner = true`). */
  partnerFilter: partnerFilter.default({ field: 'IsPartner', equals: true }),
  dealRegistrations: z
    .strictObject({
      /** Lead record type names that are deal registrations. */
      recordTypes: z.array(label).min(1).default(['Deal Registration']),
      /** A Lead currency field with the deal's amount (none in a standard org). */
      amountField: ident.nullable().default(null),
      /** How long an open registration lasts after it was submitted. */
      expiresAfterDays: z.number().int().min(1).max(3650).default(90),
    })
    .default({ recordTypes: ['Deal Registration'], amountField: null, expiresAfterDays: 90 }),
  /** Opportunity StageName → the book's stage (closed stages follow IsClosed / IsWon). */
  stages: z.record(label, z.enum(OPPORTUNITY_STAGES)).default({}),
  /** OpportunityPartner Role → influenced or co_sell; other roles take `otherRoles` (null: left out). */
  partnerRoles: z.record(label, z.enum(['influenced', 'co_sell', 'marketplace'])).default({ Influencer: 'influenced', 'Co-Sell': 'co_sell' }),
  otherRoles: z.enum(['influenced', 'co_sell', 'marketplace']).nullable().default('influenced'),
  /** Custom objects with certifications and PSAT answers; null: "no data". */
  certification: certification.nullable().default(null),
  psat: psat.nullable().default(null),
});

export type SalesforceMapping = z.infer<typeof salesforceMappingSchema>;

export const DEFAULT_SALESFORCE_MAPPING: SalesforceMapping = salesforceMappingSchema.parse({});

const KEY_WORDS: Record<string, string> = { equals: 'value' };

/** A mapping from parsed JSON, or one sentence naming the first key at fault. */
export function parseSalesforceMapping(input: unknown): { ok: true; mapping: SalesforceMapping } | { ok: false; error: string } {
  const r = salesforceMappingSchema.safeParse(input);
  if (r.success) return { ok: true, mapping: r.data };
  const issue = r.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const where = path ? ` in '${path}'` : '';
    return { ok: false, error: `The Salesforce mapping has an unknown key${where}: ${issue.keys.map((k) => `'${k}'`).join(', ')}.` };
  }
  const last = String(issue.path[issue.path.length - 1] ?? '');
  const key = path || 'the file';
  const message = issue.code === 'invalid_type' ? `must be ${issue.expected}` : issue.message;
  return { ok: false, error: `The Salesforce mapping's '${key}'${KEY_WORDS[last] ? ` (${KEY_WORDS[last]})` : ''} ${message.replace(/^Invalid input: /, '').replace(/\.$/, '')}.` };
}

/** The SOQL condition of the partner filter (`IsPartner = true`, `Type = 'Partner'`). */
export function partnerWhere(m: SalesforceMapping): string {
  const v = m.partnerFilter.equals;
  return `${m.partnerFilter.field} = ${typeof v === 'string' ? `'${v}'` : String(v)}`;
}

/** A short fingerprint of what changes which records are pulled (a changed mapping refetches). */
export function mappingKey(m: SalesforceMapping): string {
  const s = JSON.stringify(m);
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}
