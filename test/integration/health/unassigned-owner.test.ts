/**
 * An imported book whose files name no owner for some partners: they are put under a
 * placeholder owner, which the team roll-up lists as "no owner" and never counts as a CAM
 * ("1 CAM", not "2 CAMs" with "Unassigned" among them).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { importTables } from '../../../src-main/services/import/service';
import { createHealthService } from '../../../src-main/services/health/service';
import { proposeMapping } from '../../../src-main/sources/spreadsheet/propose';
import { readSpreadsheet } from '../../../src-main/sources/spreadsheet/read';
import { UNASSIGNED_OWNER } from '../../../src-shared/domain/entities';

const AS_OF = '2026-12-01';

describe('partners the files give no owner', () => {
  it('are listed under "no owner" in the team roll-up, which does not count it as a CAM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-unassigned-'));
    const file = join(dir, 'resellers.csv');
    writeFileSync(file, 'reseller_id,reseller_name,sales_rep\nR1,Acme Ltd,Ann Smith\nR2,Beta GmbH,\nR3,Gamma SA,\nR4,Delta AB,Ann Smith\n');
    const db = openDb(join(dir, 'replica.sqlite'));
    const tables = await readSpreadsheet(file);
    const { mapping } = proposeMapping(tables);
    expect(mapping.files[0]!.fields.owner_id?.column).toBe('sales_rep');
    const imported = importTables(db, fixedClock(`${AS_OF}T09:00:00Z`), tables, mapping, {});
    expect(imported.ok).toBe(true);
    // The import says so: one of its two users is the placeholder, not a row of the files.
    expect(imported.unassignedPartners).toBe(2);
    expect(imported.records.user).toBe(2);

    const team = createHealthService({ db, clock: fixedClock(AS_OF) }).rollup(AS_OF);
    expect(team.totals.partners).toBe(4);
    const real = team.cams.filter((c) => !c.unassigned);
    expect(real.map((c) => [c.owner_name, c.partners])).toEqual([['Ann Smith', 2]]);
    const nobody = team.cams.filter((c) => c.unassigned);
    expect(nobody.map((c) => [c.owner_id, c.partners])).toEqual([[UNASSIGNED_OWNER, 2]]);
    // Listed last, after the CAMs.
    expect(team.cams.at(-1)!.unassigned).toBe(true);
    db.close();
  });
});
