/**
 * `partnerbook edit` queues local edits like the UI (values parsed as JSON when they
 * parse), refuses bad input in one plain line with nothing written, and
 * `partnerbook sync --json` pushes them, reporting applied, merged, conflicts,
 * rejected and retries — through injected faults.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { createPrmClient } from '../../../src-main/sources/protocol-v1/client';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { PrmStore } from '../../../tools/demo-prm/store';
import { pull } from '../../../src-main/sync/pull';
import type { SyncSummary } from '../../../src-shared/methods/sync';
import { CLI, REPO } from '../../support/harness';
import { seedBase, seedCase, type CaseIds } from '../../support/tiny-book';

const dir = mkdtempSync(join(tmpdir(), 'pb-edit-cli-'));
const replica = join(dir, 'replica.sqlite');
let prm: DemoPrm;
let ids: CaseIds;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((res) => child.once('exit', (code) => res({ code, stdout, stderr })));
}

function outbox(): { mutation_id: number; entity: string; record_id: string; op: string; fields: string; status: string }[] {
  const db = new Database(replica, { readonly: true });
  try {
    return db.prepare('SELECT mutation_id, entity, record_id, op, fields, status FROM outbox ORDER BY mutation_id').all() as never;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const path = join(dir, 'prm.sqlite');
  const s = PrmStore.open(path);
  seedBase(s);
  ids = seedCase(s, 'CLI');
  s.close();
  prm = await startDemoPrm({ storePath: path, token: 'cli' });
  const db = openDb(replica);
  await pull(db.sqlite, createPrmClient({ url: prm.url, token: 'cli' }));
  db.close();
});
afterAll(async () => {
  await prm.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('partnerbook edit', () => {
  it('queues an edit with JSON-or-string values, and a delete', async () => {
    const obj = ids.objectives[0]!;
    const res = await cli(['edit', '--db', replica, '--entity', 'jbp_objective', '--id', obj, '--set', 'target=120', '--set', 'title=Run 4 workshops', '--set', 'custom_actual=null', '--set', 'unit="42"', '--json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ changed: true, entity: 'jbp_objective', id: obj });
    const del = await cli(['edit', '--db', replica, '--entity', 'note', '--id', ids.notes[1]!, '--delete']);
    expect(del.code).toBe(0);
    expect(del.stdout).toMatch(/^Queued edit #\d+: delete of note/);
    const rows = outbox();
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows[0]!.fields)).toEqual({ target: 120, title: 'Run 4 workshops', unit: '42' });
    expect(rows[1]).toMatchObject({ entity: 'note', record_id: ids.notes[1]!, op: 'delete' });
  });

  it.each([
    [['--entity', 'jbp_objective', '--id', 'OBJ-CLI-1', '--set', 'weight=500'], 1, /^partnerbook edit: The weight must be a whole number from 0 to 100\.\n$/],
    [['--entity', 'jbp_objective', '--id', 'OBJ-CLI-1', '--set', 'colour=red'], 1, /no field 'colour'/],
    [['--entity', 'jbp_objective', '--id', 'OBJ-CLI-1', '--set', 'target'], 2, /--set needs field=value, got 'target'/],
    [['--entity', 'partner', '--id', 'P-CLI', '--set', 'name=x'], 2, /--entity: 'partner' can't be edited/],
    [['--entity', 'note', '--id', 'N-CLI-1', '--set', 'body=x', '--delete'], 2, /either --set or --delete/],
    [['--entity', 'note', '--id', 'N-nope', '--set', 'body=x'], 1, /A new note needs 'partner_id'/],
    // A partner the book does not hold: refused here, not queued for the PRM to refuse.
    [['--entity', 'note', '--id', 'N-nope', '--set', 'partner_id=P-99999', '--set', 'body=x'], 1, /^partnerbook edit: No partner with id 'P-99999' in this book\.\n$/],
    [['--entity', 'note', '--id', 'N-CLI-1'], 2, /nothing to change/],
  ])('refuses bad input in one plain line, writing nothing (%#)', async (args, code, message) => {
    const before = outbox();
    const res = await cli(['edit', '--db', replica, ...args]);
    expect(res.code).toBe(code);
    expect(res.stderr).toMatch(message);
    expect(res.stderr.trim().split('\n')[0]).toMatch(/^partnerbook edit: /);
    expect(res.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(outbox()).toEqual(before);
  });

  it('never creates a replica that is not there', async () => {
    const missing = join(dir, 'missing.sqlite');
    const res = await cli(['edit', '--db', missing, '--entity', 'note', '--id', 'N-1', '--set', 'body=x']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/there is no replica/);
    expect(existsSync(missing)).toBe(false);
  });
});

describe('partnerbook sync --json pushes', () => {
  it('reports pushed, applied, merged, conflicts, rejected and retries, through faults', async () => {
    // The server meanwhile renames the objective (merges) and edits a note the laptop will edit too.
    prm.store.patch('jbp_objective', ids.objectives[0]!, { weight: 45 });
    prm.store.patch('note', ids.notes[0]!, { body: 'Server wording' });
    expect((await cli(['edit', '--db', replica, '--entity', 'note', '--id', ids.notes[0]!, '--set', 'body=Laptop wording'])).code).toBe(0);
    // A reference the laptop checked, to an objective the PRM deletes before the edit arrives: the PRM rejects it, naming the field.
    expect((await cli(['edit', '--db', replica, '--entity', 'jbp_initiative', '--id', ids.initiatives[0]!, '--set', `objective_id=${ids.objectives[1]!}`])).code).toBe(0);
    prm.store.delete('jbp_objective', ids.objectives[1]!);
    prm.faults.set({ failEvery: 2, rateLimit: 3, retryAfter: 0 });
    try {
      const res = await cli(['sync', '--db', replica, '--prm', prm.url, '--token', 'cli', '--json']);
      expect(res.stderr).toBe('');
      const summary = JSON.parse(res.stdout) as SyncSummary & { open_conflicts: number; pending_edits: number };
      expect(summary).toMatchObject({ ok: true, pushed: 4, applied: 2, merged: 1, conflicts: 1, rejected: 1, pending_edits: 0, open_conflicts: 1, rejected_edits: 1 });
      expect(summary.retries).toBeGreaterThan(0);
    } finally {
      prm.faults.set({ failEvery: 0, rateLimit: 0, retryAfter: 1 });
    }
    expect(prm.store.get('jbp_objective', ids.objectives[0]!)?.data).toMatchObject({ target: 120, weight: 45, title: 'Run 4 workshops' });
    expect(prm.store.get('note', ids.notes[1]!)).toBeNull();
    expect(prm.store.get('note', ids.notes[0]!)?.data.body).toBe('Server wording');
    expect(outbox()).toEqual([
      expect.objectContaining({ record_id: ids.notes[0]!, status: 'conflict' }),
      expect.objectContaining({ record_id: ids.initiatives[0]!, status: 'rejected' }),
    ]);
    const db = new Database(replica, { readonly: true });
    expect(db.prepare("SELECT error FROM outbox WHERE status = 'rejected'").pluck().get()).toMatch(new RegExp(`^objective_id: there is no jbp_objective '${ids.objectives[1]!}'`));
    db.close();
  });

  it('a new note needs only its partner and text: when it was made is filled in', async () => {
    const res = await cli(['edit', '--db', replica, '--entity', 'note', '--id', 'N-CLI-NEW', '--set', `partner_id=${ids.partner}`, '--set', 'body=Met at the summit']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const queued = outbox().find((r) => r.record_id === 'N-CLI-NEW')!;
    const fields = JSON.parse(queued.fields) as Record<string, unknown>;
    expect(fields).toMatchObject({ partner_id: ids.partner, body: 'Met at the summit' });
    expect(fields.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(fields.updated_at).toBe(fields.created_at);
  });
});
