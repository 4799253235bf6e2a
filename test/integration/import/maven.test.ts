/**
 * Maven's CRM opportunities (../shared/data/maven-crm-sales-opportunities; real, messy:
 * blank accounts, open deals without a close date or value) with the committed example
 * mapping: refused as a whole by default, imported without its bad rows only when asked,
 * and then exactly the rows that have an account, a close date and a value.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { importTables, parseMapping, readFiles } from '../../../src-main/services/import/service';
import { CLI, REPO } from '../../support/harness';

const DATA = resolve(REPO, '../shared/data/maven-crm-sales-opportunities');
const present = existsSync(DATA);
if (!present) console.warn(`skipping the Maven import test: ${DATA} is not on this machine`);

describe.skipIf(!present)('Maven CRM opportunities import', () => {
  it('refuses blank accounts and open deals without a close date by default; skipping them is explicit and exact', async () => {
    const mapping = parseMapping(JSON.parse(readFileSync(join(REPO, 'resources/import-mappings/maven-crm-sales-opportunities.json'), 'utf8')));
    const tables = await readFiles(['accounts.csv', 'sales_pipeline.csv', 'sales_teams.csv'].map((f) => join(DATA, f)));
    // Independent reading: the file has no quoted fields (every line has 8 cells).
    const rows = readFileSync(join(DATA, 'sales_pipeline.csv'), 'utf8').split(/\r?\n/).filter(Boolean).slice(1).map((l) => l.split(','));
    const good = rows.filter((r) => r[3] !== '' && r[6] !== '' && r[7] !== '');
    const wonDollars = good.filter((r) => r[4] === 'Won').reduce((a, r) => a + Number(r[7]), 0);

    const db = openDb(':memory:');
    const refused = importTables(db, fixedClock('2026-11-30'), tables, mapping);
    expect(refused.ok).toBe(false);
    // Counted by kind over every row, the largest first (the files' own counts, read independently above).
    const noValue = rows.filter((r) => r[7] === '').length;
    const noDate = rows.filter((r) => r[6] === '').length;
    const noAccount = rows.filter((r) => r[3] === '').length;
    const bad = rows.length - good.length;
    expect(refused.problems.map((g) => [g.column, g.problem, g.rows])).toEqual([
      ['close_value', 'amount is empty, and opportunity needs it.', noValue],
      ['close_date', 'close / order date is empty, and opportunity needs it.', noDate],
      ['account', 'partner is empty, and opportunity needs it.', noAccount],
    ]);
    const n = (x: number) => x.toLocaleString('en-US');
    expect(refused.message).toBe(
      `Nothing was imported: ${n(noValue + noDate + noAccount)} problems in ${n(bad)} rows; the most common (${n(noValue)}): sales_pipeline.csv, column close_value: amount is empty, and opportunity needs it. Fix the files, or choose to skip the bad rows.`,
    );
    expect(db.sqlite.prepare('SELECT count(*) FROM opportunity').pluck().get()).toBe(0);

    // The CLI says the same in three lines, not a hundred.
    const cli = spawnSync(process.execPath, [CLI, 'import', '--db', join(mkdtempSync(join(tmpdir(), 'pb-maven-cli-')), 'r.sqlite'), ...['accounts.csv', 'sales_pipeline.csv', 'sales_teams.csv'].map((f) => join(DATA, f))], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr.trimEnd().split('\n')).toEqual([
      `  sales_pipeline.csv, column close_value: amount is empty, and opportunity needs it (${n(noValue)} rows; lines 11, 27, 44, 46, 58, …).`,
      `  sales_pipeline.csv, column close_date: close / order date is empty, and opportunity needs it (${n(noDate)} rows; lines 11, 27, 44, 46, 58, …).`,
      `  sales_pipeline.csv, column account: partner is empty, and opportunity needs it (${n(noAccount)} rows; lines 11, 44, 46, 58, 62, …).`,
      refused.message,
    ]);

    const r = importTables(db, fixedClock('2026-11-30'), tables, mapping, { skipBadRows: true });
    expect(r.message).toContain(`${(rows.length - good.length).toLocaleString('en-US')} bad rows left out`);
    expect(db.sqlite.prepare('SELECT count(*) FROM opportunity').pluck().get()).toBe(good.length);
    expect(db.sqlite.prepare("SELECT sum(amount) FROM opportunity WHERE stage = 'closed_won'").pluck().get()).toBe(wonDollars * 100);
    expect(db.sqlite.prepare("SELECT count(*) FROM opportunity WHERE stage = 'closed_lost'").pluck().get()).toBe(good.filter((r) => r[4] === 'Lost').length);
    db.close();
  });
});
