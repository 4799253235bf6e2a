/**
 * `partnerbook import --workspace NAME` makes the spreadsheet workspace it imports into, and
 * keeps it only when the import lands: a refused mapping, refused rows or a dry run leave no
 * empty book behind (it stayed, named, after "nothing was imported"). Real data: Maven's CRM
 * export (../shared/data), whose mapping is uncertain and whose open deals lack a close date.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkspaceRegistry } from '../../../src-main/workspaces/registry';
import { CLI, REPO } from '../../support/harness';

const DATA = resolve(REPO, '../shared/data/maven-crm-sales-opportunities');
const present = existsSync(DATA);
if (!present) console.warn(`skipping the CLI import-workspace test: ${DATA} is not on this machine`);
const FILES = ['accounts.csv', 'products.csv', 'sales_pipeline.csv', 'sales_teams.csv'].map((f) => join(DATA, f));
const MAPPING = join(REPO, 'resources/import-mappings/maven-crm-sales-opportunities.json');

describe.skipIf(!present)('import --workspace keeps the workspace only when the import lands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-import-ws-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'import', '--data-dir', dir, '--workspace', 'Maven', ...args], { encoding: 'utf8', timeout: 120_000 });
  const maven = () => new WorkspaceRegistry(dir).find('Maven');
  const folders = () => (existsSync(join(dir, 'workspaces')) ? readdirSync(join(dir, 'workspaces')) : []);

  it('an uncertain mapping, refused rows and a dry run leave no workspace and no folder', () => {
    const uncertain = cli(...FILES);
    expect(uncertain.status).toBe(3);
    expect(uncertain.stderr).toContain('nothing was imported');
    expect(uncertain.stderr).not.toContain('Created the workspace');

    const refused = cli('--mapping', MAPPING, ...FILES);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Nothing was imported');

    const dry = cli('--mapping', MAPPING, '--skip-bad-rows', '--dry-run', ...FILES);
    expect(dry.status, dry.stderr).toBe(0);

    expect(maven()).toBeNull();
    expect(folders()).toEqual([]);
  });

  it('an import that lands makes the workspace, current when the folder had none, and says so; a failed one later keeps it', () => {
    const landed = cli('--mapping', MAPPING, '--skip-bad-rows', ...FILES);
    expect(landed.status, landed.stderr).toBe(0);
    // The data folder had no current workspace: this one is it now, so the next command needs no --workspace.
    expect(landed.stderr).toContain("Created the workspace 'Maven' for the imported book; it is the current workspace now.");
    const ws = maven();
    expect(ws?.source.kind).toBe('spreadsheet');
    expect(folders()).toHaveLength(1);
    expect(new WorkspaceRegistry(dir).activeId()).toBe(ws!.id);
    const actions = spawnSync(process.execPath, [CLI, 'actions', '--data-dir', dir, '--all', '--limit', '1'], { encoding: 'utf8', timeout: 120_000 });
    expect(actions.status, actions.stderr).toBe(0);

    // A second workspace made by an import does not take the current one's place.
    const other = spawnSync(process.execPath, [CLI, 'import', '--data-dir', dir, '--workspace', 'Maven again', '--mapping', MAPPING, '--skip-bad-rows', ...FILES], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(other.stderr).toContain("Created the workspace 'Maven again' for the imported book.");
    expect(new WorkspaceRegistry(dir).activeId()).toBe(ws!.id);
    expect(folders()).toHaveLength(2);

    // A workspace that was already there is never taken out, whatever the next import does.
    const refused = cli('--mapping', MAPPING, ...FILES);
    expect(refused.status).toBe(1);
    expect(maven()?.id).toBe(ws!.id);
    expect(folders()).toHaveLength(2);
  });
});
