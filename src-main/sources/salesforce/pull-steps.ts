/**
 * What the Salesforce connector reads, in order (parents before children), and how each
 * object's rows become records: the standard book (users, channel program levels,
 * partners, contacts, opportunities and their partners, deal registrations, MDF, portal
 * logins) and the mapped certification / PSAT objects. source.ts drives the steps: the
 * load pages through each step's SOQL; the incremental sync reads each `replicated`
 * object's updated / deleted feed and then asks the step for what follows (`follow`).
 *
 * Objects the org does not have or does not let the user read (INVALID_TYPE, INVALID_FIELD,
 * insufficient access) are skipped by source.ts and named in the notes; here, lookups of
 * such objects degrade: no ChannelProgramMember → every partner untiered, no LoginHistory →
 * one login per partner user's LastLoginDate.
 */
import type { Change } from '../../../src-shared/domain/protocol';
import { partnerWhere } from '../../../src-shared/domain/salesforce-mapping';
import type { EntityName } from '../../../src-shared/domain/entities';
import { LEFT_OUT, once, select, soqlIds, soqlTime, stepContext, type Step, type StepDeps } from './pull-context';
import { isMissingObject } from './pull-custom';
import { customSteps, fundSteps } from './pull-steps-funds';
import { opportunityChange, partnerChange, userChange, versionOf, type SfRow } from './records';
import type { ReconcileTarget } from './reconcile';
import { contactChange, influenceChange, lastLoginChange, levelChange, loginChange, roleOf } from './records-prm';

export { soqlIds, type Step } from './pull-context';

const DAY = 86_400_000;

/** The steps for one connection; lookups (partners, members, partner users) are cached per connection. */
export function pullSteps(d: StepDeps) {
  const ctx = stepContext(d);
  const { m, today, optional, byIds, partners } = ctx;
  const managers = once(async () => new Set((await d.query('SELECT ManagerId FROM User WHERE ManagerId != null')).map((r) => String(r.ManagerId))));

  /** Won amount per partner over the 12 months to the book's last won deal (or today). */
  const wonByPartner = once(async () => {
    const won = await d.query('SELECT PartnerAccountId, Amount, CloseDate FROM Opportunity WHERE IsWon = true AND PartnerAccountId != null');
    const t = today();
    const last = won.reduce((x, r) => (typeof r.CloseDate === 'string' && r.CloseDate > x && r.CloseDate <= t ? r.CloseDate : x), '');
    const per = new Map<string, number>();
    if (!last) return per;
    const from = new Date(Date.parse(last) - 365 * DAY).toISOString().slice(0, 10);
    for (const r of won) {
      if (typeof r.CloseDate !== 'string' || r.CloseDate <= from || r.CloseDate > last) continue;
      per.set(String(r.PartnerAccountId), (per.get(String(r.PartnerAccountId)) ?? 0) + Math.round(Number(r.Amount ?? 0) * 100));
    }
    return per;
  });
  const median = (xs: number[]) => (xs.sort((a, b) => a - b), xs.length ? xs[Math.floor(xs.length / 2)]! : 0);

  const MEMBER = ['Id', 'PartnerId', 'LevelId', 'SystemModstamp'];
  /** Partner → its level (the newest membership); null: the org has no channel program members. */
  const members = once(async () => {
    const rows = await optional(select(MEMBER, 'ChannelProgramMember', 'LevelId != null'));
    if (rows === null) return null;
    const out = new Map<string, { id: string; version: number }>();
    for (const r of rows) {
      const cur = out.get(String(r.PartnerId));
      if (!cur || versionOf(r) > cur.version) out.set(String(r.PartnerId), { id: String(r.LevelId), version: versionOf(r) });
    }
    return out;
  });

  const PARTNER_USER = ['Id', 'ContactId', 'AccountId', 'LastLoginDate', 'SystemModstamp'];
  /** Partner users by contact (ContactId set), for last logins. */
  const partnerUsers = once(async () => {
    const rows = (await optional(select(PARTNER_USER, 'User', 'ContactId != null'))) ?? [];
    return new Map(rows.map((u) => [String(u.ContactId), u]));
  });

  const user: Step = {
    object: 'User',
    entity: 'user',
    replicated: true,
    soql: (w) => select(['Id', 'Name', 'Email', 'ManagerId', 'SystemModstamp'], 'User', "UserType = 'Standard'", w),
    convert: async (rows) => {
      if (!rows.length) return [];
      const mg = await managers();
      const us = await ctx.standardUsers();
      return managersFirst(rows.map((r) => userChange(us.has(String(r.ManagerId)) ? r : { ...r, ManagerId: null }, mg)));
    },
    // All users in one page, managers before their reports: a report's manager_id must point
    // at a user already in the replica (pages are applied one by one, links checked at once).
    read: async () => user.convert(await d.query(user.soql())),
  };

  const LEVEL = ['Id', 'Name', 'Rank', 'Description', 'SystemModstamp'];
  const tier: Step = {
    object: 'ChannelProgramLevel',
    entity: 'tier',
    replicated: true,
    soql: (w) => select(LEVEL, 'ChannelProgramLevel', w),
    convert: async (rows) => {
      if (!rows.length) return [];
      const won = await wonByPartner();
      const mem = (await members()) ?? new Map<string, { id: string; version: number }>();
      const all = median([...won.values()]);
      return rows.map((r) => {
        const of = [...mem].filter(([, l]) => l.id === r.Id).map(([p]) => won.get(p) ?? 0);
        return levelChange(r, of.length ? median(of) || all : all, d.currency);
      });
    },
  };

  /** The levels the tier step can read: a partner points only at those (else at the untiered level). */
  const levelIds = once(async () => new Set(((await optional(tier.soql())) ?? []).map((r) => r.Id)));
  const levelOf = (mem: Map<string, { id: string; version: number }> | null, ok: ReadonlySet<string>, id: string) => {
    const l = mem?.get(id);
    return l && ok.has(l.id) ? l : undefined;
  };
  const ACCOUNT = ['Id', 'Name', 'Type', 'BillingCountry', 'OwnerId', 'CreatedDate', 'SystemModstamp'];
  /** Partners whose owner is one of the book's users (partners() keeps the same ones). */
  const ownedPartners = async (rows: SfRow[]) => {
    const us = await ctx.standardUsers();
    const keep = rows.filter((r) => us.has(String(r.OwnerId)));
    ctx.leave('partner', rows.length - keep.length, LEFT_OUT.partnerOwner);
    return keep;
  };
  const partner: Step = {
    object: 'Account',
    entity: 'partner',
    replicated: true,
    soql: (w) => select(ACCOUNT, 'Account', partnerWhere(m), w),
    convert: async (rows) => {
      const mem = await members();
      const ok = await levelIds();
      return (await ownedPartners(rows)).map((r) => partnerChange(r, d.currency, levelOf(mem, ok, r.Id)));
    },
    // A partner moved to another level: its ChannelProgramMember changed, the Account did not.
    // (A removed membership is seen when the Account next changes; until then the old level stays.)
    follow: async (start, until) => {
      const ids = await ctx.updatedIds('ChannelProgramMember', start, until);
      if (!ids.length) return [];
      const rows = await byIds(MEMBER, 'ChannelProgramMember', 'Id', ids);
      const mem = await members();
      for (const r of rows) mem?.set(String(r.PartnerId), { id: String(r.LevelId), version: versionOf(r) });
      const accounts = await ownedPartners(await byIds(ACCOUNT, 'Account', 'Id', rows.map((r) => String(r.PartnerId)), partnerWhere(m)));
      const ok = await levelIds();
      return accounts.map((r) => partnerChange(r, d.currency, levelOf(mem, ok, r.Id)));
    },
  };

  const CONTACT = ['Id', 'AccountId', 'Name', 'FirstName', 'LastName', 'Email', 'Title', 'SystemModstamp'];
  /** Contacts of the book with their partner user (by ContactId; an org without partner users: none). */
  const contactsOf = async (rows: SfRow[]) => {
    const ps = await partners();
    const keep = rows.filter((r) => ps.has(String(r.AccountId)));
    let users: SfRow[] = [];
    try {
      users = await byIds(PARTNER_USER, 'User', 'ContactId', keep.map((r) => r.Id));
    } catch (err) {
      if (!isMissingObject(err)) throw err;
    }
    const byContact = new Map(users.map((u) => [String(u.ContactId), u]));
    return keep.map((r) => contactChange(r, byContact.get(r.Id)));
  };
  /** Partner users who logged in since `start` (a login need not change the User's SystemModstamp). */
  const loggedInSince = async (start: Date) => (await optional(select(PARTNER_USER, 'User', 'ContactId != null', `LastLoginDate >= ${soqlTime(start)}`))) ?? [];
  const contact: Step = {
    object: 'Contact',
    entity: 'contact',
    replicated: true,
    soql: (w) => select(CONTACT, 'Contact', 'AccountId != null', w),
    convert: contactsOf,
    // A login changes the partner User (LastLoginDate), not the Contact.
    follow: async (start) => contactsOf(await byIds(CONTACT, 'Contact', 'Id', (await loggedInSince(start)).map((u) => String(u.ContactId)))),
  };

  const OPP = ['Id', 'Name', 'Amount', 'StageName', 'IsClosed', 'IsWon', 'CloseDate', 'PartnerAccountId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'];
  const OPP_PARTNER = ['Id', 'OpportunityId', 'AccountToId', 'Role', 'SystemModstamp'];
  const influences = async (rows: SfRow[]) => {
    const ps = await partners();
    const keep = rows.filter((r) => ps.has(String(r.AccountToId)) && roleOf(m, r.Role) !== null);
    const opps = new Map((await byIds(OPP, 'Opportunity', 'Id', keep.map((r) => String(r.OpportunityId)))).map((o) => [o.Id, o]));
    const out: Change[] = [];
    for (const r of keep) {
      const o = opps.get(String(r.OpportunityId));
      // The sourcing partner listed again as an opportunity partner: it is already the sourced record.
      if (o && o.PartnerAccountId !== r.AccountToId) out.push(influenceChange(r, o, roleOf(m, r.Role)!, d.currency, m.stages));
    }
    return out;
  };
  const opportunity: Step = {
    object: 'Opportunity',
    entity: 'opportunity',
    replicated: true,
    soql: (w) => select(OPP, 'Opportunity', 'PartnerAccountId != null', w),
    convert: async (rows) => {
      const ps = await partners();
      return rows.filter((r) => ps.has(String(r.PartnerAccountId))).map((r) => opportunityChange(r, d.currency, m.stages));
    },
    // OpportunityPartner has no updated / deleted feed: its rows are re-read for the
    // opportunities that changed in the window. What this misses: a partner added to an
    // opportunity that did not change otherwise (until it does), and OpportunityPartner rows
    // removed — alone or with their deleted opportunity: the influence / co-sell records
    // (ids = OpportunityPartner Ids) stay until a full refetch or the id reconciliation
    // lists `SELECT Id FROM OpportunityPartner`.
    follow: async (_start, _until, changed) => {
      try {
        return await influences(await byIds(OPP_PARTNER, 'OpportunityPartner', 'OpportunityId', changed));
      } catch (err) {
        if (isMissingObject(err)) return [];
        throw err;
      }
    },
  };
  const opportunityPartner: Step = {
    object: 'OpportunityPartner',
    entity: 'opportunity',
    replicated: false,
    // Unreadable: the sourced opportunities are still there; only influence and co-sell are missing.
    quiet: true,
    soql: (w) => select(OPP_PARTNER, 'OpportunityPartner', 'AccountToId != null', w),
    convert: influences,
  };

  // LoginHistory needs "Manage Users"; without it, one event per partner user's last login.
  let loginHistory = true;
  const loginsOf = async (rows: SfRow[], users: ReadonlyMap<string, SfRow>) =>
    rows.flatMap((r) => {
      const u = users.get(String(r.UserId));
      const c = u ? loginChange(r, u) : null;
      return c ? [c] : [];
    });
  /** Events name their contact only when this user can read contacts (the replica holds them). */
  const contactsReadable = once(async () => (await optional(`${contact.soql()} LIMIT 1`)) !== null);
  /** Contacts of the book among these partner users' (one of another account is not in it). */
  const bookContacts = once(async () => ctx.contactsInBook([...(await partnerUsers()).values()].map((u) => String(u.ContactId))));
  const asBookUser = async (u: SfRow, known?: ReadonlySet<string>): Promise<SfRow> => {
    if (!(await contactsReadable())) return { ...u, ContactId: null };
    const ok = known ?? (await bookContacts());
    if (ok.has(String(u.ContactId))) return u;
    ctx.leave('engagement_event', 1, LEFT_OUT.loginContact);
    return { ...u, ContactId: null };
  };
  const bookUsers = async () => {
    const ps = await partners();
    const us = [...(await partnerUsers()).values()].filter((u) => ps.has(String(u.AccountId)));
    return new Map(await Promise.all(us.map(async (u) => [u.Id, await asBookUser(u)] as const)));
  };
  const fallback = async (users: Iterable<SfRow>) => {
    const ps = await partners();
    const mine = [...users].filter((u) => ps.has(String(u.AccountId)));
    const known = await ctx.contactsInBook(mine.map((u) => String(u.ContactId)));
    const us = await Promise.all(mine.map((u) => asBookUser(u, known)));
    return us.flatMap((u) => {
      const c = lastLoginChange(u);
      return c ? [c] : [];
    });
  };
  const LOGIN = ['Id', 'UserId', 'LoginTime', 'Application'];
  /** Successful logins of the book's partner users (LoginHistory also holds every internal login). */
  const logins = async () => {
    const users = await bookUsers();
    return loginsOf(await byIds(LOGIN, 'LoginHistory', 'UserId', [...users.keys()], "Status = 'Success'"), users);
  };
  const engagement: Step = {
    object: 'LoginHistory',
    entity: 'engagement_event',
    replicated: false,
    soql: (w) => select(LOGIN, 'LoginHistory', "Status = 'Success'", w),
    convert: async (rows) => loginsOf(rows, await bookUsers()),
    read: () => logins(),
    follow: async (start) => {
      if (loginHistory) {
        try {
          // A window's logins (few), then only their users: not every partner user each sync.
          const rows = await d.query(engagement.soql(`LoginTime >= ${soqlTime(start)}`));
          const ps = await partners();
          const users = (await byIds(PARTNER_USER, 'User', 'Id', rows.map((r) => String(r.UserId)), 'ContactId != null')).filter((u) => ps.has(String(u.AccountId)));
          const known = await ctx.contactsInBook(users.map((u) => String(u.ContactId)));
          return await loginsOf(rows, new Map(await Promise.all(users.map(async (u) => [u.Id, await asBookUser(u, known)] as const))));
        } catch (err) {
          if (!isMissingObject(err)) throw err;
          loginHistory = false;
        }
      }
      return fallback(await loggedInSince(start));
    },
  };

  const funds = fundSteps(ctx);
  const steps: Step[] = [user, tier, partner, contact, opportunity, opportunityPartner, ...funds.steps, engagement, ...customSteps(ctx)];

  return Object.assign(steps, {
    /** Before a step's query: null, or why the step cannot be read in this org (a sentence). */
    prepare: funds.prepare,
    /** LoginHistory not readable: the last logins instead (a load has no feed to fall back on later). */
    async loginFallback(): Promise<Change[]> {
      loginHistory = false;
      return fallback((await partnerUsers()).values());
    },
    isEngagement: (s: Step) => s === engagement,
    /**
     * What the id reconciliation lists per entity (reconcile.ts): the Ids of the records of
     * the book, rows outside it left out. Not listed: tiers (the untiered level has no
     * Salesforce record; a level's delete comes through its feed), portal logins (LoginHistory
     * keeps six months; fallback ids are made here), and entities `skip` names (not readable now).
     */
    async reconcileTargets(skip: ReadonlySet<EntityName>): Promise<ReconcileTarget[]> {
      const ps = await partners();
      const of = (field: string) => (row: SfRow) => (ps.has(String(row[field])) ? row.Id : null);
      let leadTypes: string[] = [];
      try {
        if (!skip.has('deal_registration')) leadTypes = await funds.leadTypes();
      } catch (err) {
        if (!isMissingObject(err)) throw err;
      }
      const all: ReconcileTarget[] = [
        { entity: 'user', queries: [{ soql: select(['Id'], 'User', "UserType = 'Standard'") }] },
        { entity: 'partner', queries: [{ soql: select(['Id'], 'Account', partnerWhere(m)) }] },
        { entity: 'contact', queries: [{ soql: select(['Id', 'AccountId'], 'Contact', 'AccountId != null'), idOf: of('AccountId') }] },
        {
          entity: 'opportunity',
          queries: [
            { soql: select(['Id', 'PartnerAccountId'], 'Opportunity', 'PartnerAccountId != null'), idOf: of('PartnerAccountId') },
            { soql: select(['Id', 'AccountToId', 'Role'], 'OpportunityPartner', 'AccountToId != null'), idOf: (r) => (ps.has(String(r.AccountToId)) && roleOf(m, r.Role) ? r.Id : null) },
          ],
        },
        ...(leadTypes.length
          ? [{ entity: 'deal_registration' as const, queries: [{ soql: select(['Id', 'PartnerAccountId'], 'Lead', 'PartnerAccountId != null', `RecordTypeId IN (${soqlIds(leadTypes)})`), idOf: of('PartnerAccountId') }] }]
          : []),
        { entity: 'mdf_allocation', queries: [{ soql: select(['Id', 'ChannelPartnerId'], 'PartnerFundAllocation', 'ChannelPartnerId != null'), idOf: of('ChannelPartnerId') }] },
        { entity: 'mdf_request', queries: [{ soql: select(['Id', 'ChannelPartnerId'], 'PartnerFundRequest', 'ChannelPartnerId != null AND AllocationId != null'), idOf: of('ChannelPartnerId') }] },
        ...(m.certification ? [{ entity: 'certification' as const, queries: [{ soql: select(['Id', m.certification.partnerField], m.certification.object), idOf: of(m.certification.partnerField) }] }] : []),
        ...(m.psat ? [{ entity: 'psat_response' as const, queries: [{ soql: select(['Id', m.psat.partnerField], m.psat.object), idOf: of(m.psat.partnerField) }] }] : []),
      ];
      return all.filter((t) => !skip.has(t.entity));
    },
    wonMedian: async () => median([...(await wonByPartner()).values()]),
    /** The partner Accounts of the book (also for the Partnerbook package's records). */
    partners,
    /** What was left out of the book, or linked to nothing, and why (SourceNotes.leftOut). */
    leftOut: ctx.leftOut,
    /** Counts records left out for a reason (the Partnerbook package's records a value of which Partnerbook refuses). */
    leave: ctx.leave,
  });
}

/** Users with their managers first; a manager link that would go round in a circle is dropped. */
function managersFirst(users: Change[]): Change[] {
  const manager = (c: Change) => (c.op === 'upsert' && typeof c.data.manager_id === 'string' ? c.data.manager_id : null);
  const ids = new Set(users.map((u) => u.id));
  const done = new Set<string>();
  const out: Change[] = [];
  let left = users;
  while (left.length) {
    const next: Change[] = [];
    for (const u of left) {
      const mg = manager(u);
      if (mg === null || !ids.has(mg) || done.has(mg)) {
        out.push(u);
        done.add(u.id);
      } else next.push(u);
    }
    if (next.length === left.length) {
      // A circle of managers: the first of it without its manager, the rest follow.
      const [first, ...rest] = next;
      if (first!.op === 'upsert') out.push({ ...first!, data: { ...first!.data, manager_id: null } });
      done.add(first!.id);
      left = rest;
    } else left = next;
  }
  return out;
}

export type PullSteps = ReturnType<typeof pullSteps>;
