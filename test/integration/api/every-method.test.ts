/**
 * Every method of the API, fed inputs made from its own schema (test/support/zod-arbitrary.ts)
 * over a small demo book: ids from the book, dates, quarters, numbers at their bounds,
 * hostile text (empty, 5,000 characters, emoji at a field's limit, markup, SQL, control
 * characters). Whatever comes in, the router answers, and never with "Something went
 * wrong" (an internal error) or developer text a person would read ("expected number",
 * a SqliteError, a stack frame); afterwards the book still computes (actions, the digest,
 * health, plans) and the replica is intact. Seeded, so a failure reproduces; the first
 * failures are printed with the input that caused them.
 *
 * Methods left out: the global ones (workspaces, Salesforce sign-in: no workspace root in
 * this test; test/integration/web/harness-fuzz.test.ts sends those raw), `qbr.openFile`
 * (it opens a file in the desktop's own app), and PDF decks (each takes LibreOffice
 * seconds; test/integration/export covers them).
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, GLOBAL_METHODS, type Envelope, type MethodName } from '../../../src-shared/api';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter, type Router } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import type { Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { createSyncService } from '../../../src-main/sync/service';
import { PrmStore } from '../../../tools/demo-prm/store';
import { withAppHandlers } from '../../support/api';
import { replicaOf } from '../../support/replica-of';
import { arbitraryFor } from '../../support/zod-arbitrary';

const AS_OF = '2026-11-20';
/** Another seed or more inputs per method for a longer hunt: PB_FUZZ_SEED=7 PB_FUZZ_RUNS=300 npx vitest run <this file>. */
const SEED = Number(process.env.PB_FUZZ_SEED ?? 20_261_202);
const RUNS = Number(process.env.PB_FUZZ_RUNS ?? 30);
const SKIPPED = new Set<string>([...GLOBAL_METHODS, 'qbr.openFile']);

/** What a person should never read in an answer (after the input's own text is taken out). */
const DEVELOPER_TEXT =
  /Too (big|small)|expected \w+, received|Invalid (input|option)|Unrecognized key|Sqlite|SQLITE_|TypeError|RangeError|ReferenceError|Cannot read|is not a function|is not iterable|\bundefined\b|\bNaN\b|\[object Object\]|\bat \S+ \(|\.ts:\d|node:internal|E[A-Z]{3,}:/;

/** A sentence: a capital (or a quote or digit) first, a full stop, question or closing quote last, no `key:` in front. */
const SENTENCE = /^(?![a-z][\w.]*: )["'“‘(A-Z0-9…][\s\S]*[.?!”"')]$/u;

let db: Db;
let router: Router;
let dataDir: string;
const internal: string[] = [];
let pool: (key: string) => readonly string[];

beforeAll(async () => {
  const clock = fixedClock(AS_OF);
  const store = PrmStore.open(':memory:');
  store.loadBook({ seed: 7, scale: 'small', asOf: AS_OF });
  db = replicaOf(store);
  store.close();
  const events = new EventBus();
  const sync = createSyncService({ db, clock, events, source: () => null });
  dataDir = mkdtempSync(join(tmpdir(), 'pb-every-method-'));
  router = createRouter(withAppHandlers(createHandlers({ db, clock, events, sync, dataDir }), { clock }), (method, err) =>
    internal.push(`${method}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  );
  const ids = (sql: string) => (db.sqlite.prepare(sql).pluck().all() as string[]).slice(0, 25);
  const list = (await router.handle('actions.list', { perBucket: 40 })) as Envelope<{ actions: { key: string }[] }>;
  if (!list.ok) throw new Error(list.error.message);
  const book = {
    partner: ids('SELECT id FROM partner'),
    plan: ids('SELECT id FROM jbp'),
    user: ids('SELECT id FROM user'),
    tier: ids('SELECT id FROM tier'),
    action: list.value.actions.map((a) => a.key),
    any: [
      ...ids('SELECT id FROM partner'),
      ...ids('SELECT id FROM jbp'),
      ...ids('SELECT id FROM jbp_objective'),
      ...ids('SELECT id FROM jbp_initiative'),
      ...ids('SELECT id FROM qbr_note'),
    ],
  };
  const dates = ['2026-11-20', '2026-01-01', '2025-12-31', '2027-06-30', '2024-02-29', '1900-01-01', '2199-12-31'];
  pool = (key) => {
    if (/asOf|date|Date|Until/.test(key)) return dates;
    if (/quarter/.test(key)) return ['2026-Q1', '2026-Q4', '2027-Q2', '1999-Q1', '2099-Q4'];
    if (/period/.test(key)) return ['FY2026', 'FY2027', '2026-H1', '2027-H2', 'FY1999'];
    if (/^partner/.test(key)) return book.partner;
    if (key === 'planId') return book.plan;
    if (key === 'key') return book.action;
    if (/^tier/.test(key)) return book.tier;
    if (/^owner$|ownerId|managerId/.test(key)) return book.user;
    if (key === 'currency') return ['USD', 'EUR', 'JPY', 'GBP'];
    if (key === 'primary' || key === 'accent') return ['#2F5D8A', '#000000', '#ffffff'];
    if (key === 'id') return book.any;
    return [];
  };
}, 120_000);

afterAll(() => db?.close());

/** Every string inside `v`, longest first (so a message's echo of the input can be taken out). */
function stringsIn(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) stringsIn(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) stringsIn(x, stringsIn(k, out));
  return out.sort((a, b) => b.length - a.length);
}

function problemWith(env: Envelope<unknown>, input: unknown): string | null {
  if (env.ok) return null;
  const { code, message } = env.error;
  if (code === 'internal') return `internal error: ${message}`;
  if (typeof message !== 'string' || message.trim() === '') return `${code} with no message`;
  // Echoes holding more than spaces and punctuation (a lone "." would take a sentence's full
  // stop), in any case (a label capitalizes the key it is made from).
  const echoes = stringsIn(input)
    .filter((s) => /[^\s\p{P}]/u.test(s))
    .map((s) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu'));
  const own = (text: string) => echoes.reduce((t, re) => t.replace(re, '…'), text.trim());
  const dev = DEVELOPER_TEXT.exec(own(message));
  if (dev) return `${code} reads "${dev[0]}": ${message}`;
  // The app shows a refusal's issues (each next to its field, or joined where one text is
  // shown): each a sentence of its own, not "required" or "path: expected YYYY-Qn".
  for (const issue of env.error.issues ?? []) {
    if (!SENTENCE.test(own(issue.message))) return `${code}: issue on ${issue.path} is not a sentence: "${issue.message}" (message: ${message})`;
  }
  return SENTENCE.test(own(message)) ? null : `${code}: not a sentence: ${message}`;
}

describe('every API method, fed inputs made from its schema', () => {
  it('answers each one in words, never with an internal error, and the book still computes afterwards', async () => {
    const methods = (Object.keys(api) as MethodName[]).filter((m) => !SKIPPED.has(m));
    const failures: string[] = [];
    const accepted = new Set<string>();
    let calls = 0;
    for (const [i, method] of methods.entries()) {
      const inputs = fc
        .sample(arbitraryFor(api[method].input, { pool }), { numRuns: RUNS, seed: SEED + i })
        .filter((input) => !(method.startsWith('qbr.') && (input as { format?: unknown }).format === 'pdf'));
      for (const input of inputs) {
        calls++;
        let env: Envelope<unknown>;
        try {
          env = await router.handle(method, input);
        } catch (err) {
          failures.push(`${method} threw ${String(err)} for ${JSON.stringify(input).slice(0, 300)}`);
          continue;
        }
        if (env.ok) accepted.add(method);
        const problem = problemWith(env, input);
        if (problem) failures.push(`${method}: ${problem.slice(0, 300)} — input ${JSON.stringify(input).slice(0, 300)}`);
      }
    }
    if (internal.length) console.error(`internal errors:\n${internal.slice(0, 5).join('\n\n')}`);
    if (process.env.PB_FUZZ_LIST) console.log([...new Set(failures.map((f) => f.replace(/ — input .*$/, "").replace(/\(message: .*\)/, "").replace(/: not a sentence: .*/, ": not a sentence")))].join("\n"));
    expect(failures.slice(0, 10)).toEqual([]);
    // The inputs reach the services, not only the validation in front of them: most methods
    // took at least one (a generator that drifted into making only refused inputs fails here).
    expect(accepted.size).toBeGreaterThanOrEqual(Math.floor(methods.length * 0.7));
    expect(calls).toBeGreaterThan(methods.length * RUNS * 0.9);

    for (const [method, input] of [
      ['actions.list', { perBucket: 20 }],
      ['actions.digest', {}],
      ['actions.summary', {}],
      ['health.portfolio', {}],
      ['plans.list', {}],
      ['forecast.book', {}],
    ] as const) {
      const env = await router.handle(method, input);
      expect(env.ok ? 'ok' : `${method}: ${env.error.message}`).toBe('ok');
    }
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
  }, 600_000);

  it('refuses, in words naming the file, an upload whose name no disk keeps; the rest of the upload is unharmed', async () => {
    const long = await router.handle('import.stage', { name: `${'表'.repeat(100)}.csv`, offset: 0, data: '' });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!long.ok && long.error.message).toBe('File name: too long for the disk to keep; rename the file to something shorter and add it again.');
    const control = await router.handle('import.stage', { name: 'a\u0000b.csv', offset: 0, data: '' });
    expect(!control.ok && control.error.message).toBe('File name: it holds control characters; rename the file and add it again.');
    // 81 characters of three bytes each and '.csv' (247 bytes): a name a disk keeps.
    const kept = await router.handle('import.stage', { name: `${'表'.repeat(81)}.csv`, offset: 0, data: Buffer.from('id,name\n1,x\n').toString('base64') });
    expect(kept).toEqual({ ok: true, value: { name: `${'表'.repeat(81)}.csv`, bytes: 12 } });
  });

  it('says in a whole sentence, message and field alike, when the upload cannot be written', async () => {
    // A file where the staged uploads' folder goes: as a full disk or a read-only folder would, the write fails.
    const folder = join(dataDir, 'import-files');
    rmSync(folder, { recursive: true, force: true });
    writeFileSync(folder, 'in the way');
    try {
      const res = await router.handle('import.stage', { name: 'deals.csv', offset: 0, data: '' });
      const sentence = `Can't write to ${folder}: it is a file, not a folder.`;
      expect(res).toEqual({ ok: false, error: { code: 'invalid_input', message: sentence, issues: [{ path: 'name', message: sentence }] } });
    } finally {
      rmSync(folder, { force: true });
    }
  });
});
