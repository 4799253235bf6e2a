/**
 * A small hand-made partner book in the fake Salesforce org, for the conformance, kill,
 * property and reconciliation tests: users (a manager and two CAMs), partner Accounts with
 * partner Opportunities, a customer Account, and per partner the Partnerbook package's
 * records (a plan, objectives, initiatives, a QBR note, free notes, an action state).
 *
 * `rows(entity)` is the fake org's truth as protocol records: the org's rows read the way
 * the API returns them (`recordJson`) and turned into records with the connector's
 * documented mapping (records.ts, writes-mapping.ts), restricted to the book (partner
 * Accounts; their opportunities and package records). Edits and deletes act on the org the
 * way someone working in Salesforce would, each in a minute of its own on the fake clock:
 * the clock moves a minute before (the change is later than anything before it, so an
 * If-Unmodified-Since from before sees it) and a minute after (the next replication window
 * covers it).
 */
import type { SourceConnector } from '../../../src-main/sources/contract';
import type { Change } from '../../../src-shared/domain/protocol';
import { entityOf } from '../../../src-main/sources/salesforce/pull-custom';
import { opportunityChange, partnerChange, untieredChange, userChange, type SfRow } from '../../../src-main/sources/salesforce/records';
import { salesforceConnector } from '../../../src-main/sources/salesforce/source';
import { EXTERNAL_ID, WRITE_MAP, fromSalesforce } from '../../../src-main/sources/salesforce/writes-mapping';
import { ENTITIES, type EditableEntityName, type EntityName } from '../../../src-shared/domain/entities';
import type { ConfigInput } from '../../../tools/fake-salesforce/config';
import type { ObjectDef } from '../../../tools/fake-salesforce/schema';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { recordJson } from '../../../tools/fake-salesforce/soql-eval';
import type { Row } from '../../../tools/fake-salesforce/store';
import { session } from './support';

export const BOOK_T0 = '2026-11-20T10:00:00Z';
const MINUTE = 60_000;

/** A protocol record of the org; `version` null: a record the connector derives (the tier placeholder), with no version of its own. */
export interface BookRow {
  id: string;
  version: number | null;
  data: Record<string, unknown>;
}

export interface BookCase {
  partner: string;
  plan: string;
  objectives: string[];
  initiatives: string[];
  notes: string[];
  qbrNote: string;
  actionState: string;
}

export interface SfBook {
  sf: FakeSalesforce;
  token: string;
  /** The manager (the user the sessions sign in as) and the CAMs. */
  users: string[];
  cases: BookCase[];
  /** A connector on the fake (its clock as "now"). */
  connector(): SourceConnector;
  rows(entity: EntityName): BookRow[];
  /** Someone changes fields of a record in Salesforce (entity field names). */
  edit(entity: EntityName, id: string, fields: Record<string, unknown>): void;
  /** Someone deletes a record in Salesforce. */
  remove(entity: EntityName, id: string): void;
  /** Moves the fake clock a minute. */
  tick(minutes?: number): void;
  /** The live row of an entity's record in the org (by Salesforce Id or Partnerbook id). */
  sfRow(entity: EntityName, id: string): { def: ObjectDef; row: Row } | null;
  close(): Promise<void>;
}

const STANDARD: Partial<Record<EntityName, { object: string; fields: Record<string, string> }>> = {
  user: { object: 'User', fields: { name: 'Name', email: 'Email' } },
  partner: { object: 'Account', fields: { name: 'Name', country: 'BillingCountry' } },
  opportunity: { object: 'Opportunity', fields: { customer: 'Name' } },
};

export interface SfBookOptions {
  /** Partners with package records (new partner Accounts in an empty org, or the first AdventureWorks ones). */
  partners?: number;
  /** Seed the org from the AdventureWorks files (701 partners, 3,616 won deals) instead of an empty one. */
  adventureWorks?: boolean;
  /** The fake clock: frozen at BOOK_T0 (default), or running from the real time (null), for a sync in another process. */
  frozen?: boolean;
  config?: ConfigInput;
}

export async function startSfBook(opts: SfBookOptions = {}): Promise<SfBook> {
  const frozen = opts.frozen ?? true;
  const sf = await startFakeSalesforce({
    ...(opts.adventureWorks ? {} : { dataDir: null }),
    ...(frozen ? { now: BOOK_T0 } : {}),
    // sessions outlive the fake clock's many minutes; query pages of 3 records exercise queryMore
    config: { sessionTimeoutSeconds: 365 * 86_400, pageSize: 3, ...opts.config },
  });
  const { org } = sf;
  const obj = (name: string) => org.schema.objects.find((o) => o.name === name)!;
  const admin = String([...org.rows(obj('User'))].find((u) => u.Username === sf.username)!.Id);
  const user = (n: number) =>
    String(
      org.insert(obj('User'), { Username: `cam${n}@fake.example`, Name: `Cam ${n}`, FirstName: 'Cam', LastName: String(n), Email: `cam${n}@fake.example`, ManagerId: admin, IsActive: true, UserType: 'Standard' }, admin).Id,
    );
  const users = opts.adventureWorks ? [admin] : [admin, user(1), user(2)];
  const existing = opts.adventureWorks ? [...org.rows(obj('Account'))].filter((a) => a.IsPartner === true) : [];
  if (!opts.adventureWorks) org.insert(obj('Account'), { Name: 'Fabrikam (a customer)', IsPartner: false, BillingCountry: 'Germany' }, admin);
  const cases: BookCase[] = [];
  for (let p = 0; p < (opts.partners ?? 3); p++) {
    const owner = opts.adventureWorks ? String(existing[p]!.OwnerId) : users[1 + (p % 2)]!;
    let partner: string;
    if (opts.adventureWorks) partner = String(existing[p]!.Id);
    else {
      partner = String(org.insert(obj('Account'), { Name: `Partner ${p}`, IsPartner: true, Type: 'Reseller', BillingCountry: 'United States' }, owner).Id);
      for (let o = 0; o < 2; o++) {
        org.insert(obj('Opportunity'), { Name: `Deal ${p}.${o}`, StageName: 'Prospecting', Amount: 1000 * (o + 1), CloseDate: '2027-03-31', AccountId: partner, PartnerAccountId: partner }, owner);
      }
    }
    const ext = (kind: string, n?: number) => `${kind}-${p}${n === undefined ? '' : `-${n}`}`;
    const plan = org.insert(obj('Partnerbook_Plan__c'), { Partnerbook_Id__c: ext('jbp'), Partner__c: partner, Period__c: 'FY2027', Title__c: `Plan ${p}`, Status__c: 'draft', Revision__c: 1, Summary__c: 'Grow' }, owner);
    const c: BookCase = { partner, plan: ext('jbp'), objectives: [], initiatives: [], notes: [], qbrNote: ext('qbr'), actionState: `stale_plan:${partner}:2026-Q4` };
    for (let n = 0; n < 2; n++) {
      const objective = org.insert(
        obj('Partnerbook_Objective__c'),
        { Partnerbook_Id__c: ext('obj', n), Plan__c: plan.Id!, Title__c: `Objective ${p}.${n}`, Metric__c: 'sourced_arr', Baseline__c: 0, Target__c: 1000, Due_Quarter__c: '2027-Q2', Weight__c: 50, Sort_Order__c: n },
        owner,
      );
      c.objectives.push(ext('obj', n));
      org.insert(
        obj('Partnerbook_Initiative__c'),
        { Partnerbook_Id__c: ext('ini', n), Plan__c: plan.Id!, Objective__c: objective.Id!, Title__c: `Initiative ${p}.${n}`, Owner_Side__c: 'vendor', Owner_Name__c: 'Ana', Due_Date__c: '2027-03-31', Status__c: 'not_started', MDF_Investment__c: 0, Currency_Code__c: 'USD' },
        owner,
      );
      c.initiatives.push(ext('ini', n));
      org.insert(obj('Partnerbook_Note__c'), { Partnerbook_Id__c: ext('note', n), Partner__c: partner, Kind__c: 'note', Body__c: `Note ${p}.${n}` }, owner);
      c.notes.push(ext('note', n));
    }
    org.insert(obj('Partnerbook_Note__c'), { Partnerbook_Id__c: c.qbrNote, Partner__c: partner, Quarter__c: '2026-Q4', Section__c: 'wins', Kind__c: 'commentary', Body__c: 'A good quarter' }, owner);
    org.insert(obj('Partnerbook_Action_State__c'), { Partnerbook_Id__c: c.actionState, Partner__c: partner, State__c: 'snoozed', Until__c: '2026-12-31' }, owner);
    cases.push(c);
  }
  org.clock.advance(MINUTE);
  const token = (await session(sf)).access_token;

  const api = (def: ObjectDef, row: Row): SfRow => recordJson(def, row, org.schema.fields(def)) as unknown as SfRow;
  const live = (name: string) => [...org.rows(obj(name))].map((r) => api(obj(name), r));
  const partnerIds = () => new Set(live('Account').filter((a) => a.IsPartner === true).map((a) => a.Id));

  function customRows(entity: EditableEntityName): BookRow[] {
    const object = WRITE_MAP[entity].object;
    const partners = partnerIds();
    const extOf = (parent: string, sfId: string) => {
      const r = org.get(obj(parent), sfId);
      return r && typeof r[EXTERNAL_ID] === 'string' ? r[EXTERNAL_ID] : null;
    };
    const planPartner = (sfId: unknown) => (typeof sfId === 'string' ? (org.get(obj('Partnerbook_Plan__c'), sfId)?.Partner__c ?? null) : null);
    const out: BookRow[] = [];
    for (const row of live(object)) {
      if (entityOf(object, row) !== entity || typeof row[EXTERNAL_ID] !== 'string' || row[EXTERNAL_ID] === '') continue;
      const partner = WRITE_MAP[entity].fields.partner_id ? row.Partner__c : planPartner(row.Plan__c);
      if (typeof partner !== 'string' || !partners.has(partner)) continue;
      const data = fromSalesforce(entity, row, extOf);
      if (!ENTITIES[entity].schema.safeParse(data).success) continue;
      out.push({ id: String(row[EXTERNAL_ID]), version: Date.parse(String(row.SystemModstamp).replace('+0000', 'Z')), data });
    }
    return out;
  }

  function rows(entity: EntityName): BookRow[] {
    const version = (r: SfRow) => Date.parse(String(r.SystemModstamp).replace('+0000', 'Z'));
    let out: BookRow[];
    if (entity === 'user') {
      const us = live('User');
      const managers = new Set(us.map((u) => u.ManagerId).filter((m): m is string => typeof m === 'string'));
      out = us.map((u) => ({ id: u.Id, version: version(u), data: dataOf(userChange(u, managers)) }));
    } else if (entity === 'partner') {
      out = live('Account').filter((a) => a.IsPartner === true).map((a) => ({ id: a.Id, version: version(a), data: dataOf(partnerChange(a, 'USD')) }));
    } else if (entity === 'opportunity') {
      out = live('Opportunity').filter((o) => typeof o.PartnerAccountId === 'string').map((o) => ({ id: o.Id, version: version(o), data: dataOf(opportunityChange(o, 'USD')) }));
    } else if (entity === 'tier') {
      out = [{ id: 'untiered', version: null, data: dataOf(untieredChange(tierTarget(live('Opportunity'), org.clock.now()), 'USD', 1)) }];
    } else if (entity in WRITE_MAP) {
      out = customRows(entity as EditableEntityName);
    } else out = [];
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  function sfRow(entity: EntityName, id: string): { def: ObjectDef; row: Row } | null {
    const std = STANDARD[entity];
    if (std) {
      const row = org.get(obj(std.object), id);
      return row ? { def: obj(std.object), row } : null;
    }
    if (!(entity in WRITE_MAP)) return null;
    const def = obj(WRITE_MAP[entity as EditableEntityName].object);
    const row = org.findByExternalId(def, id) ?? org.get(def, id);
    return row ? { def, row } : null;
  }

  const tick = (minutes = 1) => org.clock.advance(minutes * MINUTE);

  return {
    sf,
    token,
    users,
    cases,
    connector: () => salesforceConnector({ instanceUrl: sf.url, accessToken: token, now: () => org.clock.now() }),
    rows,
    sfRow,
    tick,
    edit(entity, id, fields) {
      const found = sfRow(entity, id);
      if (!found) throw new Error(`no ${entity} ${id} in the fake org`);
      const values: Row = {};
      for (const [name, value] of Object.entries(fields)) {
        const field = STANDARD[entity]?.fields[name] ?? (entity in WRITE_MAP ? WRITE_MAP[entity as EditableEntityName].fields[name]?.field : undefined);
        if (!field) throw new Error(`the book cannot edit ${entity}.${name}`);
        values[field] = value === '' ? null : (value as Row[string]);
      }
      tick();
      org.update(found.def, String(found.row.Id), values, admin);
      tick();
    },
    remove(entity, id) {
      const found = sfRow(entity, id);
      if (!found) return;
      tick();
      org.remove(found.def, String(found.row.Id));
      tick();
    },
    close: () => sf.close(),
  };
}

function dataOf(c: Change): Record<string, unknown> {
  if (c.op !== 'upsert') throw new Error('expected an upsert');
  return c.data;
}

/** The placeholder level's target as documented (source.ts): the median partner's won amount over the 12 months to the last won deal. */
function tierTarget(opportunities: SfRow[], now: number): number {
  const won = opportunities.filter((o) => o.IsWon === true && typeof o.PartnerAccountId === 'string');
  const today = new Date(now).toISOString().slice(0, 10);
  const last = won.reduce((m, r) => (typeof r.CloseDate === 'string' && r.CloseDate > m && r.CloseDate <= today ? r.CloseDate : m), '');
  if (!last) return 0;
  const from = new Date(Date.parse(last) - 365 * 86_400_000).toISOString().slice(0, 10);
  const per = new Map<string, number>();
  for (const r of won) {
    if (typeof r.CloseDate !== 'string' || r.CloseDate <= from || r.CloseDate > last) continue;
    per.set(String(r.PartnerAccountId), (per.get(String(r.PartnerAccountId)) ?? 0) + Math.round(Number(r.Amount ?? 0) * 100));
  }
  const xs = [...per.values()].sort((a, b) => a - b);
  return xs.length ? xs[Math.floor(xs.length / 2)]! : 0;
}
