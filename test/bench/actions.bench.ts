/**
 * bench:actions — every next-best action for the large demo book (about 5,000 partners,
 * 2.5M engagement events, 160k opportunities), warm: the snapshot queries plus all the
 * rules plus ranking and states, as `actions.list` runs it. The synced replica is cached
 * under the OS temp directory (keyed by seed, scale and as-of date) so only the first run
 * generates and pulls the book. Prints figures; asserts nothing.
 *
 *   npm run bench:actions
 *   BENCH_SCALE=small npm run bench:actions
 */
import { availableParallelism, loadavg } from 'node:os';
import { openDb } from '../../src-main/db/connection';
import { fixedClock } from '../../src-main/base/clock';
import { computeActions, listActions } from '../../src-main/services/actions/service';
import { getActionSettings } from '../../src-main/services/actions/settings';
import { loadSnapshot } from '../../src-main/services/actions/snapshot';
import { cachedReplica } from './large-replica';

const scale = (process.env.BENCH_SCALE ?? 'large') as 'small' | 'medium' | 'large';
const asOf = process.env.BENCH_AS_OF ?? '2026-11-20';
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const log = (m: string) => process.stderr.write(`${m}\n`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main() {
  const path = await cachedReplica({ seed: 42, scale, asOf }, log);
  const db = openDb(path);
  try {
    const clock = fixedClock(asOf);
    const counts = db.sqlite
      .prepare(
        `SELECT (SELECT count(*) FROM partner) AS partners, (SELECT count(*) FROM engagement_event) AS events,
                (SELECT count(*) FROM opportunity) AS opportunities`,
      )
      .get() as { partners: number; events: number; opportunities: number };
    log(`book: ${counts.partners.toLocaleString('en-US')} partners, ${counts.events.toLocaleString('en-US')} events, ${counts.opportunities.toLocaleString('en-US')} opportunities`);

    // A fixed CPU reference, printed so figures from different (or busy) machines can be compared.
    const r0 = performance.now();
    let acc = 0;
    for (let i = 0; i < 1e8; i++) acc += i;
    log(`machine reference: 1e8 additions in ${(performance.now() - r0).toFixed(0)} ms (checksum ${acc > 0 ? 'ok' : '?'})`);

    // Warm-up (page cache, statement compilation), then timed runs.
    listActions(db, clock);
    const all: number[] = [];
    const cpu: number[] = [];
    const snap: number[] = [];
    let n = 0;
    for (let i = 0; i < RUNS; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const list = listActions(db, clock);
      all.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      n = list.actions.length;
      const t1 = performance.now();
      loadSnapshot(db, asOf, getActionSettings(db));
      snap.push(performance.now() - t1);
    }
    const byRule = new Map<string, number>();
    for (const a of computeActions(db, asOf).items) byRule.set(a.rule, (byRule.get(a.rule) ?? 0) + 1);
    log(`actions: ${n.toLocaleString('en-US')} open (${[...byRule].map(([r, c]) => `${r} ${c}`).join(', ')})`);
    log(`all actions, warm, ${RUNS} runs: median ${median(all).toFixed(0)} ms (min ${Math.min(...all).toFixed(0)}, max ${Math.max(...all).toFixed(0)}); snapshot queries alone: median ${median(snap).toFixed(0)} ms`);
    // CPU time of this process during the same runs: less sensitive to other load on the machine.
    log(`CPU time per run: median ${median(cpu).toFixed(0)} ms; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
    const out = { bench: 'actions', all_ms: Math.round(median(all)) };
    log(`target: all ≤ 300 ms (${out.all_ms <= 300 ? 'met' : 'MISSED'})`);
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:actions failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
