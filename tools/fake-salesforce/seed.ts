/**
 * The fake org's records, read from Microsoft's AdventureWorks reseller channel files
 * (../shared/data/adventureworks-reseller-channel, never copied into the project):
 *
 * - User: the 17 employees with SalesPersonFlag = True (DimEmployee.csv, UTF-16 LE);
 *   ManagerId when the manager is one of them; LastLoginDate = 09:00 UTC on the day of
 *   their last order (the files hold no logins).
 * - Account: the 701 resellers (Resellers.csv), IsPartner = true; OwnerId = the rep with
 *   the largest sales amount for that reseller, or the first manager when it has no sales.
 * - Opportunity: one per SalesOrderNumber (FactResellerSales.csv), Closed Won, Amount =
 *   the sum of its lines' SalesAmount in cents, CloseDate = OrderDate.
 *
 * - The PRM objects (channel program levels, contacts, partner users and their logins,
 *   opportunity partners, deal registrations, MDF): synthetic, from the reseller rows of
 *   DimReseller.csv and the orders (seed-prm.ts).
 *
 * Ids derive from the files' keys (EmployeeKey 272 → 005000000000272AAA, ResellerKey,
 * the number of SO43659). Audit dates the files do not hold are fixed (see ENDPOINTS.md).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readSpreadsheet, type RawTable } from '../../src-main/sources/spreadsheet/read';
import { sfId } from './ids';
import { prmRows } from './seed-prm';
import type { Row } from './store';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const DEFAULT_DATA_DIR = resolve(REPO_ROOT, '../shared/data/adventureworks-reseller-channel');

/** When the seeded accounts were "created" (the files do not say). */
const ACCOUNTS_CREATED = Date.UTC(2017, 5, 1);
const DAY_MS = 86_400_000;

export interface Seed {
  rows: Record<string, Row[]>;
  /** Username of the first manager (the default signed-in user). */
  defaultUsername: string;
}

interface Columns {
  get(row: (string | null)[], name: string): string;
  opt(row: (string | null)[], name: string): string | null;
}

function columns(table: RawTable): Columns {
  const index = new Map(table.headers.map((h, i) => [h, i]));
  const at = (name: string) => {
    const i = index.get(name);
    if (i === undefined) throw new Error(`${table.file} has no column '${name}'`);
    return i;
  };
  return {
    get(row, name) {
      const v = row[at(name)];
      if (v === null || v === undefined) throw new Error(`${table.file}: empty '${name}'`);
      return v;
    },
    opt: (row, name) => row[at(name)] ?? null,
  };
}

async function table(dir: string, file: string): Promise<{ t: RawTable; c: Columns }> {
  const [t] = await readSpreadsheet(join(dir, file));
  if (!t) throw new Error(`${file} holds no table`);
  return { t, c: columns(t) };
}

const dateMs = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
const cents = (amount: string) => Math.round(Number(amount) * 100);

interface Order {
  number: string;
  date: string;
  reseller: string;
  employee: string;
  cents: number;
}

/** Reads the AdventureWorks files in `dir` into the fake org's records. */
export async function readAdventureWorks(dir: string = DEFAULT_DATA_DIR): Promise<Seed> {
  if (!existsSync(dir)) throw new Error(`the AdventureWorks data is not at ${dir}`);
  const employees = await table(dir, 'DimEmployee.csv');
  const resellers = await table(dir, 'Resellers.csv');
  const facts = await table(dir, 'FactResellerSales.csv');
  const dimResellers = await table(dir, 'DimReseller.csv');

  const orders = new Map<string, Order>();
  const byResellerRep = new Map<string, Map<string, number>>();
  const lastOrderOf = new Map<string, string>();
  for (const { cells } of facts.t.rows) {
    const number = facts.c.get(cells, 'SalesOrderNumber');
    const date = facts.c.get(cells, 'OrderDate').slice(0, 10);
    const reseller = facts.c.get(cells, 'ResellerKey');
    const employee = facts.c.get(cells, 'EmployeeKey');
    const amount = cents(facts.c.get(cells, 'SalesAmount'));
    const order = orders.get(number) ?? { number, date, reseller, employee, cents: 0 };
    order.cents += amount;
    orders.set(number, order);
    const reps = byResellerRep.get(reseller) ?? new Map<string, number>();
    reps.set(employee, (reps.get(employee) ?? 0) + amount);
    byResellerRep.set(reseller, reps);
    if ((lastOrderOf.get(employee) ?? '') < date) lastOrderOf.set(employee, date);
  }

  const sales = employees.t.rows
    .map((r) => r.cells)
    .filter((cells) => ['true', '1'].includes((employees.c.opt(cells, 'SalesPersonFlag') ?? '').toLowerCase()));
  const salesKeys = new Set(sales.map((cells) => employees.c.get(cells, 'EmployeeKey')));
  const managerKeys = sales
    .map((cells) => employees.c.opt(cells, 'ParentEmployeeKey'))
    .filter((k): k is string => k !== null && salesKeys.has(k))
    .sort((a, b) => Number(a) - Number(b));
  const firstManager = managerKeys[0] ?? [...salesKeys].sort((a, b) => Number(a) - Number(b))[0];
  if (firstManager === undefined) throw new Error('DimEmployee.csv has no sales person');
  const userId = (key: string) => sfId('005', Number(key));

  const users: Row[] = sales.map((cells) => {
    const key = employees.c.get(cells, 'EmployeeKey');
    const parent = employees.c.opt(cells, 'ParentEmployeeKey');
    const first = employees.c.get(cells, 'FirstName');
    const last = employees.c.get(cells, 'LastName');
    const email = employees.c.get(cells, 'EmailAddress');
    const created = dateMs(employees.c.get(cells, 'HireDate'));
    const lastOrder = lastOrderOf.get(key);
    return {
      ...audit(userId(key), created, userId(firstManager)),
      Username: email,
      Name: `${first} ${last}`,
      FirstName: first,
      LastName: last,
      Email: email,
      Title: employees.c.opt(cells, 'Title'),
      ManagerId: parent !== null && salesKeys.has(parent) ? userId(parent) : null,
      IsActive: (employees.c.opt(cells, 'CurrentFlag') ?? '').toLowerCase() === 'true',
      UserType: 'Standard',
      LastLoginDate: lastOrder ? dateMs(lastOrder) + 9 * 3_600_000 : null,
      ContactId: null,
      AccountId: null,
    };
  });

  const accountName = new Map<string, string>();
  const accounts: Row[] = resellers.t.rows.map(({ cells }) => {
    const key = resellers.c.get(cells, 'ResellerKey');
    const name = resellers.c.get(cells, 'ResellerName');
    accountName.set(key, name);
    const reps = [...(byResellerRep.get(key) ?? new Map<string, number>()).entries()];
    reps.sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]));
    const owner = userId(reps[0]?.[0] ?? firstManager);
    return {
      ...audit(sfId('001', Number(key)), ACCOUNTS_CREATED, owner),
      Name: name,
      Type: resellers.c.opt(cells, 'BusinessType'),
      IsPartner: true,
      BillingCity: resellers.c.opt(cells, 'City'),
      BillingState: resellers.c.opt(cells, 'StateProvinceName'),
      BillingCountry: resellers.c.opt(cells, 'Country_Region'),
      OwnerId: owner,
      Description: null,
    };
  });

  const opportunities: Row[] = [...orders.values()].map((o) => {
    const account = sfId('001', Number(o.reseller));
    const owner = userId(o.employee);
    return {
      ...audit(sfId('006', Number(o.number.replace(/\D/g, ''))), dateMs(o.date) + 12 * 3_600_000, owner),
      Name: `${accountName.get(o.reseller) ?? 'Reseller'} ${o.number}`,
      StageName: 'Closed Won',
      IsClosed: true,
      IsWon: true,
      Probability: 100,
      Amount: o.cents / 100,
      CloseDate: o.date,
      AccountId: account,
      PartnerAccountId: account,
      OwnerId: owner,
      Description: null,
    };
  });

  const manager = users.find((u) => u.Id === userId(firstManager))!;
  const prm = prmRows(
    dimResellers.t.rows.map(({ cells }) => ({
      key: Number(dimResellers.c.get(cells, 'ResellerKey')),
      name: dimResellers.c.get(cells, 'ResellerName'),
      annualSales: Number(dimResellers.c.opt(cells, 'AnnualSales') ?? 0),
      employees: Number(dimResellers.c.opt(cells, 'NumberEmployees') ?? 0),
      phone: dimResellers.c.opt(cells, 'Phone'),
    })),
    [...orders.values()].map((o) => ({ number: Number(o.number.replace(/\D/g, '')), date: o.date, reseller: Number(o.reseller), cents: o.cents })),
    userId(firstManager),
    ACCOUNTS_CREATED,
  );
  const { User: partnerUsers = [], ...rest } = prm;
  return { rows: { ...rest, User: [...users, ...partnerUsers], Account: accounts, Opportunity: opportunities }, defaultUsername: String(manager.Username) };
}

function audit(id: string, at: number, by: string): Row {
  return { Id: id, IsDeleted: false, CreatedDate: at, CreatedById: by, LastModifiedDate: at, LastModifiedById: by, SystemModstamp: at };
}

/** An org with one user and no data: for tests that need no AdventureWorks files. */
export function emptySeed(): Seed {
  const id = sfId('005', 1);
  const at = Date.UTC(2017, 0, 1) - DAY_MS;
  const user: Row = {
    ...audit(id, at, id),
    Username: 'admin@fake-salesforce.example',
    Name: 'Fake Admin',
    FirstName: 'Fake',
    LastName: 'Admin',
    Email: 'admin@fake-salesforce.example',
    Title: 'Administrator',
    ManagerId: null,
    IsActive: true,
    UserType: 'Standard',
    LastLoginDate: null,
    ContactId: null,
    AccountId: null,
  };
  return { rows: { User: [user] }, defaultUsername: String(user.Username) };
}
