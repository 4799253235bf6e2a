/**
 * Where the replica is, said in words: a --db naming a folder or a file in a folder that does
 * not exist is refused with what to do (not "EISDIR" or "Cannot open database because the
 * directory does not exist"), and an import that writes nothing (a dry run, a refusal) leaves
 * no empty replica file behind.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/harness';

const dir = mkdtempSync(join(tmpdir(), 'pb-paths-'));
const csv = join(dir, 'resellers.csv');
writeFileSync(csv, 'reseller_id,reseller_name,sales_rep\nR1,Acme Ltd,Ann Smith\n');

describe('replica paths', () => {
  it('a folder given as --db is named as a folder, for reads and for imports', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    for (const args of [['health', '--db', folder], ['import', '--db', folder, csv]]) {
      const r = await runCli(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`partnerbook ${args[0]}: ${folder} is a folder, not a replica file; give the replica file in it (a workspace keeps replica.sqlite), or use --workspace NAME.\n`);
    }
  });

  it('a file in a folder that does not exist is refused, and nothing is created', async () => {
    const path = join(dir, 'missing-folder', 'replica.sqlite');
    const r = await runCli(['import', '--db', path, csv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `partnerbook import: the folder ${join(dir, 'missing-folder')} does not exist, so no replica can be kept at ${path}; nothing was written. Create the folder, or give another path.\n`,
    );
    expect(existsSync(join(dir, 'missing-folder'))).toBe(false);
  });

  it('a dry run, with or without --confirm-removals, leaves no replica file behind', async () => {
    for (const extra of [[], ['--confirm-removals']]) {
      const path = join(dir, `dry-${extra.length}.sqlite`);
      const r = await runCli(['import', '--db', path, '--dry-run', ...extra, csv]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Dry run: 3 added, 0 changed, 0 removed; nothing was written\./);
      expect(readdirSync(dir).filter((f) => f.startsWith(`dry-${extra.length}`))).toEqual([]);
    }
  });

  it('a refused import into a new file leaves no file either; into an existing replica it keeps it as it was', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'reseller_id,reseller_name,sales_rep\nR1,Acme Ltd,Ann Smith\nR1,Acme Twin,Bo Li\n');
    const path = join(dir, 'refused.sqlite');
    const r = await runCli(['import', '--db', path, bad]);
    expect(r.code).not.toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('refused'))).toEqual([]);
    const kept = join(dir, 'kept.sqlite');
    expect((await runCli(['import', '--db', kept, csv])).code).toBe(0);
    expect((await runCli(['import', '--db', kept, bad])).code).not.toBe(0);
    expect(existsSync(kept)).toBe(true);
  });
});
