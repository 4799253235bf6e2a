// bench:cli-startup — how long `partnerbook --help` takes from the built JavaScript,
// against the floor of starting Node itself (`node -e 0`), measured in the same run.
// Prints one JSON line; asserts nothing. Plain Node (no TypeScript loader): build first.
//
//   npx electron-vite build && node test/bench/cli-startup.bench.mjs [--runs 21]
//
// JSON: {"bench":"cli-startup","help_ms":{"ms","floor","ratio"},"help_cpu_ms":{"ms","floor","ratio"},
//        "command_ms":{"ms","floor","ratio"},"runs","load"}
//  - help_ms: median wall time of `node bin/partnerbook.mjs --help`; floor: median of `node -e 0`.
//    Target: ≤ 150 ms (issue 17), on a machine that is not loaded.
//  - help_cpu_ms: mean CPU time (user + system) of one run (Linux: the children's times in
//    /proc/self/stat, 10 ms ticks, so the mean of many runs); less moved by the machine's load.
//  - command_ms: median wall time of `partnerbook edit --help`: a command's own start-up, its
//    modules loaded (the app's whole API, as `edit`, `actions` and the others go through it)
//    without opening a replica; same floor. What a script calling the CLI pays per command.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'bin', 'partnerbook.mjs');
const i = process.argv.indexOf('--runs');
const runs = Math.max(3, Number(i > 0 ? process.argv[i + 1] : 21));

if (!existsSync(join(root, 'out', 'main', 'cli.js'))) {
  process.stderr.write('cli-startup: out/main/cli.js is missing; run `npx electron-vite build` first\n');
  process.exit(1);
}

/** CPU time of the waited-for children of this process, in ms (Linux), else null. */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after the name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return null;
  }
}

function measure(args) {
  const times = [];
  const cpu0 = childrenCpuMs();
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const res = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    times.push(performance.now() - t0);
    if (res.status !== 0) throw new Error(`${args.join(' ')} exited with ${res.status}: ${res.stderr}`);
  }
  const cpu1 = childrenCpuMs();
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], cpu: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / runs };
}

const floor = measure(['-e', '0']);
const help = measure([cli, '--help']);
const command = measure([cli, 'edit', '--help']);
const r = (n, d = 0) => (n === null ? null : Number(n.toFixed(d)));
const out = {
  bench: 'cli-startup',
  help_ms: { ms: r(help.median), floor: r(floor.median), ratio: r(help.median / floor.median, 2) },
  help_cpu_ms: { ms: r(help.cpu), floor: r(floor.cpu), ratio: help.cpu && floor.cpu ? r(help.cpu / floor.cpu, 2) : null },
  command_ms: { ms: r(command.median), floor: r(floor.median), ratio: r(command.median / floor.median, 2) },
  runs,
  load: loadavg().map((l) => r(l, 2)),
};
process.stderr.write(`cli-startup: --help ${out.help_ms.ms} ms (median of ${runs}) vs node -e 0 ${out.help_ms.floor} ms; target ≤ 150 ms (${out.help_ms.ms <= 150 ? 'met' : 'MISSED'}); \`edit --help\` ${out.command_ms.ms} ms; at load ${out.load[0]}\n`);
process.stdout.write(`${JSON.stringify(out)}\n`);
