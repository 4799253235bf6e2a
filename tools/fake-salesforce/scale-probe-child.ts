/**
 * The fake org for scale-probe.ts, in a process of its own (so its CPU time is its own):
 * scales the AdventureWorks book to `argv[2]` copies, sends `{ url, token, records }`, then
 * answers 'cpu' with the CPU milliseconds it spent since, and 'exit' by closing.
 */
import { scaleOrg } from './scale';
import { startFakeSalesforce } from './server';

async function main(): Promise<void> {
  const sf = await startFakeSalesforce({});
  const records = scaleOrg(sf.org, Number(process.argv[2] ?? 1));
  const res = await fetch(`${sf.url}/__fake/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  const token = String(((await res.json()) as Record<string, unknown>).access_token);
  const base = process.cpuUsage();
  process.on('message', (m) => {
    if (m === 'cpu') {
      const c = process.cpuUsage(base);
      process.send?.({ cpu: (c.user + c.system) / 1000 });
    }
    if (m === 'exit') void sf.close().then(() => process.exit(0));
  });
  process.send?.({ url: sf.url, token, records });
}

void main();
