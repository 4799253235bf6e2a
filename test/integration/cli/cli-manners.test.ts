/**
 * CLI manners (issue 14, point 10): a reader that stops early (`| head`) ends a command
 * quietly with exit 0; every command's --help lists its options one line each; without
 * --db a command uses the data folder's current workspace; and the command runs from the
 * build, saying plainly when there is none.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { WorkspaceRegistry } from '../../../src-main/workspaces/registry';
import { AS_OF, book } from '../../unit/actions/fixture';
import { CLI, REPO } from '../../support/harness';

const dir = mkdtempSync(join(tmpdir(), 'pb-cli-manners-'));
const replica = join(dir, 'replica.sqlite');
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });

beforeAll(() => {
  // Enough actions that the list is far longer than a pipe holds (64 KB).
  const b = book();
  for (let i = 1; i <= 400; i++) {
    const p = `P-${i}`;
    b.partner(p, { tier_id: 'registered' });
    b.opp(`O-${i}`, p, { last_activity_at: '2026-09-01', amount: 12_000_000 });
    b.reg(`R-${i}`, p, { submitted_at: '2026-11-01' });
  }
  b.db.sqlite.exec(`VACUUM INTO '${replica}'`);
  b.db.close();
  openDb(replica).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI and closes its stdout after the first chunk, as `| head -1` does. */
function readFirstChunkThenClose(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; first: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let first = '';
  let stderr = '';
  child.stdout.once('data', (d: Buffer) => {
    first = d.toString();
    child.stdout.destroy();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((res) => child.once('exit', (code, signal) => res({ code, signal, first, stderr })));
}

describe('a closed stdout', () => {
  it('ends `partnerbook actions | head` quietly with exit 0', async () => {
    const r = await readFirstChunkThenClose(['actions', '--db', replica, '--as-of', AS_OF, '--all']);
    expect(r.first).toMatch(/open actions/);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('ends `partnerbook health --json | head -c 10` quietly too', async () => {
    const r = await readFirstChunkThenClose(['health', '--db', replica, '--as-of', AS_OF, '--all', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('ends `partnerbook forecast --json | head -c 10` quietly too', async () => {
    const r = await readFirstChunkThenClose(['forecast', '--db', replica, '--as-of', AS_OF, '--all', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('--help', () => {
  const top = cli(['--help']);
  const commands = [...top.stdout.matchAll(/^ {2}([a-z][a-z-]+) {2,}/gm)].map((m) => m[1]!);

  it('the command list names every command', () => {
    expect(top.status).toBe(0);
    expect(commands).toEqual(expect.arrayContaining(['sync', 'actions', 'health', 'forecast', 'export-qbr', 'web', 'import', 'edit', 'demo-prm']));
  });

  it.each(['sync', 'actions', 'health', 'forecast', 'export-qbr', 'web', 'import', 'edit'])('%s --help lists its options one line each', (name) => {
    const r = cli([name, '--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^usage: partnerbook ${name} `));
    const [, options = ''] = r.stdout.split(/^options:\n/m);
    const lines = options.split('\n\n')[0]!.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      // "  --flag [VALUE]   what it does": a flag and its text, on one line each
      expect(line).toMatch(/^ {2}(-[a-z], )?--[a-z][a-z-]*( \S+)? {2,}\S/);
    }
    expect(lines.at(-1)).toMatch(/^ {2}-h, --help {2,}show this help$/);
    // the same option is never listed twice
    const flags = lines.map((l) => /--[a-z-]+/.exec(l)![0]);
    expect(new Set(flags).size).toBe(flags.length);
  });

  it('says what is wrong with a flag in its own words, not node:util\'s', () => {
    const first = (args: string[]) => {
      const r = cli(['actions', '--db', replica, ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      return r.stderr.split('\n')[0];
    };
    // It read "Option '--limit' argument is ambiguous." and "Option '--partner <value>' argument missing".
    expect(first(['--limit', '-5'])).toBe('partnerbook actions: --limit needs a value; for one that starts with a dash, write --limit=-…');
    expect(first(['--partner'])).toBe('partnerbook actions: --partner needs a value');
    expect(first(['--json=yes'])).toBe('partnerbook actions: --json takes no value');
    expect(first(['--nope'])).toBe('partnerbook actions: unknown option --nope');
    expect(first(['stray'])).toBe("partnerbook actions: unexpected 'stray': this command takes options only");
  });

  it('names the options that each command is known to take', () => {
    const expected: Record<string, string[]> = {
      sync: ['--db', '--workspace', '--data-dir', '--prm', '--token', '--json', '--timeout', '--rebuild-replica', '--source', '--instance-url'],
      actions: ['--db', '--as-of', '--rule', '--partner', '--mine', '--all', '--include-hidden', '--limit', '--json'],
      health: ['--db', '--as-of', '--partner', '--mine', '--all', '--json'],
      forecast: ['--db', '--workspace', '--as-of', '--backtest', '--mine', '--all', '--json'],
      'export-qbr': ['--db', '--partner', '--quarter', '--out', '--all', '--format', '--owner', '--tier'],
      web: ['--data-dir', '--port', '--prm', '--token', '--welcome', '--demo-scale', '--static-dir'],
      import: ['--db', '--mapping', '--save-mapping', '--dry-run', '--skip-bad-rows', '--confirm-removals'],
      edit: ['--db', '--entity', '--id', '--set', '--delete'],
    };
    for (const [name, flags] of Object.entries(expected)) {
      const out = cli([name, '--help']).stdout;
      for (const f of flags) expect(out, `${name} --help`).toMatch(new RegExp(`^ {2}${f}\\b`, 'm'));
    }
  });
});

describe('--db defaults to the current workspace', () => {
  it('reads the workspace the app or harness opened last', () => {
    const dataDir = join(dir, 'data');
    const registry = new WorkspaceRegistry(dataDir);
    const entry = registry.add({ name: 'My book', source: { kind: 'spreadsheet' } }, '2026-11-20T09:00:00Z');
    registry.setActive(entry.id);
    mkdirSync(registry.folderPath(entry), { recursive: true });
    copyFileSync(replica, registry.replicaPath(entry));
    const r = cli(['actions', '--as-of', AS_OF, '--all', '--rule', 'reg_pending', '--json'], { PARTNERBOOK_DATA_DIR: dataDir });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { asOf: string; actions: { key: string }[] };
    expect(out.asOf).toBe(AS_OF);
    expect(out.actions.map((a) => a.key)).toContain('reg_pending:R-400:2026-11-01');
  });

  it('says so when the data folder has no current workspace', () => {
    const empty = join(dir, 'empty');
    const r = cli(['health', '--all'], { PARTNERBOOK_DATA_DIR: empty });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing --db PATH or --workspace NAME: there is no current workspace in .*empty to default to/);
  });
});

describe('the built command', () => {
  const built = join(REPO, 'out', 'main', 'cli.js');

  it('runs from the build where there are no sources, and says to build where there is none', () => {
    expect(existsSync(built), 'npm run build makes out/main/cli.js').toBe(true);
    // an installed copy: bin/ and the build, the dependencies, no TypeScript sources, no tsx fallback
    const install = mkdtempSync(join(tmpdir(), 'pb-cli-install-'));
    try {
      mkdirSync(join(install, 'bin'));
      copyFileSync(CLI, join(install, 'bin', 'partnerbook.mjs'));
      symlinkSync(join(REPO, 'node_modules'), join(install, 'node_modules'));
      const bin = join(install, 'bin', 'partnerbook.mjs');
      const notBuilt = spawnSync(process.execPath, [bin, 'health', '--help'], { encoding: 'utf8' });
      expect(notBuilt.status).toBe(1);
      expect(notBuilt.stderr).toMatch(/^partnerbook is not built: .*out\/main\/cli\.js is missing\. Run `npm run build` in .* first \(after `npm ci`\)\.\n$/);

      cpSync(join(REPO, 'out', 'main'), join(install, 'out', 'main'), { recursive: true });
      const r = spawnSync(process.execPath, [bin, 'actions', '--db', replica, '--as-of', AS_OF, '--all', '--rule', 'reg_pending', '--json'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { actions: { key: string }[] }).actions.map((a) => a.key)).toContain('reg_pending:R-1:2026-11-01');
    } finally {
      rmSync(install, { recursive: true, force: true });
    }
  });
});
