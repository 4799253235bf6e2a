/**
 * Input problems as sentences a person can act on: the field named in the user's words
 * ("Plan title", "MDF investment", "Watch threshold") and what to do, never a schema's
 * developer text ("Too big: expected string to have <=200 characters", "settings.bands:
 * …", "expected number, received null"). The router words every refused input with
 * this, so the app, the harness and the CLI all show the same sentence.
 *
 * A message a schema wrote for a person (a sentence: it starts with a capital letter and
 * is not one of zod's defaults) is kept as written; a short fragment ("must be a
 * number") gets the field's name in front; zod's own text is replaced by a sentence made
 * from the issue's code and limits.
 */

/** The parts of a zod issue the sentences are made from (zod 4's `$ZodIssue`, loosely). */
export interface InputIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  expected?: string;
  origin?: string;
  format?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  inclusive?: boolean;
  values?: readonly unknown[];
  keys?: readonly string[];
  divisor?: number | bigint;
}

/** Field names as a person calls them, by key (snake_case from records, camelCase from methods) or `parent.key`. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'Title',
  summary: 'Summary',
  target: 'Target',
  baseline: 'Baseline',
  weight: 'Weight',
  unit: 'Unit',
  metric: 'Metric',
  due_quarter: 'Due quarter',
  custom_actual: 'Actual',
  mdf_investment: 'MDF investment',
  mdfInvestment: 'MDF investment',
  owner_name: 'Owner',
  ownerName: 'Owner',
  owner_side: 'Owner side',
  ownerSide: 'Owner side',
  due_date: 'Due date',
  dueDate: 'Due date',
  notes: 'Notes',
  body: 'Note',
  section: 'Section',
  kind: 'Kind',
  commitment_status: 'Commitment status',
  reason: 'Reason',
  state: 'State',
  snooze_until: 'Snooze date',
  snoozeUntil: 'Snooze date',
  partner_id: 'Partner',
  partnerId: 'Partner',
  plan_id: 'Plan',
  planId: 'Plan',
  jbp_id: 'Plan',
  objective_id: 'Objective',
  objectiveId: 'Objective',
  sourceId: 'Plan to copy',
  from: 'Start from',
  period: 'Period',
  quarter: 'Quarter',
  asOf: 'Date',
  date: 'Date',
  name: 'Name',
  side: 'Side',
  status: 'Status',
  scope: 'Book',
  first: 'Number of first rows',
  source: 'Source',
  id: 'Record',
  ids: 'Records',
  key: 'Action',
  entity: 'Record type',
  url: 'PRM address',
  token: 'Token',
  intervalMinutes: 'Sync interval',
  vendor_signoff_name: 'Your side’s signatory',
  partner_signoff_name: 'Partner’s signatory',
  vendor_signoff_at: 'Your side’s sign-off date',
  partner_signoff_at: 'Partner’s sign-off date',
  weights: 'Health weights',
  'weights.revenue': 'Revenue weight',
  'weights.pipeline': 'Pipeline weight',
  'weights.engagement': 'Engagement weight',
  'weights.enablement': 'Enablement weight',
  'weights.satisfaction': 'Satisfaction weight',
  bands: 'Health band thresholds',
  'bands.healthy': 'Healthy threshold',
  'bands.watch': 'Watch threshold',
  risk: 'Churn risk thresholds',
  'risk.high': 'High churn risk threshold',
  'risk.medium': 'Medium churn risk threshold',
  todayCapacity: 'Today capacity',
  fiscalYearStartMonth: 'Fiscal year start month',
  // The money display (display.set)
  locale: 'Number style',
  currencyAs: 'Currency shown as',
  tableAmounts: 'Amounts in tables and cards',
  // The Actions rules' thresholds (actions.updateSettings): nouns for what the Settings page's phrases set
  stalledDays: 'Days without activity before an opportunity is stalled',
  regPendingDays: 'Days before a registration is pending',
  regDecisionSlaDays: 'Days to decide a registration',
  regExpiringDays: 'Days of warning before a registration expires',
  conflictResolveDays: 'Days to resolve a channel conflict',
  engagementWindowDays: 'Engagement window',
  engagementDropShare: 'Engagement drop',
  engagementMinBaseline: 'Prior-window engagement average',
  certExpiringDays: 'Days of warning before a certification expires',
  promotionArrGapShare: 'Promotion in reach: sourced-ARR gap',
  promotionMaxCertGap: 'Promotion in reach: certified people short',
  onboardingStuckDays: 'Days before onboarding is stuck',
  mdfDaysBeforeEnd: 'Days of warning before an MDF allocation ends',
  mdfUnspentShare: 'MDF share not yet committed',
  mdfDefaultPipelineMultiple: 'Pipeline per MDF dollar',
  jbpMinElapsed: 'Share of a plan objective’s time passed',
  qbrMinTierRank: 'QBR tier rank',
  qbrDaysBeforeQuarterEnd: 'Days before the quarter end a QBR is due',
  psatDetractorMax: 'PSAT detractor score',
  psatRecentDays: 'Days of PSAT answers counted',
  voiceFollowUpDays: 'Days to answer a detractor’s complaint',
  // The Salesforce pull mapping (salesforce.mapping.set)
  'partnerFilter.field': 'Partner filter field',
  'partnerFilter.equals': 'Partner filter value',
  'dealRegistrations.recordTypes': 'Deal registration record types',
  'dealRegistrations.amountField': 'Deal registration amount field',
  'dealRegistrations.expiresAfterDays': 'Days a deal registration stays open',
  'certification.object': 'Certification object',
  'certification.partnerField': 'Certification partner field',
  'certification.contactField': 'Certification contact field',
  'certification.nameField': 'Certification name field',
  'certification.earnedField': 'Certification earned-on field',
  'certification.expiresField': 'Certification expires-on field',
  'psat.object': 'PSAT object',
  'psat.partnerField': 'PSAT partner field',
  'psat.contactField': 'PSAT contact field',
  'psat.scoreField': 'PSAT score field',
  'psat.commentField': 'PSAT comment field',
  'psat.dateField': 'PSAT date field',
};

/** Labels that depend on the method: the same key means a different thing in each. */
const METHOD_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'partners.get': { id: 'Partner id' },
  'health.partner': { id: 'Partner id' },
  'plans.create': { title: 'Plan title', period: 'Plan period' },
  'plans.update': { 'fields.title': 'Plan title', 'fields.summary': 'Plan summary' },
  'plans.signoff': { name: 'Name of the person signing', date: 'Sign-off date' },
  'plans.actor.set': { name: 'Your name' },
  'objectives.upsert': { 'fields.title': 'Objective title', 'fields.target': 'Target', 'fields.unit': 'Unit' },
  'initiatives.upsert': { 'fields.title': 'Initiative title', 'fields.notes': 'Initiative notes' },
  'initiatives.createFrom': { title: 'Initiative title', notes: 'Initiative notes' },
  'salesforce.signInStart': { 'login.url': 'Login URL', 'login.domain': 'My Domain', clientId: 'Consumer key', name: 'Name' },
  'import.stage': { name: 'File name', offset: 'Position in the file', data: 'File contents' },
};

/** Path segments that hold fields rather than name one. */
const CONTAINERS = new Set(['fields', 'settings', 'input', 'filters']);

const count = (n: number | bigint) => (typeof n === 'bigint' ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 6 }));

/** `mdf_investment` / `dueDate` → "Mdf investment" / "Due date": the last resort for a key with no label. */
function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'This value';
}

/** `table[key]` when the table itself holds `key` (never what Object.prototype holds under that name). */
function ownLabel<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The field an issue is about, in the user's words; `method` picks labels that depend on it. */
export function fieldLabel(path: readonly PropertyKey[], method?: string): string {
  const keys = path.filter((p): p is string => typeof p === 'string');
  const dotted = path.map(String).join('.');
  const byMethod = method ? ownLabel(ownLabel(METHOD_LABELS, method), dotted) : undefined;
  if (byMethod) return byMethod;
  const named = keys.filter((k) => !CONTAINERS.has(k));
  const last = named.at(-1);
  if (!last) return 'This value';
  const parent = named.at(-2);
  // Keys come from the input ("constructor", "__proto__" in a record's keys): looked up as own keys only.
  const label = (parent && ownLabel(FIELD_LABELS, `${parent}.${last}`)) || ownLabel(FIELD_LABELS, last) || humanize(last);
  const index = path.at(-1);
  return typeof index === 'number' ? `${label}, item ${index + 1}` : label;
}

/** zod's own English messages (en locale) and the bare "Invalid input": developer text. */
const ZOD_DEFAULT = /^(Invalid (input|option|value|string|number|key|element|ISO|date|datetime|time|url|email|uuid|union)|Too (big|small)|Unrecognized key|Expected )/i;

const list = (xs: readonly string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`);

function formatSentence(i: InputIssue): string {
  switch (i.format) {
    case 'date':
      return 'must be a date like 2026-11-30';
    case 'datetime':
      return 'must be a date and time like 2026-11-30T09:00:00Z';
    case 'url':
      return 'must be a web address like https://prm.example.com';
    case 'email':
      return 'must be an email address like name@example.com';
    default:
      return 'is not in the form it needs';
  }
}

/** A sentence made from the issue's code and limits, for zod's own messages. */
function sentenceFromCode(i: InputIssue, label: string): string {
  const received = /received (\w+)/.exec(i.message)?.[1];
  switch (i.code) {
    case 'invalid_type':
      if (received === 'undefined') return `${label} is missing; fill it in.`;
      if (received === 'null') return `${label} can't be empty; fill it in.`;
      if (i.expected === 'int' || i.format === 'safeint') return `${label} must be a whole number.`;
      if (i.expected === 'number') return `${label} must be a number.`;
      if (i.expected === 'string') return `${label} must be text.`;
      if (i.expected === 'boolean') return `${label} must be yes or no (true or false).`;
      if (i.expected === 'array') return `${label} must be a list.`;
      return `${label} is not valid.`;
    case 'too_big':
      if (i.origin === 'string') return `${label} can be at most ${count(i.maximum ?? 0)} characters; shorten it.`;
      if (i.origin === 'array' || i.origin === 'set') return `${label} can hold at most ${count(i.maximum ?? 0)} items.`;
      if (i.inclusive === false) return `${label} must be less than ${count(i.maximum ?? 0)}.`;
      return `${label} can be at most ${count(i.maximum ?? 0)}.`;
    case 'too_small':
      if (i.origin === 'string') {
        return Number(i.minimum ?? 0) <= 1 ? `${label} can't be empty; fill it in.` : `${label} needs at least ${count(i.minimum ?? 0)} characters.`;
      }
      if (i.origin === 'array' || i.origin === 'set') return `${label} needs at least ${count(i.minimum ?? 0)} ${Number(i.minimum) === 1 ? 'item' : 'items'}.`;
      if (i.inclusive === false) return `${label} must be more than ${count(i.minimum ?? 0)}.`;
      return `${label} must be at least ${count(i.minimum ?? 0)}.`;
    case 'invalid_value': {
      const values = (i.values ?? []).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      return values.length === 1 ? `${label} must be ${values[0]}.` : `${label} must be one of ${list(values)}.`;
    }
    case 'invalid_format':
      return `${label} ${formatSentence(i)}.`;
    case 'not_multiple_of':
      return `${label} must be a multiple of ${count(i.divisor ?? 1)}.`;
    case 'unrecognized_keys': {
      const keys = (i.keys ?? []).map((k) => `'${k}'`);
      const where = i.path.length ? ` in ${label}` : '';
      return keys.length === 1 ? `${keys[0]} is not something that can be set${where}.` : `${list(keys)} are not things that can be set${where}.`;
    }
    default:
      return `${label} is not valid.`;
  }
}

const period = (s: string) => (/[.!?…]$/.test(s) ? s : `${s}.`);

/** What a method's `id` names, by method ("plans.get": a plan); a record for the rest. */
const ID_THINGS: readonly (readonly [RegExp, string])[] = [
  [/^(partners\.get|[a-z]+\.partner)$/, 'partner'],
  [/^plans\./, 'plan'],
  [/^objectives\./, 'objective'],
  [/^initiatives\./, 'initiative'],
  [/^workspaces\./, 'workspace'],
  [/^qbr\.notes\./, 'note'],
  [/^qbr\.batch\./, 'batch of decks'],
];

/**
 * "Say which plan: its id is missing." for an input without the id of the record it is
 * about (never typed into a form, so not "fill it in"); null for any other issue.
 */
function missingIdSentence(issue: InputIssue, method?: string): string | null {
  if (issue.path.length !== 1 || issue.path[0] !== 'id') return null;
  const received = /received (\w+)/.exec(issue.message)?.[1];
  const absent = issue.code === 'invalid_type' && (received === 'undefined' || received === 'null');
  const empty = (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum ?? 0) <= 1) || /\bid is required$/.test(issue.message);
  if (!absent && !empty) return null;
  const thing = (method && ID_THINGS.find(([re]) => re.test(method))?.[1]) ?? 'record';
  return `Say which ${thing}: its id is ${absent ? 'missing' : 'empty'}.`;
}

/** One issue as a sentence naming its field. */
export function issueSentence(issue: InputIssue, method?: string): string {
  const missingId = missingIdSentence(issue, method);
  if (missingId) return missingId;
  const label = fieldLabel(issue.path, method);
  const message = issue.message.trim();
  if (!message || ZOD_DEFAULT.test(message)) return sentenceFromCode(issue, label);
  // a sentence written for a person: kept as it is
  if (/^[A-Z“"]/.test(message) && !/^[A-Z][\w.]*: /.test(message)) return period(message);
  // a fragment: "must be a number", "at most 24 hours" → the field's name in front
  if (/^(must|is|can|cannot|can't|needs?|has|have|should|at (most|least))\b/.test(message)) {
    return period(`${label} ${/^at /.test(message) ? `must be ${message}` : message}`);
  }
  // "id is required", "action key is required": the field by its label
  if (/^[\w ]+ is required$/.test(message)) return `${label} is required; fill it in.`;
  // a fragment that names the field itself: "partner id is required"
  if (message.toLowerCase().startsWith(`${label.toLowerCase()} `)) return period(`${label}${message.slice(label.length)}`);
  // "2026-02-30 is not a real date …", "'x' is not a quarter …": which field, then what
  return period(`${label}: ${message}`);
}

/**
 * The sentences of a refused input: one per issue, duplicates dropped, each with the
 * path it is about. `message` joins them for a place that shows one text.
 */
export function describeInput(issues: readonly InputIssue[], method?: string): { message: string; issues: { path: string; message: string }[] } {
  const out: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const i of issues) {
    const sentence = issueSentence(i, method);
    const path = i.path.map(String).join('.');
    if (seen.has(`${path}\u0000${sentence}`)) continue;
    seen.add(`${path}\u0000${sentence}`);
    out.push({ path, message: sentence });
  }
  const sentences = [...new Set(out.map((o) => o.message))];
  return { message: sentences.join(' ') || 'The request is not valid.', issues: out };
}
