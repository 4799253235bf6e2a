/** Sets the demo PRM's injected faults (`POST /admin/faults`: latency, dropEvery, failEvery …) for a test. */
import { demoPrm } from './fixtures';

export async function prmFaults(body: Record<string, number>): Promise<void> {
  const { url, token } = await demoPrm();
  const res = await fetch(`${url}/admin/faults`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`faults: ${res.status} ${await res.text()}`);
}
