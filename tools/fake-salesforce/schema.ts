/**
 * The objects and fields the fake org has: User, Account and Opportunity with the fields
 * the seed fills (and a few writable ones), and the Partnerbook custom objects with the
 * package's fields (typed); besides those, any `__c` field exists (on standard objects too,
 * as an org's own custom fields) unless a strict field list is given for a custom object. Names are case-insensitive, as in
 * SOQL and REST paths. Objects or fields can be hidden to play an org without a licence
 * or a field hidden by field-level security (INVALID_TYPE / INVALID_FIELD).
 */

export type FieldType = 'id' | 'string' | 'picklist' | 'boolean' | 'currency' | 'percent' | 'date' | 'datetime' | 'reference' | 'any';

export interface FieldDef {
  name: string;
  type: FieldType;
  /** Accepted in PATCH / upsert bodies. */
  writable: boolean;
}

export interface ObjectDef {
  name: string;
  /** Key prefix of its ids. */
  prefix: string;
  custom: boolean;
  fields: FieldDef[];
  /** Fields usable in `sobjects/<Object>/<field>/<value>` (upsert by external id). */
  externalIds: string[];
}

export const PARTNERBOOK_OBJECTS = [
  'Partnerbook_Plan__c',
  'Partnerbook_Objective__c',
  'Partnerbook_Initiative__c',
  'Partnerbook_Note__c',
  'Partnerbook_Action_State__c',
];
export const EXTERNAL_ID_FIELD = 'Partnerbook_Id__c';

const f = (name: string, type: FieldType, writable = false): FieldDef => ({ name, type, writable });

const AUDIT: FieldDef[] = [
  f('Id', 'id'),
  f('IsDeleted', 'boolean'),
  f('CreatedDate', 'datetime'),
  f('CreatedById', 'reference'),
  f('LastModifiedDate', 'datetime'),
  f('LastModifiedById', 'reference'),
  f('SystemModstamp', 'datetime'),
];

const std = (name: string, prefix: string, fields: FieldDef[]): ObjectDef => ({ name, prefix, custom: false, externalIds: [], fields: [...AUDIT, ...fields] });

/**
 * The PRM objects of the default mapping, with the fields of Salesforce's Object
 * Reference (https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-<name>.html)
 * that the connector reads. Key prefixes are the real ones where known (003 Contact, 00Q
 * Lead, 012 RecordType, 00J OpportunityPartner); the others are the fake's own.
 */
const PRM_OBJECTS: ObjectDef[] = [
  std('ChannelProgram', '0ch', [f('Name', 'string', true), f('Description', 'string', true), f('IsActive', 'boolean', true)]),
  std('ChannelProgramLevel', '0cl', [f('Name', 'string', true), f('ProgramId', 'reference', true), f('Rank', 'percent', true), f('Description', 'string', true)]),
  std('ChannelProgramMember', '0cm', [f('PartnerId', 'reference', true), f('ProgramId', 'reference', true), f('LevelId', 'reference', true)]),
  std('Contact', '003', [
    f('AccountId', 'reference', true),
    f('FirstName', 'string', true),
    f('LastName', 'string', true),
    f('Name', 'string'),
    f('Email', 'string', true),
    f('Title', 'string', true),
    f('Phone', 'string', true),
  ]),
  std('OpportunityPartner', '00J', [f('OpportunityId', 'reference'), f('AccountToId', 'reference'), f('Role', 'picklist'), f('IsPrimary', 'boolean')]),
  std('RecordType', '012', [f('Name', 'string'), f('DeveloperName', 'string'), f('SobjectType', 'picklist'), f('IsActive', 'boolean')]),
  std('Lead', '00Q', [
    f('FirstName', 'string', true),
    f('LastName', 'string', true),
    f('Name', 'string'),
    f('Company', 'string', true),
    f('Status', 'picklist', true),
    f('RecordTypeId', 'reference', true),
    f('PartnerAccountId', 'reference', true),
    f('AnnualRevenue', 'currency', true),
    f('IsConverted', 'boolean'),
    f('ConvertedDate', 'date'),
    f('ConvertedOpportunityId', 'reference'),
    f('OwnerId', 'reference', true),
  ]),
  std('PartnerMarketingBudget', '0pb', [f('Title', 'string', true), f('Type', 'picklist', true), f('Amount', 'currency', true), f('StartDate', 'date', true), f('EndDate', 'date', true)]),
  std('PartnerFundAllocation', '0pa', [f('Title', 'string', true), f('BudgetId', 'reference', true), f('ChannelPartnerId', 'reference', true), f('Amount', 'currency', true), f('Description', 'string', true)]),
  std('PartnerFundRequest', '0pr', [
    f('Title', 'string', true),
    f('AllocationId', 'reference', true),
    f('BudgetId', 'reference', true),
    f('ChannelPartnerId', 'reference', true),
    f('Activity', 'picklist', true),
    f('RequestedAmount', 'currency', true),
    f('Amount', 'currency', true),
    f('Status', 'picklist', true),
  ]),
  std('PartnerFundClaim', '0pc', [f('Title', 'string', true), f('RequestId', 'reference', true), f('ChannelPartnerId', 'reference', true), f('Amount', 'currency', true), f('Status', 'picklist', true)]),
  std('LoginHistory', '0Ya', [f('UserId', 'reference'), f('LoginTime', 'datetime'), f('LoginType', 'picklist'), f('Status', 'string'), f('Application', 'string')]),
];

const STANDARD: ObjectDef[] = [
  {
    name: 'User',
    prefix: '005',
    custom: false,
    externalIds: [],
    fields: [
      ...AUDIT,
      f('Username', 'string'),
      f('Name', 'string'),
      f('FirstName', 'string'),
      f('LastName', 'string'),
      f('Email', 'string'),
      f('Title', 'string'),
      f('ManagerId', 'reference'),
      f('IsActive', 'boolean'),
      f('UserType', 'picklist'),
      f('LastLoginDate', 'datetime'),
      f('ContactId', 'reference'),
      f('AccountId', 'reference'),
    ],
  },
  {
    name: 'Account',
    prefix: '001',
    custom: false,
    externalIds: [],
    fields: [
      ...AUDIT,
      f('Name', 'string', true),
      f('Type', 'picklist', true),
      f('IsPartner', 'boolean'),
      f('BillingCity', 'string', true),
      f('BillingState', 'string', true),
      f('BillingCountry', 'string', true),
      f('OwnerId', 'reference', true),
      f('Description', 'string', true),
    ],
  },
  {
    name: 'Opportunity',
    prefix: '006',
    custom: false,
    externalIds: [],
    fields: [
      ...AUDIT,
      f('Name', 'string', true),
      f('StageName', 'picklist', true),
      f('IsClosed', 'boolean'),
      f('IsWon', 'boolean'),
      f('Probability', 'percent'),
      f('Amount', 'currency', true),
      f('CloseDate', 'date', true),
      f('AccountId', 'reference', true),
      f('PartnerAccountId', 'reference', true),
      f('OwnerId', 'reference', true),
      f('Description', 'string', true),
    ],
  },
  ...PRM_OBJECTS,
];

/**
 * The fields of the Partnerbook package (resources/salesforce/force-app), typed: Text and
 * Long Text Area are strings, Lookup and Master-Detail references, Number a number (the
 * fake's 'percent', any finite number). Other `__c` fields stay open (see Schema.field).
 */
const PACKAGE_FIELDS: Record<string, [string, FieldType][]> = {
  Partnerbook_Plan__c: [
    ['Partner__c', 'reference'],
    ['Period__c', 'string'],
    ['Title__c', 'string'],
    ['Status__c', 'picklist'],
    ['Revision__c', 'percent'],
    ['Summary__c', 'string'],
    ['Vendor_Signoff_Name__c', 'string'],
    ['Vendor_Signoff_At__c', 'date'],
    ['Partner_Signoff_Name__c', 'string'],
    ['Partner_Signoff_At__c', 'date'],
    ['Created_At__c', 'datetime'],
    ['Edited_By__c', 'string'],
  ],
  Partnerbook_Objective__c: [
    ['Plan__c', 'reference'],
    ['Title__c', 'string'],
    ['Metric__c', 'picklist'],
    ['Unit__c', 'string'],
    ['Baseline__c', 'percent'],
    ['Target__c', 'percent'],
    ['Due_Quarter__c', 'string'],
    ['Weight__c', 'percent'],
    ['Custom_Actual__c', 'percent'],
    ['Sort_Order__c', 'percent'],
  ],
  Partnerbook_Initiative__c: [
    ['Plan__c', 'reference'],
    ['Objective__c', 'reference'],
    ['Title__c', 'string'],
    ['Owner_Side__c', 'picklist'],
    ['Owner_Name__c', 'string'],
    ['Due_Date__c', 'date'],
    ['Status__c', 'picklist'],
    ['MDF_Investment__c', 'currency'],
    ['Currency_Code__c', 'string'],
    ['Notes__c', 'string'],
    ['Source__c', 'string'],
  ],
  Partnerbook_Note__c: [
    ['Partner__c', 'reference'],
    ['Quarter__c', 'string'],
    ['Section__c', 'string'],
    ['Kind__c', 'picklist'],
    ['Body__c', 'string'],
    ['Commitment_Status__c', 'picklist'],
    ['Created_At__c', 'datetime'],
    ['Edited_By__c', 'string'],
  ],
  Partnerbook_Action_State__c: [
    ['Partner__c', 'reference'],
    ['State__c', 'picklist'],
    ['Until__c', 'date'],
    ['Reason__c', 'string'],
    ['Edited_By__c', 'string'],
  ],
};

function customObject(name: string, index: number): ObjectDef {
  return {
    name,
    prefix: `a${String(index).padStart(2, '0')}`,
    custom: true,
    externalIds: [EXTERNAL_ID_FIELD],
    fields: [
      ...AUDIT,
      f('Name', 'string', true),
      f('OwnerId', 'reference', true),
      f(EXTERNAL_ID_FIELD, 'string', true),
      ...(PACKAGE_FIELDS[name] ?? []).map(([field, type]) => f(field, type, true)),
    ],
  };
}

export interface Visibility {
  /** Objects that answer INVALID_TYPE (not licensed in this org). */
  hiddenObjects: string[];
  /** Object → fields that answer INVALID_FIELD (field-level security). */
  hiddenFields: Record<string, string[]>;
}

export class Schema {
  readonly objects: ObjectDef[];
  private readonly byName = new Map<string, ObjectDef>();
  private readonly fieldIndex = new Map<ObjectDef, Map<string, FieldDef>>();
  private readonly strict = new Map<ObjectDef, Set<string>>();
  visibility: Visibility = { hiddenObjects: [], hiddenFields: {} };

  /**
   * `customFields`: object → its `__c` fields; objects listed get exactly those (strict).
   * `extraObjects`: more custom objects (`X__c`, any `__c` field), e.g. an org's own certification object.
   */
  constructor(customFields: Record<string, string[]> = {}, extraObjects: readonly string[] = []) {
    for (const name of extraObjects) if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(name)) throw new RangeError(`extraObjects: '${name}' is not a custom object name (X__c)`);
    this.objects = [...STANDARD, ...[...PARTNERBOOK_OBJECTS, ...extraObjects].map((n, i) => customObject(n, i))];
    for (const def of this.objects) {
      this.byName.set(def.name.toLowerCase(), def);
      this.fieldIndex.set(def, new Map(def.fields.map((fd) => [fd.name.toLowerCase(), fd])));
    }
    for (const [object, fields] of Object.entries(customFields)) {
      const def = this.byName.get(object.toLowerCase());
      if (!def?.custom) throw new RangeError(`customFields: '${object}' is not a custom object of the fake org`);
      this.strict.set(def, new Set(fields.map((x) => x.toLowerCase())));
    }
  }

  /** The object named `name` (any case), or undefined when it does not exist or is hidden. */
  object(name: string): ObjectDef | undefined {
    const def = this.byName.get(name.toLowerCase());
    if (!def) return undefined;
    return this.visibility.hiddenObjects.some((h) => h.toLowerCase() === def.name.toLowerCase()) ? undefined : def;
  }

  /** A field of `def` (any case), or undefined when it does not exist or is hidden. */
  field(def: ObjectDef, name: string): FieldDef | undefined {
    const key = name.toLowerCase();
    const hidden = Object.entries(this.visibility.hiddenFields).find(([o]) => o.toLowerCase() === def.name.toLowerCase())?.[1] ?? [];
    if (hidden.some((h) => h.toLowerCase() === key)) return undefined;
    const known = this.fieldIndex.get(def)!.get(key);
    if (known) return known;
    if (!/^[a-z][a-z0-9_]*__c$/i.test(name) || name.includes('___')) return undefined;
    const strict = this.strict.get(def);
    if (strict && !strict.has(key)) return undefined;
    // Open custom field: remember the first spelling, so output uses one name.
    const dynamic: FieldDef = { name, type: 'any', writable: true };
    this.fieldIndex.get(def)!.set(key, dynamic);
    return dynamic;
  }

  /** Every field of `def` known so far (open custom fields once written or queried). */
  fields(def: ObjectDef): FieldDef[] {
    return [...this.fieldIndex.get(def)!.values()].filter((fd) => this.field(def, fd.name) !== undefined);
  }
}
