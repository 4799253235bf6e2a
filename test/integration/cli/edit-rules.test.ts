/**
 * `partnerbook edit` applies the same rules as the app: it refuses to change or un-sign a
 * signed plan (or anything in it), to store more than the typed API allows, or an
 * impossible date — one plain line, exit 1, the outbox unchanged.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrmStore } from '../../../tools/demo-prm/store';
import { CLI, REPO } from '../../support/harness';
import { replicaOf } from '../../support/replica-of';
import { seedBase, seedCase, type CaseIds } from '../../support/tiny-book';

const dir = mkdtempSync(join(tmpdir(), 'pb-edit-rules-'));
const replica = join(dir, 'replica.sqlite');
let signed: CaseIds;
let draft: CaseIds;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, 'edit', '--db', replica, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((res) => child.once('exit', (code) => res({ code, stdout, stderr })));
}

function outbox(): unknown[] {
  const db = new Database(replica, { readonly: true });
  try {
    return db.prepare('SELECT * FROM outbox ORDER BY mutation_id').all();
  } finally {
    db.close();
  }
}

beforeAll(() => {
  const store = PrmStore.open(':memory:');
  seedBase(store);
  signed = seedCase(store, 'S');
  store.patch('jbp', signed.jbp, {
    status: 'signed', vendor_signoff_name: 'Dana', vendor_signoff_at: '2026-10-01', partner_signoff_name: 'Pat', partner_signoff_at: '2026-10-02',
  });
  draft = seedCase(store, 'D');
  replicaOf(store, replica).close();
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('partnerbook edit follows the plan rules', () => {
  it.each([
    ['un-sign a signed plan', () => ['--entity', 'jbp', '--id', signed.jbp, '--set', 'status=draft'], /“Plan S” is signed by both sides and locked\. Reopen it/],
    ['change a signed plan', () => ['--entity', 'jbp', '--id', signed.jbp, '--set', 'summary=Changed after signing'], /signed by both sides and locked/],
    ['change an objective of a signed plan', () => ['--entity', 'jbp_objective', '--id', signed.objectives[0]!, '--set', 'target=500'], /signed by both sides and locked/],
    ['delete an initiative of a signed plan', () => ['--entity', 'jbp_initiative', '--id', signed.initiatives[0]!, '--delete'], /signed by both sides and locked/],
    ['sign a draft by hand', () => ['--entity', 'jbp', '--id', draft.jbp, '--set', 'vendor_signoff_name=Me', '--set', 'vendor_signoff_at=2026-11-01'], /^partnerbook edit: The status, revision and signatures of a plan change only by signing it off or reopening it\.\n$/],
    ['store more than plans.update allows', () => ['--entity', 'jbp', '--id', draft.jbp, '--set', `summary=${'x'.repeat(20_001)}`], /^partnerbook edit: The summary is 20,001 characters long; it can be at most 20,000\.\n$/],
    ['store an impossible date', () => ['--entity', 'jbp_initiative', '--id', draft.initiatives[0]!, '--set', 'due_date=2026-02-30'], /^partnerbook edit: Due date: 2026-02-30 is not a real date \(that month has 28 days\)\.\n$/],
    ['put the due quarter outside the plan', () => ['--entity', 'jbp_objective', '--id', draft.objectives[0]!, '--set', 'due_quarter=2027-Q1'], /inside the plan period FY2026/],
  ])('refuses to %s, in one plain line, writing nothing', async (_what, args, message) => {
    const before = outbox();
    const res = await cli(args());
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/^partnerbook edit: /);
    expect(outbox()).toEqual(before);
  });

  it('a valid edit of a draft plan is queued', async () => {
    const res = await cli(['--entity', 'jbp', '--id', draft.jbp, '--set', `summary=${'x'.repeat(20_000)}`, '--json']);
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout)).toMatchObject({ changed: true, entity: 'jbp' });
    expect(outbox()).toHaveLength(1);
  });
});
